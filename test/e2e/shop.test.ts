/**
 * The shop in a real browser (Debian's Chromium through playwright-core) against the
 * real server on a fresh PostgreSQL database with the demo catalogue: sign up, search
 * without accents, filter by category, open a product, sign out and in again — with
 * axe on every page and no Content-Security-Policy violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { assertAccessible, assertCleanPage, browserSuite, formatEuros } from '../helpers/browser.ts';
import { ApiClient } from '../helpers/client.ts';
import { demoProduct } from '../helpers/fixtures.ts';

const suite = browserSuite();
const { openPage, inPage } = suite;

test('when a visitor signs up, searches without accents, filters and opens a product, then every step works and is accessible', async () => {
  const w = await openPage();
  const { page } = w;
  const creme = await demoProduct(suite.server.url, 'crème fraîche');
  const name = 'Inès Dupont';
  const email = `ines.dupont.${Date.now()}@exemple.fr`;
  const password = 'un-mot-de-passe-solide';

  try {
    // Sign-up page.
    await page.goto(`${suite.server.url}/register`);
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await assertAccessible(page, 'sign-up page');

    await page.getByLabel('Nom').fill(name);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    // Back on the catalogue, signed in: the header says who.
    await page.waitForURL(`${suite.server.url}/`);
    await page
      .getByRole('banner')
      .getByRole('link', { name: new RegExp(name) })
      .waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).waitFor();

    // Catalogue page, with its products loaded.
    await page.locator('.grid .card').first().waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ produits/ })
      .waitFor();
    await assertAccessible(page, 'catalogue page');

    // Search for "creme" (no accent): "Crème fraîche épaisse" is found, unrelated products are not.
    await page.getByLabel('Rechercher un produit').fill('creme');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'creme');
    await page.getByRole('status').filter({ hasText: 'pour « creme »' }).waitFor();
    await page.getByRole('link', { name: creme.name, exact: true }).waitFor();
    const titles = await page.locator('.card__title').allTextContents();
    assert.ok(titles.length >= 1, 'the search finds products');
    assert.ok(!titles.includes('Penne rigate'), 'the search leaves out unrelated products');
    assert.equal(page.url(), `${suite.server.url}/?q=creme`, 'the search is in the address');

    // Filter by the product's category: the search stays, the category is marked current.
    const categories = page.getByRole('navigation', { name: 'Catégories' });
    await categories.getByRole('link', { name: 'Produits laitiers & œufs' }).click();
    await page.waitForURL((url) => url.searchParams.get('category') === creme.category && url.searchParams.get('q') === 'creme');
    await categories.locator('a[aria-current="page"]', { hasText: 'Produits laitiers & œufs' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Produits laitiers & œufs' }).waitFor();
    await page.getByRole('link', { name: creme.name, exact: true }).waitFor();

    // The category alone, without the search: other dairy products show up.
    await page.getByLabel('Rechercher un produit').fill('');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(`${suite.server.url}/?category=${creme.category}`);
    await page.getByRole('link', { name: 'Beurre doux', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Penne rigate', exact: true }).count(), 0, 'the filter leaves out other categories');

    // The back button returns to the earlier search.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'creme');
    await page.getByRole('status').filter({ hasText: 'pour « creme »' }).waitFor();
    assert.equal(await page.getByLabel('Rechercher un produit').inputValue(), 'creme');

    // Product page: name, price at cost, stock.
    await page.getByRole('link', { name: creme.name, exact: true }).click();
    await page.waitForURL(`${suite.server.url}/products/${creme.id}`);
    await page.getByRole('heading', { level: 1, name: creme.name }).waitFor();
    const main = page.getByRole('main');
    await main.getByText(formatEuros(creme.priceCents), { exact: true }).waitFor();
    await main.getByText(creme.stock > 5 ? `En stock : ${creme.stock}` : `Plus que ${creme.stock} !`, { exact: true }).waitFor();
    assert.equal(await page.title(), `${creme.name} — Panier Solidaire`);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'after a navigation the focus is on the main heading');
    await assertAccessible(page, 'product page');

    // Sign out from the header, then the sign-in page, then sign in again.
    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.goto(`${suite.server.url}/login?next=/account`);
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await assertAccessible(page, 'sign-in page');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${suite.server.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByRole('main').getByText(email, { exact: true }).waitFor();

    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

/** The verification links mailed to `email` so far (the outbox: no SMTP server in this suite), once `count` are there. */
async function verificationLinks(email: string, count: number): Promise<string[]> {
  const dir = path.join(suite.server.dataDir, 'outbox');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const links: string[] = [];
    for (const file of (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'))) {
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      if (!to.some((a) => a?.value.some((v) => v.address === email))) continue;
      const link = /(http\S+\/verify-email\?token=\S+)/.exec(mail.text ?? '')?.[1];
      if (link) links.push(link);
    }
    if (links.length >= count) return links;
    if (Date.now() > deadline) throw new Error(`${links.length} verification mails for ${email}, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('when a new customer asks for the link again from their account and opens it, then the page says the address is confirmed and the account shows it', async () => {
  const api = new ApiClient(suite.server.url);
  const me = await api.register('Zoé Confirme', `zoe.confirme.${Date.now()}@exemple.fr`);
  await inPage(async (page, w) => {
    await w.context.addCookies(
      api.cookieHeader.split('; ').map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: suite.server.url };
      }),
    );
    await page.goto(`${suite.server.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByText('Pas encore confirmée', { exact: false }).waitFor();
    await assertAccessible(page, 'account page, address not confirmed');
    await page.getByRole('button', { name: 'Renvoyer le lien' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Un nouveau lien vient de partir vers ${me.email}.` })
      .waitFor();

    // The sign-up's link and the one sent again: the latest is opened.
    const links = await verificationLinks(me.email, 2);
    const link = new URL(links.at(-1)!);
    assert.equal(link.pathname, '/verify-email');
    await page.goto(`${suite.server.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Adresse e-mail confirmée' }).waitFor();
    await page.getByText(`L’adresse ${me.email} est confirmée`, { exact: false }).waitFor();
    await assertAccessible(page, 'verification page');

    await page.goto(`${suite.server.url}/account`);
    await page.getByRole('main').getByText('Confirmée', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Renvoyer le lien' }).count(), 0);

    // A link used once no longer works, and says so.
    await page.goto(`${suite.server.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Ce lien ne fonctionne plus' }).waitFor();
  });
});

test('when the sign-up or sign-in is refused, then the reason is shown in plain words', () =>
  inPage(async (page) => {
    // An email already taken (a demo account).
    await page.goto(`${suite.server.url}/register`);
    await page.getByLabel('Nom').fill('Quelqu’un');
    await page.getByLabel('Adresse e-mail').fill('client@demo.panier-solidaire.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('encore-un-mot-de-passe');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page
      .getByText(/Un compte existe déjà avec cette adresse e-mail/)
      .first()
      .waitFor();
    assert.equal(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid'), 'true');

    // A password too short: the field says why.
    await page.getByLabel('Adresse e-mail').fill(`court.${Date.now()}@exemple.fr`);
    await page.getByLabel('Mot de passe', { exact: true }).fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('.field__error', { hasText: 'au moins 8 caractères' }).waitFor();

    // A wrong password.
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel('Adresse e-mail').fill('client@demo.panier-solidaire.fr');
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect').waitFor();
    assert.equal(page.url(), `${suite.server.url}/login`);
  }));

test('when the shop is seen on a phone, in English, then nothing overflows and the texts change language', () =>
  inPage({ width: 360, height: 800 }, async (page) => {
    await page.goto(`${suite.server.url}/`);
    await page.locator('.grid .card').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll on a 360 px screen (overflow ${overflow}px)`);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Search for a product').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ products/ })
      .waitFor();
    await assertAccessible(page, 'catalogue in English on a phone');

    // The choice is kept.
    await page.reload();
    await page.getByRole('button', { name: 'Français' }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel('Rechercher un produit').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

    // An unknown product is a clear 404 page, not a broken screen.
    await page.goto(`${suite.server.url}/products/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Produit introuvable' }).waitFor();
  }));

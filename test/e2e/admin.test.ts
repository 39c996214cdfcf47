/**
 * The admin panel in a real browser (Debian's Chromium through playwright-core) against
 * the real server on a fresh PostgreSQL database with the demo data: sign in from the
 * panel's link, create a product with a photo and find it, with that photo, in the
 * shop's search; adjust its stock; cancel an order with a reason; the server's refusal
 * of a self-demotion; the journal; a staff account refused — with axe on the pages and
 * no Content-Security-Policy violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { assertAccessible, assertCleanPage, browserSuite, type WatchedPage } from '../helpers/browser.ts';
import { DEMO, signedIn } from '../helpers/client.ts';
import { customer, firstCentreId, productWithStock } from '../helpers/fixtures.ts';

const suite = browserSuite();
const { openPage, inPage } = suite;

/** Signs the browser context in through the API (the session cookie lands in the context). */
async function signInByApi(w: WatchedPage, who: { email: string; password: string }): Promise<void> {
  const res = await w.context.request.post(`${suite.server.url}/api/auth/login`, { data: who });
  assert.equal(res.status(), 200, await res.text());
}

/** Waits until an <img> has loaded (or failed: naturalWidth 0), then returns its src and natural width. */
async function loadedImage(page: Page, selector: string): Promise<{ src: string; naturalWidth: number }> {
  const img = page.locator(selector).first();
  await img.waitFor();
  await img.evaluate((el: HTMLImageElement) =>
    el.complete
      ? undefined
      : new Promise((resolve) => {
          el.addEventListener('load', resolve, { once: true });
          el.addEventListener('error', resolve, { once: true });
        }),
  );
  return img.evaluate((el: HTMLImageElement) => ({ src: el.getAttribute('src') ?? '', naturalWidth: el.naturalWidth }));
}

test('when an admin creates a product with a photo, then the shop finds it with that photo, and a stock adjustment shows the new stock', async () => {
  const w = await openPage();
  const { page } = w;
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `Lentilles corail ${unique}`;
  const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a9d8f' } })
    .png()
    .toBuffer();

  try {
    // Signed out: the panel says so and links to the sign-in page, which comes back here.
    await page.goto(`${suite.server.url}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Connexion requise' }).waitFor();
    const signIn = page.getByRole('main').getByRole('link', { name: 'Se connecter' });
    assert.equal(await signIn.getAttribute('href'), '/login?next=/admin');
    await signIn.click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(DEMO.admin.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${suite.server.url}/admin/products`);

    // The products list.
    await page.getByRole('heading', { level: 1, name: 'Produits' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ produits/ })
      .waitFor();
    await page.getByRole('link', { name: 'Bananes', exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Rubriques de l’administration' })
      .getByRole('link', { name: 'Produits' })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    await assertAccessible(page, 'products list');

    // The create form: an empty submit names what is missing, next to the fields.
    await page.getByRole('link', { name: 'Nouveau produit' }).click();
    await page.waitForURL(`${suite.server.url}/admin/products/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau produit' }).waitFor();
    await assertAccessible(page, 'product form');
    await page.getByRole('button', { name: 'Créer le produit' }).click();
    await page.locator('.field__error', { hasText: 'Indiquez le nom du produit.' }).waitFor();
    assert.equal(await page.getByLabel('Nom', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name', 'the focus goes to the first faulty field');

    await page.getByLabel('Nom', { exact: true }).fill(name);
    await page.getByLabel('Catégorie').selectOption({ label: 'Épicerie salée' });
    await page.getByLabel('Description', { exact: true }).fill('Lentilles corail françaises, cuisson 10 minutes.');
    await page.getByLabel('Conditionnement').fill('500 g');
    await page.getByLabel('Prix coûtant (€)').fill('2,35');
    await page.getByLabel('Stock initial').fill('8');
    await page.getByLabel('Photo (facultatif)').setInputFiles({ name: 'lentilles.png', mimeType: 'image/png', buffer: png });
    // The preview gives the file's real size (a small image is some Ko, not "0 Mo").
    const kb = (png.length / 1024).toLocaleString('fr-FR', { maximumFractionDigits: png.length < 10 * 1024 ? 1 : 0 });
    await page.getByText(`Aperçu : lentilles.png (${kb} Ko)`).waitFor();
    const preview = await loadedImage(page, '.image-preview img');
    assert.match(preview.src, /^blob:/, 'the chosen photo is previewed before sending');
    await page.getByRole('button', { name: 'Créer le produit' }).click();

    // The product's page, with the photo the server re-encoded.
    await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText(`Produit « ${name} » créé.`).waitFor();
    const current = await loadedImage(page, '.image-current img');
    assert.match(current.src, /^\/images\/uploads\/[0-9a-f-]{36}\.webp$/);
    assert.ok(current.naturalWidth > 0, 'the uploaded photo is shown');
    assert.equal(await page.locator('.stock-now__value').textContent(), '8');

    // A stock adjustment with a reason: the new stock and the movement show.
    await page.getByLabel('Entrée (ajouter au stock)').check();
    await page.getByLabel('Quantité').fill('5');
    await page.getByLabel('Raison').fill('Livraison de la Banque alimentaire');
    await page.getByText('Stock après l’ajustement : 13').waitFor();
    await page.getByRole('button', { name: 'Enregistrer l’ajustement' }).click();
    await page.getByText('Stock mis à jour : 13.').waitFor();
    await page.locator('.stock-now__value', { hasText: /^13$/ }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Livraison de la Banque alimentaire' }).filter({ hasText: '+5' }).waitFor();

    // Taking out more than the stock is refused before it reaches the server.
    await page.getByLabel('Sortie (retirer du stock)').check();
    await page.getByLabel('Quantité').fill('20');
    await page.getByLabel('Raison').fill('Casse');
    await page.getByRole('button', { name: 'Enregistrer l’ajustement' }).click();
    await page.locator('.field__error', { hasText: 'le stock ne peut pas devenir négatif (stock actuel : 13)' }).waitFor();

    // The shop's search finds it, with that photo, at its price.
    await page.goto(`${suite.server.url}/?q=${encodeURIComponent(unique)}`);
    const card = page.locator('.card', { has: page.getByRole('link', { name, exact: true }) });
    await card.waitFor();
    const shopImage = await loadedImage(page, `.card:has(a:text-is("${name}")) img`);
    assert.equal(shopImage.src, current.src, 'the shop shows the uploaded photo');
    assert.ok(shopImage.naturalWidth > 0, 'the photo loaded in the shop');
    await card.getByText(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(2.35)).waitFor();

    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

test('when an admin cancels an order, then a reason is asked, a message for the customer can be written, and the order shows as canceled', async () => {
  const buyer = await customer(suite.server);
  const p = await productWithStock(suite.server, 2);
  const { body } = await buyer.post('/api/orders', { centreId: await firstCentreId(suite.server), items: [{ productId: p.id, quantity: 1 }] });
  const order = body.order as { id: string; number: string };
  await buyer.post(`/api/payments/demo/${order.id}`, { outcome: 'succeeded' });

  await inPage({ width: 768, height: 1024 }, async (page, w) => {
    await signInByApi(w, DEMO.admin);
    await page.goto(`${suite.server.url}/admin/orders?status=paid`);
    await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
    const link = page.getByRole('link', { name: order.number });
    await link.waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Exporter cette liste (CSV)' }).getAttribute('href'),
      '/api/admin/orders?status=paid&format=csv',
      'the export keeps the filters',
    );
    await assertAccessible(page, 'orders list');

    await link.click();
    await page.getByRole('heading', { level: 1, name: `Commande ${order.number}` }).waitFor();
    await page.getByRole('button', { name: 'Commencer la préparation' }).waitFor();
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = page.getByRole('dialog', { name: `Annuler la commande ${order.number} ?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Annuler la commande' }).click();
    await dialog.getByText('Indiquez la raison de l’annulation.').waitFor();
    await dialog.getByLabel('Raison de l’annulation').fill('Centre fermé cette semaine');
    await dialog.getByLabel('Message au client (facultatif)').fill('Votre centre ferme cette semaine : vous êtes remboursé.');
    await dialog.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByText(`Commande ${order.number} : Annulée.`).waitFor();
    await page.getByText('Note : Centre fermé cette semaine').waitFor();
    await page.getByText('Message au client : Votre centre ferme cette semaine : vous êtes remboursé.').waitFor();
    // The customer reads the message, never the internal reason.
    const seen = (await buyer.get(`/api/orders/${order.id}`)).body as { history: Array<{ note: string | null; customerMessage: string | null }> };
    assert.equal(seen.history.at(-1)!.customerMessage, 'Votre centre ferme cette semaine : vous êtes remboursé.');
    assert.equal(seen.history.at(-1)!.note, null);
    await page.getByText('Aucune action possible : cette commande est terminée.').waitFor();
    await assertAccessible(page, 'order page');
  });
});

test('when an admin manages accounts and reads the journal, then refusals are clear and entries say who, what and when', async () => {
  const admin = await signedIn(suite.server.url, DEMO.admin);
  const p = await productWithStock(suite.server, 1);
  await admin.post(`/api/admin/products/${p.id}/stock`, { delta: 4, reason: 'Inventaire de printemps' });

  await inPage(async (page, w) => {
    await signInByApi(w, DEMO.admin);
    await page.goto(`${suite.server.url}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await page.getByLabel('Rechercher un compte').fill('BENALI');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'BENALI');
    await page.getByRole('status').filter({ hasText: '1 compte pour « BENALI »' }).waitFor();
    await page.getByRole('link', { name: 'Karim Benali' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sophie Laurent' }).count(), 0);
    await assertAccessible(page, 'users list');

    // Her own account: the server refuses the demotion, and the page says why.
    await page.goto(`${suite.server.url}/admin/users?q=admin%40demo`);
    await page.getByRole('link', { name: 'Sophie Laurent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sophie Laurent' }).waitFor();
    await page.getByLabel('Profil du compte').selectOption('staff');
    await page.getByRole('button', { name: 'Changer le profil' }).click();
    // A role change is confirmed first (test/e2e/back-office.test.ts checks the dialog).
    await page.getByRole('dialog').getByRole('button', { name: 'Oui, passer en « Équipe »' }).click();
    await page.getByRole('alert').filter({ hasText: 'vous ne pouvez ni retirer vos propres droits d’administrateur' }).waitFor();
    assert.equal(await page.getByLabel('Profil du compte').inputValue(), 'admin', 'the select shows the role kept');
    await assertAccessible(page, 'user page');

    // The journal, products only: the adjustment with who, what and the reason.
    await page.getByRole('navigation', { name: 'Rubriques de l’administration' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByLabel('Type d’élément').selectOption('product');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('entityType') === 'product');
    const entry = page.locator('.audit-entry', { hasText: 'Inventaire de printemps' });
    await entry.waitFor();
    await entry.getByText('Stock ajusté').waitFor();
    await entry.getByRole('link', { name: p.name, exact: true }).waitFor();
    await entry.getByText('par Sophie Laurent (Administrateur)').waitFor();
    await entry
      .getByRole('row', { name: /Stock/ })
      .filter({ hasText: String(p.stock + 4) })
      .waitFor();
    assert.equal(await page.locator('.audit-entry', { hasText: 'Statut de commande changé' }).count(), 0, 'only product entries');
    await assertAccessible(page, 'journal');
  });
});

test('when a staff member or a customer opens the admin panel, then a clear refusal is shown', async () => {
  for (const [who, title, text, link] of [
    [DEMO.staff, 'Réservé aux administrateurs', 'compte de l’équipe', 'Aller à la console de l’équipe'],
    [DEMO.customer, 'Réservé aux administrateurs', 'compte client', 'Aller à la boutique'],
  ] as const) {
    const w = await openPage();
    const { page } = w;
    try {
      await signInByApi(w, who);
      await page.goto(`${suite.server.url}/admin/users`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('main').getByText(text).waitFor();
      await page.getByRole('link', { name: link }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Rubriques de l’administration' }).count(), 0, 'no admin navigation');
      await assertAccessible(page, `refusal for ${who.email}`);
      assertCleanPage(w);
    } finally {
      await w.context.close();
    }
  }
});

/**
 * Issue 17, points 9, 11 and 12c in a real browser, on a phone (390×844) and a laptop: the
 * account page (rename, end another device's session), the footer's pages (and an admin's
 * markdown that tries to inject script, shown inert), the admin's Pages screen, and
 * "Prévenez-moi" on a sold-out product through to the mail's one-click stop link — with axe
 * on every page and no Content-Security-Policy violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { assertAccessible, browserSuite, type WatchedPage } from '../helpers/browser.ts';
import { ApiClient, DEMO } from '../helpers/client.ts';

const suite = browserSuite();
const { inPage } = suite;

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The browser signs in with the API client's session (its cookie handed to the context). */
async function signIn(w: WatchedPage, api: ApiClient): Promise<void> {
  await w.context.addCookies(
    api.cookieHeader.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: suite.server.url };
    }),
  );
}

/** A fresh customer signed in from "this" browser and from another device. */
async function customerOnTwoDevices(label: string) {
  const email = `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@exemple.fr`;
  const here = new ApiClient(suite.server.url);
  const res = await here.post('/api/auth/register', { name: 'Camille Durand', email, password: 'un-mot-de-passe-solide' }, { 'user-agent': CHROME_WINDOWS });
  assert.equal(res.status, 201);
  const other = new ApiClient(suite.server.url);
  assert.equal((await other.post('/api/auth/login', { email, password: 'un-mot-de-passe-solide' }, { 'user-agent': FIREFOX_LINUX })).status, 200);
  return { here, other, email };
}

let adminClient: ApiClient | undefined;
async function admin(): Promise<ApiClient> {
  if (!adminClient) {
    adminClient = new ApiClient(suite.server.url);
    assert.equal((await adminClient.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
  }
  return adminClient;
}

async function setStock(productId: string, stock: number): Promise<void> {
  const a = await admin();
  const current = (await a.get(`/api/admin/products/${productId}`)).body.stock as number;
  if (current === stock) return;
  const res = await a.post(`/api/admin/products/${productId}/stock`, { delta: stock - current, reason: 'test' });
  assert.equal(res.status, 200);
}

/** The "stop" links mailed to `email` (outbox: no SMTP server in this suite), once there is one. */
async function stopLink(email: string, productName: string): Promise<string> {
  const dir = path.join(suite.server.dataDir, 'outbox');
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const file of (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'))) {
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      if (!to.some((a) => a?.value.some((v) => v.address === email)) || !mail.subject?.includes(productName)) continue;
      const link = /(http\S+\/stock-alerts\/stop\?token=\S+)/.exec(mail.text ?? '')?.[1];
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`no back-in-stock mail for ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const footerLink = (page: Page, name: string) => page.getByRole('contentinfo').getByRole('navigation', { name: 'Informations' }).getByRole('link', { name });

for (const vp of VIEWPORTS) {
  test(`when a customer on a ${vp.name} renames themselves and ends their other device's session, then the page and the other device follow`, async () => {
    const { here, other } = await customerOnTwoDevices(`compte-${vp.name}`);
    await inPage({ width: vp.width, height: vp.height }, async (page, w) => {
      await signIn(w, here);
      await page.goto(`${suite.server.url}/account`);
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      const sessions = page.getByRole('region', { name: 'Mes sessions ouvertes' });
      await sessions.getByText('Chrome sur Windows').waitFor();
      await sessions.getByText('Cet appareil').waitFor();
      await sessions.getByText('Firefox sur Linux').waitFor();
      await assertAccessible(page, `account page (${vp.name})`);

      // Rename: the header follows.
      const name = page.getByLabel('Nom', { exact: true });
      await name.fill('Camille Renommée');
      await page.getByRole('region', { name: 'Mon profil' }).getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .getByRole('banner')
        .getByRole('link', { name: /Camille Renommée/ })
        .waitFor();
      assert.equal((await here.get('/api/auth/me')).body.user.name, 'Camille Renommée');

      // End the other device: it is signed out, this one stays.
      await sessions.getByRole('button', { name: 'Fermer la session Firefox sur Linux' }).click();
      await sessions.getByText('Aucune autre session n’est ouverte.').waitFor();
      assert.equal(await sessions.getByText('Firefox sur Linux').count(), 0);
      assert.equal((await other.get('/api/auth/me')).status, 401);
      assert.equal((await here.get('/api/auth/me')).status, 200);
      await assertAccessible(page, `account page after ending a session (${vp.name})`);
    });
  });

  test(`when a visitor on a ${vp.name} opens the footer's pages, then each shows its text, and an admin's script is shown as inert text`, () =>
    inPage({ width: vp.width, height: vp.height }, async (page) => {
      await page.goto(`${suite.server.url}/`);
      await footerLink(page, 'Mentions légales').click();
      await page.getByRole('heading', { level: 1, name: 'Mentions légales' }).waitFor();
      assert.match(page.url(), /\/pages\/mentions-legales$/);
      await assertAccessible(page, `legal notice (${vp.name})`);

      await footerLink(page, 'Données personnelles').click();
      await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Vos droits (RGPD)' }).waitFor();
      // The rights lead to the account pages that exercise them.
      const rights = page.locator('.site-page__body');
      assert.ok((await rights.getByRole('link', { name: 'Mes données' }).first().getAttribute('href')) === '/account/data');
      await footerLink(page, 'Contact').waitFor();

      // An admin's text that tries HTML and script links: rendered as text, nothing runs.
      const slug = vp.name === 'phone' ? 'comment-ca-marche' : 'cgv';
      const body = [
        '## Bienvenue',
        'Du **gras**, un [lien sûr](https://example.org/) et un [piège](javascript:window.__pwned=1).',
        '<img src=x onerror="window.__pwned=2">',
        '<script>window.__pwned=3</script>',
      ].join('\n\n');
      assert.equal((await (await admin()).put(`/api/admin/pages/${slug}`, { lang: 'fr', title: `Page ${vp.name}`, body })).status, 200);
      await page.goto(`${suite.server.url}/pages/${slug}`);
      await page.getByRole('heading', { level: 1, name: `Page ${vp.name}` }).waitFor();
      // The footer names the page as the admin titled it.
      await footerLink(page, `Page ${vp.name}`).waitFor();
      const text = page.locator('.site-page__body');
      await text.getByRole('heading', { level: 2, name: 'Bienvenue' }).waitFor();
      assert.equal(await text.locator('strong').textContent(), 'gras');
      assert.equal(await text.getByRole('link', { name: 'lien sûr' }).getAttribute('href'), 'https://example.org/');
      assert.equal(await text.getByRole('link', { name: 'piège' }).count(), 0, 'a javascript: link is not a link');
      assert.equal(await text.locator('img, script').count(), 0);
      await text.getByText('<img src=x onerror="window.__pwned=2">').waitFor();
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      await assertAccessible(page, `admin-written page (${vp.name})`);
    }));

  test(`when a customer on a ${vp.name} asks "Prévenez-moi" on a sold-out product, then the mail's link stops the alerts in one click`, async () => {
    const products = (await (await fetch(`${suite.server.url}/api/products?pageSize=100`)).json()) as {
      items: Array<{ id: string; name: string; stock: number }>;
    };
    const product = products.items.filter((p) => p.stock > 0)[vp.name === 'phone' ? 3 : 4]!;
    await setStock(product.id, 0);
    const { here, email } = await customerOnTwoDevices(`alerte-${vp.name}`);
    await inPage({ width: vp.width, height: vp.height }, async (page, w) => {
      await signIn(w, here);
      await page.goto(`${suite.server.url}/products/${product.id}`);
      await page.getByRole('heading', { level: 1, name: product.name }).waitFor();
      await page.getByRole('button', { name: 'Prévenez-moi' }).click();
      await page.getByText('C’est noté : nous vous écrirons dès qu’il sera de nouveau disponible.').waitFor();
      await page.getByRole('button', { name: 'Ne plus me prévenir' }).waitFor();
      assert.deepEqual(
        (await here.get('/api/stock-alerts')).body.map((a: { productId: string }) => a.productId),
        [product.id],
      );
      await assertAccessible(page, `product page with "Prévenez-moi" (${vp.name})`);

      // A second request on another sold-out product, then the first comes back: one mail.
      const second = products.items.filter((p) => p.stock > 0)[vp.name === 'phone' ? 5 : 6]!;
      await setStock(second.id, 0);
      assert.equal((await here.put(`/api/stock-alerts/${second.id}`)).status, 200);
      await setStock(product.id, 5);
      // The page hears the stock come back: the request gives way to buying.
      await page.getByRole('button', { name: 'Ne plus me prévenir' }).waitFor({ state: 'detached' });

      const link = await stopLink(email, product.name);
      await page.goto(link.replace(/^http:\/\/localhost:\d+/, suite.server.url));
      await page.getByRole('heading', { level: 1, name: 'Alertes « Prévenez-moi »' }).waitFor();
      await page.getByText(/C’est fait : 1 alerte\(s\) en attente supprimée\(s\)/).waitFor();
      assert.deepEqual((await here.get('/api/stock-alerts')).body, []);
      await assertAccessible(page, `stop page (${vp.name})`);
    });
  });
}

test('when the admin rewrites a page on the Pages screen, then the preview shows it and the shop serves it', () =>
  inPage(async (page, w) => {
    await signIn(w, await admin());
    await page.goto(`${suite.server.url}/admin/pages`);
    await page.getByRole('heading', { level: 1, name: 'Pages' }).waitFor();
    await assertAccessible(page, 'admin Pages screen');
    const form = page.locator('[data-page-form="contact:fr"]');
    await form.getByLabel('Titre (Français)').fill('Nous écrire');
    await form.getByLabel('Texte (markdown) (Français)').fill('## Par courriel\nÉcrivez à **l’équipe**.');
    await form.locator('[data-preview] strong', { hasText: 'l’équipe' }).waitFor();
    await form.getByRole('button', { name: 'Enregistrer (Français)' }).click();
    await page.getByText('Page « Nous écrire » enregistrée.').waitFor();
    const served = await new ApiClient(suite.server.url).get('/api/pages/contact?lang=fr');
    assert.equal(served.body.title, 'Nous écrire');
    assert.equal(served.body.body, '## Par courriel\nÉcrivez à **l’équipe**.');
  }));

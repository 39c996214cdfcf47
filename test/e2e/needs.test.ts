/**
 * Centres' needs in a real browser: a donor fills a need from the home page (« J'offre », the
 * checkout proposes the need's centre, pays on the demo page) while another window's gauge
 * moves live, without reloading. axe on the home page; no CSP violation nor page error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, assertCleanPage, browserSuite } from '../helpers/browser.ts';
import { ApiClient, DEMO } from '../helpers/client.ts';
import type { Centre, Impact, Need, ProductPage } from '../../src/contract/index.ts';
import { payDemo, placeOrder, sql } from '../helpers/fixtures.ts';

const suite = browserSuite();
const { openPage } = suite;

test('when a donor fills a need from the home page, then another window sees the gauge move live and the need thanks', async () => {
  const url = suite.server.url;
  const staff = new ApiClient(url);
  assert.equal((await staff.login(DEMO.staff.email, DEMO.staff.password)).status, 200);
  const centre = ((await (await fetch(`${url}/api/centres`)).json()) as Centre[])[0]!;
  const product = ((await (await fetch(`${url}/api/products?pageSize=100`)).json()) as ProductPage).items.find((p) => p.stock >= 5)!;
  const created = await staff.post<Need>(`/api/staff/centres/${centre.id}/needs`, { productId: product.id, targetQuantity: 1, note: 'colis bébé de décembre' });
  assert.equal(created.status, 201);
  const centreName = `${centre.name} (${centre.city})`;

  // Another window watches the home page.
  const watcher = await openPage();
  await watcher.page.goto(`${url}/`);
  const watchedNeed = watcher.page.locator(`[data-need-id="${created.body.id}"]`);
  await watchedNeed.getByText('0 sur 1').waitFor();
  await watcher.page.locator('html[data-live="on"]').waitFor({ state: 'attached' });
  await watcher.page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });
  await assertAccessible(watcher.page, 'home page with needs');

  // The donor, signed in, gives from the home page.
  const donor = new ApiClient(url);
  await donor.register('Inès Donatrice');
  const w = await openPage();
  await w.context.addCookies(
    donor.cookieHeader.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
    }),
  );
  const page = w.page;
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: `J’offre « ${product.name} » au centre ${centreName}` }).click();
  await page.getByRole('banner').getByRole('link', { name: 'Panier 1 article' }).waitFor();
  const cart = await donor.get('/api/cart');
  assert.deepEqual(
    cart.body.items.map((i: { productId: string; quantity: number; donate: boolean }) => [i.productId, i.quantity, i.donate]),
    [[product.id, 1, true]],
  );

  // The checkout proposes the need's centre.
  await page.goto(`${url}/checkout`);
  await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
  assert.equal(await page.locator(`input[type="radio"][value="${centre.id}"]`).isChecked(), true, 'the need’s centre is proposed');
  await page.getByRole('button', { name: 'Confirmer et payer' }).click();
  await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
  await page.getByRole('button', { name: /^Payer / }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]+$/);

  // The other window's gauge moves, and the need says thank you, without a reload.
  await watchedNeed.getByText('1 sur 1').waitFor();
  await watchedNeed.getByText('Merci ! Ce besoin est couvert.').waitFor();
  assert.equal(await watchedNeed.getByRole('button', { name: /J’offre/ }).count(), 0, 'a met need stops asking');
  assert.equal(await watcher.page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded), true);

  // The donor's account page shows the gift in this year's record, with its PDF.
  const record = (await donor.get(`/api/account/giving`)).body as { totalCents: number; orders: unknown[] };
  assert.equal(record.orders.length, 1);
  await page.goto(`${url}/account`);
  await page.locator(`[data-giving-total="${record.totalCents}"]`).waitFor();
  await page.getByRole('link', { name: /Télécharger le récapitulatif \d{4} \(PDF\)/ }).waitFor();
  await assertAccessible(page, 'account page with the giving record');
  assertCleanPage(watcher, 'watcher');
  assertCleanPage(w, 'donor');
});

/** The Paris date, as the admin page asks it (between midnight and 1 am in Paris, UTC's date is the day before). */
const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

test('when an admin opens the impact page, then the hand-drawn chart renders with the figures, no console error, axe clean, and the CSV downloads', async () => {
  const url = suite.server.url;
  const w = await openPage();
  const consoleErrors: string[] = [];
  w.page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  const res = await w.context.request.post(`${url}/api/auth/login`, { data: DEMO.admin });
  assert.equal(res.status(), 200);
  const to = new Date();
  const from = new Date(to.getTime() - 12 * 7 * 86_400_000);
  const figures = (await (await w.context.request.get(`${url}/api/impact?from=${parisDay(from)}&to=${parisDay(to)}`)).json()) as {
    kilograms: number;
    byWeek: unknown[];
  };
  assert.ok(figures.byWeek.length >= 1, 'the gift of the first test is in the figures');
  await w.page.goto(`${url}/admin/impact`);
  await w.page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor();
  await w.page.locator(`[data-impact-kg="${figures.kilograms}"]`).waitFor();
  const chart = w.page.getByRole('img', { name: 'Kilogrammes offerts par semaine' });
  await chart.waitFor();
  assert.equal(await chart.locator('rect').count(), figures.byWeek.length);
  await w.page.getByText(/à raison de 0,5 kg par repas/).waitFor();
  await assertAccessible(w.page, 'admin impact page');
  const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^impact-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual(consoleErrors, []);
  assertCleanPage(w, 'admin impact page');
});

test('when staff publish a need from the console, then it is listed with its gauge and published to the shop', async () => {
  const url = suite.server.url;
  const w = await openPage();
  const res = await w.context.request.post(`${url}/api/auth/login`, { data: DEMO.staff });
  assert.equal(res.status(), 200);
  await w.page.goto(`${url}/staff/needs`);
  await w.page.getByRole('heading', { level: 1, name: 'Besoins des centres' }).waitFor();
  const centreId = await w.page.getByLabel('Centre', { exact: true }).inputValue();
  const productName = await w.page.getByLabel('Produit').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.textContent!.split(' · ')[0]!);
  await w.page.getByLabel('Quantité voulue').fill('4');
  await w.page.getByLabel('Pourquoi (facultatif)').fill('goûters de Noël');
  await w.page.getByRole('button', { name: 'Publier', exact: true }).click();
  const row = w.page
    .getByRole('table', { name: 'Besoins publiés pour ce centre' })
    .getByRole('row', { name: new RegExp(productName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await row.getByText('goûters de Noël').waitFor();
  await row.getByText('0 / 4').first().waitFor();
  await assertAccessible(w.page, 'staff needs screen');
  const listed = (await (await fetch(`${url}/api/needs?centreId=${centreId}`)).json()) as Need[];
  assert.ok(listed.some((n) => n.note === 'goûters de Noël' && n.targetQuantity === 4));
  assertCleanPage(w, 'staff needs screen');
});

test('when a gift tied to no need is paid in another context, then the home page’s impact counter moves live, without a reload', async () => {
  const url = suite.server.url;
  const needed = new Set(((await (await fetch(`${url}/api/needs`)).json()) as Need[]).map((n) => n.product.id));
  const product = ((await (await fetch(`${url}/api/products?pageSize=100`)).json()) as ProductPage).items.find((p) => p.stock >= 5 && !needed.has(p.id))!;
  // A kilogram each: three of them move the rounded figure by three.
  await sql(suite.server, 'UPDATE products SET weight_grams = 1000 WHERE id = $1', [product.id]);
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date());
  const kilograms = async () => ((await (await fetch(`${url}/api/impact?from=${month}-01`)).json()) as Impact).kilograms;
  const before = Math.round(await kilograms());

  const watcher = await openPage();
  await watcher.page.goto(`${url}/`);
  const counter = watcher.page.locator('[data-impact]');
  await counter.getByText(`${before} kg offerts ce mois-ci aux Restos du Cœur`).waitFor();
  await watcher.page.locator('html[data-live="on"]').waitFor({ state: 'attached' });
  await watcher.page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });

  const donor = new ApiClient(url);
  await donor.register('Noé Donateur');
  const centre = ((await (await fetch(`${url}/api/centres`)).json()) as Centre[])[0]!;
  await payDemo(donor, await placeOrder(donor, centre.id, [{ productId: product.id, quantity: 3, donate: true }]));
  const after = Math.round(await kilograms());
  assert.equal(after, before + 3);

  await counter.getByText(`${after} kg offerts ce mois-ci aux Restos du Cœur`).waitFor();
  assert.equal(await watcher.page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded), true);
  assertCleanPage(watcher, 'home page watching the impact counter');
});

/**
 * Tax receipts and traceability in a real browser: the admin switches receipts on from the
 * association page (the notice says whose responsibility the text is); a donor's paid gift
 * then shows on the account page with its receipt, which downloads and parses back; the
 * admin's receipts page lists it; staff follow the need to the order that filled it. axe on
 * each page; no CSP violation nor page error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, assertCleanPage, browserSuite, shareSession } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { payDemo, placeOrder } from '../helpers/fixtures.ts';
import { readPdf } from '../helpers/pdf.ts';
import { amountInFrenchWords } from '../../src/shared/french-words.ts';
import type { Centre, Need, ProductPage, Receipt } from '../../src/contract/index.ts';

const suite = browserSuite();
const { openPage } = suite;

test('when the admin enables receipts and a donor pays a gift, then the account page lists its receipt, which downloads with its number and amount in words', async () => {
  const url = suite.server.url;

  // The admin switches receipts on from the association page.
  const a = await openPage();
  assert.equal((await a.context.request.post(`${url}/api/auth/login`, { data: DEMO.admin })).status(), 200);
  await a.page.goto(`${url}/admin/association`);
  await a.page.getByRole('heading', { level: 1, name: 'Association' }).waitFor();
  await a.page
    .getByRole('note')
    .getByText(/relèvent de la seule responsabilité de l’association/)
    .waitFor();
  await a.page.getByLabel('Adresse', { exact: true }).fill('12 rue des Lilas');
  await a.page.getByLabel('Code postal').fill('75011');
  await a.page.getByLabel('Ville').fill('Paris');
  await a.page.getByLabel('Objet de l’association').fill('Aide alimentaire aux personnes démunies');
  await a.page.getByLabel('Signataire', { exact: true }).fill('Claire Martin');
  await a.page.getByLabel('Fondement légal').fill('article 200 du CGI');
  assert.equal(await a.page.getByLabel('Nature du don').inputValue(), 'don en nature acheté au prix coûtant');
  await a.page.getByLabel('Émettre un reçu fiscal pour chaque don payé').check();
  await assertAccessible(a.page, 'association page with receipts');
  await a.page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
  await a.page.getByText('Coordonnées de l’association enregistrées.').waitFor();
  assert.equal((await (await a.context.request.get(`${url}/api/admin/association`)).json()).receiptsEnabled, true);

  // A donor's gift, paid through the demo provider, gets its receipt.
  const centre = ((await (await fetch(`${url}/api/centres`)).json()) as Centre[])[0]!;
  const product = ((await (await fetch(`${url}/api/products?pageSize=100`)).json()) as ProductPage).items.find((p) => p.stock >= 5)!;
  const staff = await signedIn(url, DEMO.staff);
  const need = (await staff.post<Need>(`/api/staff/centres/${centre.id}/needs`, { productId: product.id, targetQuantity: 10, note: 'colis de Noël' })).body;
  const donor = new ApiClient(url);
  await donor.register('Inès Donatrice');
  const order = await payDemo(donor, await placeOrder(donor, centre.id, [{ productId: product.id, quantity: 2, donate: true }]));
  const [receipt] = (await donor.get<Receipt[]>('/api/account/receipts')).body;
  assert.ok(receipt && receipt.orderId === order.id);

  const w = await openPage();
  await shareSession(w.context, donor.cookieHeader, url);
  await w.page.goto(`${url}/account`);
  const section = w.page.getByRole('region', { name: 'Mes reçus fiscaux' });
  await section.locator(`[data-receipt="${receipt.number}"]`).waitFor();
  await section.getByRole('link', { name: /Télécharger le reçu récapitulatif \d{4} \(PDF\)/ }).waitFor();
  await assertAccessible(w.page, 'account page with receipts');

  // The donor gives their postal address in their profile (a half one is refused first), for the receipt.
  const profile = w.page.getByRole('region', { name: 'Mon profil' });
  const addressGroup = profile.getByRole('group', { name: 'Adresse postale (facultative)' });
  await addressGroup.getByLabel('Numéro et rue').fill('8 allée des Mimosas');
  await addressGroup.getByLabel('Code postal').fill('310');
  await profile.getByRole('button', { name: 'Enregistrer' }).click();
  await profile.getByText('Le code postal a 5 chiffres.').first().waitFor();
  await profile.getByText('Indiquez la ville, ou videz l’adresse.').first().waitFor();
  assert.equal((await donor.get('/api/account')).body.postalAddress, null, 'nothing saved');
  await addressGroup.getByLabel('Code postal').fill('31200');
  await addressGroup.getByLabel('Ville').fill('Toulouse');
  await profile.getByRole('button', { name: 'Enregistrer' }).click();
  await w.page.getByText('Vos informations sont enregistrées.').waitFor();
  assert.deepEqual((await donor.get('/api/account')).body.postalAddress, { line: '8 allée des Mimosas', postcode: '31200', city: 'Toulouse' });
  await assertAccessible(w.page, 'account page with a postal address');

  const [download] = await Promise.all([
    w.page.waitForEvent('download'),
    section.getByRole('link', { name: `Télécharger le reçu ${receipt.number} (PDF)` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `recu-fiscal-${receipt.number}.pdf`);
  const text = (await readPdf(await readFile((await download.path())!))).text.replace(/-\s+/g, '-').replace(/\s+/g, ' ');
  assert.ok(text.includes(receipt.number));
  assert.ok(text.includes(amountInFrenchWords(receipt.amountCents)));
  assert.ok(text.includes('Inès Donatrice'));
  assert.ok(text.includes('8 allée des Mimosas, 31200 Toulouse'), text);

  // The admin's receipts page lists it.
  await a.page.goto(`${url}/admin/receipts`);
  await a.page.getByRole('heading', { level: 1, name: 'Reçus fiscaux' }).waitFor();
  await a.page.locator(`[data-receipt="${receipt.number}"]`).getByText('Inès Donatrice', { exact: false }).waitFor();
  await a.page.locator(`[data-receipt="${receipt.number}"]`).getByText('8 allée des Mimosas, 31200 Toulouse').waitFor();
  await assertAccessible(a.page, 'admin receipts page');

  // Staff follow the need to the order that filled it, and back.
  const s = await openPage();
  assert.equal((await s.context.request.post(`${url}/api/auth/login`, { data: DEMO.staff })).status(), 200);
  await s.page.goto(`${url}/staff/orders/${order.id}`);
  const needItem = s.page.locator(`[data-order-needs] [data-need-id="${need.id}"]`);
  await needItem.getByText('colis de Noël', { exact: false }).waitFor();
  await needItem.getByRole('link', { name: 'Voir les dons de ce besoin' }).click();
  const gifts = s.page.getByRole('region', { name: `Dons reçus pour « ${product.name} »` });
  await gifts.getByRole('link', { name: order.number }).waitFor();
  await assertAccessible(s.page, 'staff gifts of a need');

  // The shop's page of that centre's needs.
  await w.page.goto(`${url}/needs?centre=${centre.id}`);
  await w.page.getByRole('heading', { level: 2, name: `Les besoins du centre ${centre.name} (${centre.city})` }).waitFor();
  await w.page.locator(`[data-need-id="${need.id}"]`).getByText('2 sur 10').waitFor();
  await assertAccessible(w.page, 'a centre’s needs');

  assertCleanPage(a, 'admin');
  assertCleanPage(w, 'donor');
  assertCleanPage(s, 'staff');
});

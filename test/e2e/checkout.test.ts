/**
 * The buying journey in a real browser (Debian's Chromium through playwright-core)
 * against the real server on a fresh PostgreSQL database with the demo catalogue:
 * sign up, fill the cart from the catalogue and a product page, offer a line, choose a
 * centre, place the order, pay on the demo page, see it paid — while another person's
 * page sees the stock fall live, and the order page follows the staff's moves live.
 * Then the hard paths: a cart overtaken by someone else's purchase, a failed payment
 * retried, and a paid order canceled (refunded). axe on every page; no CSP violation.
 * No fixed waits: every step waits for what the person would see.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, assertCleanPage, browserSuite, formatEuros, shareSession, rankCentresFrom } from '../helpers/browser.ts';
import { ApiClient, DEMO } from '../helpers/client.ts';
import { demoProduct } from '../helpers/fixtures.ts';

const suite = browserSuite();
const { openPage, inPage } = suite;

/** The stock badge's words, as the shop writes them. */
const stockText = (n: number) => (n <= 0 ? 'Rupture de stock' : n <= 5 ? `Plus que ${n} !` : `En stock : ${n}`);

const product = (name: string) => demoProduct(suite.server.url, name);

/** Marks the page's window: the mark survives anything but a reload. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });
}

async function assertNotReloaded(page: Page, who: string): Promise<void> {
  assert.equal(
    await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded),
    true,
    `${who}: the page was updated in place, not reloaded`,
  );
}

/** The live connection is up (the shop marks <html data-live="on">). */
async function waitLive(page: Page): Promise<void> {
  await page.locator('html[data-live="on"]').waitFor({ state: 'attached' });
}

/** Runs `steps` in a watched page signed in as a fresh customer registered through the API (see inPage). */
async function asNewCustomer(steps: (page: Page, api: ApiClient) => Promise<void>): Promise<void> {
  const api = new ApiClient(suite.server.url);
  await api.register('Noé Bernard');
  await inPage(async (page, w) => {
    await shareSession(w.context, api.cookieHeader, suite.server.url);
    await steps(page, api);
  });
}

/** The staff move an order through the real HTTP API, as the console does. */
async function staffMoves(orderId: string, status: string): Promise<void> {
  const staff = new ApiClient(suite.server.url);
  const res = await staff.login(DEMO.staff.email, DEMO.staff.password);
  assert.equal(res.status, 200, 'the demo staff account signs in');
  const moved = await staff.post(`/api/staff/orders/${orderId}/status`, { status });
  assert.equal(moved.status, 200, `staff move to ${status}: ${JSON.stringify(moved.body)}`);
}

test('when a customer fills the cart, offers a line, chooses a centre and pays, then the order is paid and followed live — and another visitor sees the stock fall without reloading', async () => {
  const penne = await product('Penne rigate');
  const beurre = await product('Beurre doux');
  const buyer = await openPage();
  const visitor = await openPage({ width: 360, height: 800 });
  const { page } = buyer;

  try {
    // Someone else, not signed in, is looking at the penne.
    await visitor.page.goto(`${suite.server.url}/products/${penne.id}`);
    await visitor.page.getByRole('heading', { level: 1, name: penne.name }).waitFor();
    await visitor.page.getByText(stockText(penne.stock), { exact: true }).waitFor();
    await markWindow(visitor.page);
    await waitLive(visitor.page);

    // Sign up.
    await page.goto(`${suite.server.url}/register`);
    await page.getByLabel('Nom').fill('Léa Martin');
    await page.getByLabel('Adresse e-mail').fill(`lea.martin.${Date.now()}@exemple.fr`);
    await page.getByLabel('Mot de passe', { exact: true }).fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${suite.server.url}/`);
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Mes commandes' }).waitFor();
    await header.getByRole('link', { name: /^Panier (vide|\d)/ }).waitFor();

    // From the catalogue: the penne, twice.
    await page.getByLabel('Rechercher un produit').fill('penne');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'penne');
    const card = page.locator('.card', { has: page.getByRole('link', { name: penne.name, exact: true }) });
    await card.getByRole('button', { name: `Ajouter ${penne.name} au panier` }).click();
    await page.getByText('Ajouté au panier').first().waitFor();
    await header.getByRole('link', { name: 'Panier 1 article' }).waitFor();
    await card.getByRole('button', { name: `Un de plus : ${penne.name}` }).click();
    await header.getByRole('link', { name: 'Panier 2 articles' }).waitFor();
    assert.equal(await card.getByRole('spinbutton').inputValue(), '2');

    // From its product page: the butter.
    await page.goto(`${suite.server.url}/products/${beurre.id}`);
    await page.getByRole('heading', { level: 1, name: beurre.name }).waitFor();
    await page.getByRole('button', { name: 'Ajouter au panier', exact: true }).click();
    await page.getByText('Déjà 1 dans votre panier.').waitFor();
    await header.getByRole('link', { name: 'Panier 3 articles' }).waitFor();

    // The cart: offer the butter.
    await header.getByRole('link', { name: /^Panier (vide|\d)/ }).click();
    await page.waitForURL(`${suite.server.url}/cart`);
    await page.getByRole('heading', { level: 1, name: 'Mon panier' }).waitFor();
    const butterLine = page.locator('.cart-line', { hasText: beurre.name });
    await butterLine.getByRole('switch', { name: /J’offre cet article aux Restos du Cœur/ }).check();
    const summary = page.getByRole('complementary', { name: 'Récapitulatif' });
    await summary.getByText('dont offerts aux Restos du Cœur').waitFor();
    const total = 2 * penne.priceCents + beurre.priceCents;
    await summary.getByText(formatEuros(total), { exact: true }).first().waitFor();
    await summary.getByText(formatEuros(beurre.priceCents), { exact: true }).waitFor();
    await assertAccessible(page, 'cart page');

    // Checkout: centres by distance from a postcode, choose the nearest (Lyon).
    await summary.getByRole('link', { name: 'Passer commande' }).click();
    await page.waitForURL(`${suite.server.url}/checkout`);
    await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    await assertAccessible(page, 'checkout page');
    await rankCentresFrom(page, '69007');
    assert.match((await page.getByRole('radio').first().getAttribute('value'))!, /^[0-9a-f-]{36}$/);
    await page.getByRole('radio').first().check();
    const recap = page.locator('.checkout-summary');
    await recap.getByText('Restos du Cœur — Lyon 7e').waitFor();
    await recap.getByText('Offert', { exact: true }).waitFor();
    await recap.getByText('Pour moi', { exact: true }).waitFor();

    // Place the order: the stock is held, and the visitor sees it fall, live.
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
    const orderId = page.url().split('/').pop()!;
    await page.getByText('Paiement de démonstration').waitFor();
    await page.getByText('Aucun argent réel n’est débité', { exact: false }).waitFor();
    await page.getByText(formatEuros(total), { exact: true }).first().waitFor();
    await header.getByRole('link', { name: 'Panier vide' }).waitFor();
    await assertAccessible(page, 'demo payment page');

    await visitor.page.getByText(stockText(penne.stock - 2), { exact: true }).waitFor();
    await assertNotReloaded(visitor.page, 'the visitor’s product page');

    // Pay: the order page says "Payée".
    await page.getByRole('button', { name: `Payer ${formatEuros(total)}` }).click();
    await page.waitForURL(`${suite.server.url}/orders/${orderId}`);
    const badge = page.locator('[data-live-status]');
    await badge.getByText('Payée', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: /^Commande PS-\d+$/ }).waitFor();
    const forMe = page.getByRole('region', { name: 'Pour moi' });
    const offered = page.getByRole('region', { name: 'Offert au centre' });
    await forMe.getByText(penne.name, { exact: true }).waitFor();
    await offered.getByText(beurre.name, { exact: true }).waitFor();
    assert.equal(await forMe.getByText(beurre.name, { exact: true }).count(), 0, 'the offered butter is not "for me"');
    await page.getByText('69007 Lyon').waitFor();
    await assertAccessible(page, 'order page');

    // The staff start preparing it: the page follows, without reloading.
    await markWindow(page);
    await waitLive(page);
    await staffMoves(orderId, 'in_preparation');
    await badge.getByText('En préparation', { exact: true }).waitFor();
    const proof = page.getByRole('link', { name: 'Télécharger la preuve (PDF)' });
    await proof.waitFor();
    await assertNotReloaded(page, 'the order page');
    assert.equal(await page.getByRole('button', { name: 'Annuler la commande' }).count(), 0, 'no cancel once prepared');
    const pdf = await page.request.get(`${suite.server.url}${await proof.getAttribute('href')}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);

    // "Mes commandes": the order, with its status in plain words.
    await header.getByRole('link', { name: 'Mes commandes' }).click();
    await page.waitForURL(`${suite.server.url}/orders`);
    const row = page.locator('.order-row', { has: page.getByRole('link', { name: /^Commande PS-\d+$/ }) });
    await row.getByText('En préparation', { exact: true }).waitFor();
    await row.getByText('Restos du Cœur — Lyon 7e').waitFor();
    await assertAccessible(page, 'orders page');

    assertCleanPage(buyer, 'buyer');
    assertCleanPage(visitor, 'visitor');
  } finally {
    await buyer.context.close();
    await visitor.context.close();
  }
});

test('when the stock runs short before checkout and the first payment fails, then the customer adjusts, pays on a retry, and can cancel with a refund', async () => {
  const onions = await product('Oignons jaunes');
  const rice = await product('Riz long grain');
  assert.ok(onions.stock >= 3, 'enough onions to start with');
  await asNewCustomer(async (page, api) => {
    assert.equal((await api.put(`/api/cart/items/${onions.id}`, { quantity: 3 })).status, 200);
    assert.equal((await api.put(`/api/cart/items/${rice.id}`, { quantity: 1 })).status, 200);

    await page.goto(`${suite.server.url}/cart`);
    const onionLine = page.locator('.cart-line', { hasText: onions.name });
    await onionLine.getByText(stockText(onions.stock), { exact: true }).waitFor();
    await markWindow(page);
    await waitLive(page);

    // Someone else buys all but one onion net: the cart says so at once.
    const other = new ApiClient(suite.server.url);
    await other.register('Autre Client');
    const centres = (await other.get('/api/centres')).body as Array<{ id: string; city: string }>;
    const placed = await other.post('/api/orders', { centreId: centres[0]!.id, items: [{ productId: onions.id, quantity: onions.stock - 1 }] });
    assert.equal(placed.status, 201);
    await onionLine.getByText('Il n’en reste que 1 : ajustez la quantité.').waitFor();
    await onionLine.getByText(stockText(1), { exact: true }).waitFor();
    await assertNotReloaded(page, 'the cart page');

    // Checkout anyway: the server refuses, the page says which line and offers to adjust.
    await page.getByRole('link', { name: 'Passer commande' }).click();
    await page.waitForURL(`${suite.server.url}/checkout`);
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.locator('.field__error', { hasText: 'Choisissez un centre pour continuer.' }).waitFor();
    await page.getByRole('radio', { name: /Paris 13e/ }).check();
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(`${onions.name} : vous en demandez 3, il en reste 1.`).waitFor();
    await assertAccessible(page, 'checkout page with a stock problem');
    await alert.getByRole('button', { name: 'Ajuster mon panier' }).click();
    await page.locator('.summary-line', { hasText: onions.name }).getByText('1 ×').waitFor();

    // Everything for the association this time.
    await page.getByRole('switch', { name: 'Tout offrir à l’association' }).check();
    assert.equal(await page.locator('.summary-line .tag', { hasText: 'Pour moi' }).count(), 0, 'every line is offered');
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
    const orderId = page.url().split('/').pop()!;

    // The payment fails: the order page says so and offers a retry.
    await page.getByRole('button', { name: 'Simuler un échec' }).click();
    await page.waitForURL(`${suite.server.url}/orders/${orderId}`);
    await page.getByText('Le paiement n’a pas abouti.').waitFor();
    await page.getByText(/Articles réservés jusqu’à \d\d:\d\d/).waitFor();
    await page.locator('[data-live-status]').getByText('En attente de paiement', { exact: true }).waitFor();
    await page.getByText('Toute la commande est offerte à l’association.').waitFor();
    await assertAccessible(page, 'order page after a failed payment');
    await page.getByRole('button', { name: 'Réessayer le paiement' }).click();
    await page.waitForURL(`${suite.server.url}/pay/demo/${orderId}`);
    await page.getByRole('button', { name: /^Payer / }).click();
    await page.waitForURL(`${suite.server.url}/orders/${orderId}`);
    await page.locator('[data-live-status]').getByText('Payée', { exact: true }).waitFor();

    // Cancel: the dialog says the money comes back; the page shows it canceled and refunded.
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = page.getByRole('dialog', { name: /Annuler la commande PS-\d+/ });
    await dialog.getByText(/vous serez remboursé·e de/).waitFor();
    await assertAccessible(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Oui, annuler la commande' }).click();
    await page.locator('[data-live-status]').getByText('Annulée', { exact: true }).waitFor();
    await page.getByText(/^Remboursement : /).waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'the dialog is closed');
    await assertNotReloaded(page, 'the journey');
  });
});

test('when the customer comes back from the payment page before the provider confirmed, then the order says the payment is being confirmed and turns paid live; a payment left unfinished can be canceled', async () => {
  const lentils = await product('Lentilles vertes');
  await asNewCustomer(async (page, api) => {
    const centres = (await api.get('/api/centres')).body as Array<{ id: string }>;
    const place = () =>
      api.post('/api/orders', { centreId: centres[1]!.id, items: [{ productId: lentils.id, quantity: 1 }] }, { 'Idempotency-Key': `k-${Math.random()}` });
    const first = await place();
    assert.equal(first.status, 201);
    const orderId = first.body.order.id as string;

    // Back from the provider (Stripe's success URL): the redirect alone proves nothing.
    await page.goto(`${suite.server.url}/orders/${orderId}?payment=return`);
    await page.getByText('Paiement en cours de confirmation…').waitFor();
    const badge = page.locator('[data-live-status]');
    await badge.getByText('En attente de paiement', { exact: true }).waitFor();
    await assertAccessible(page, 'order page awaiting confirmation');
    await markWindow(page);
    await waitLive(page);

    // The provider's word arrives (the demo endpoint goes through the webhook's settlement path).
    assert.equal((await api.post(`/api/payments/demo/${orderId}`, { outcome: 'succeeded' })).status, 200);
    await badge.getByText('Payée', { exact: true }).waitFor();
    await page.getByText('Paiement reçu, merci !').waitFor();
    assert.equal(await page.getByText('Paiement en cours de confirmation…').count(), 0);
    await assertNotReloaded(page, 'the order page');

    // Left the provider's page without paying (cancel URL): pay now, or cancel for nothing.
    const second = await place();
    assert.equal(second.status, 201);
    const secondId = second.body.order.id as string;
    await page.goto(`${suite.server.url}/orders/${secondId}?payment=canceled`);
    await page.getByText('Vous avez quitté la page de paiement sans payer.').waitFor();
    await page.getByRole('button', { name: `Payer ${formatEuros(lentils.priceCents)}` }).waitFor();
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Aucun montant n’a été débité', { exact: false }).waitFor();
    // Changing one's mind keeps the order, and the focus goes back to the button.
    await dialog.getByRole('button', { name: 'Non, garder ma commande' }).click();
    assert.equal(await page.getByRole('dialog').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Annuler la commande');
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Oui, annuler la commande' }).click();
    await badge.getByText('Annulée', { exact: true }).waitFor();
    await page.getByText('Annulée par le client').waitFor();

    // The list shows both, newest first, in plain words.
    await page.goto(`${suite.server.url}/orders`);
    const statuses = page.locator('.order-row .status-badge');
    await statuses.first().waitFor();
    assert.deepEqual(await statuses.allTextContents(), ['Annulée', 'Payée']);
  });
});

test('when the customer already has 2 orders awaiting payment, then checkout says so in a plain sentence and places nothing', async () => {
  const rice = await product('Riz long grain');
  await asNewCustomer(async (page, api) => {
    const centres = (await api.get('/api/centres')).body as Array<{ id: string }>;
    for (let i = 0; i < 2; i++) {
      assert.equal((await api.post('/api/orders', { centreId: centres[0]!.id, items: [{ productId: rice.id, quantity: 1 }] })).status, 201);
    }
    assert.equal((await api.put(`/api/cart/items/${rice.id}`, { quantity: 1 })).status, 200);
    await page.goto(`${suite.server.url}/checkout`);
    await page.getByRole('radio', { name: /Paris 13e/ }).check();
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page
      .getByRole('alert')
      .getByText('Vous avez déjà 2 commandes en attente de paiement. Payez-en ou annulez-en une avant d’en passer une autre.', { exact: true })
      .waitFor();
    assert.equal(page.url(), `${suite.server.url}/checkout`);
    assert.equal(((await api.get('/api/orders')).body.items as unknown[]).length, 2, 'no third order');
  });
});

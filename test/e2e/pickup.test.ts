/**
 * Pickup at the centre (issue 19) in a real browser on a phone-sized screen: the checkout
 * shows the chosen centre's free slots and the no-show rule, the order is placed with the
 * slot picked, and once staff mark it delivered the order page shows the pickup code and its
 * QR code. axe on both pages; no CSP violation. An order page read in English says the
 * system's history notes that arrive live in English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSuite, shareSession } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { createCentre } from '../helpers/fixtures.ts';

const suite = browserSuite();

test('when a customer chooses a slot at checkout, then the order keeps it, and once delivered its page shows the pickup code with a QR code', async () => {
  const url = suite.server.url;
  const admin = await signedIn(url, DEMO.admin);
  const centre = await createCentre(admin, {
    name: 'Restos du Cœur — Créneaux',
    hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '08:00', closes: '20:00' })),
  });
  assert.equal(centre.status, 201, JSON.stringify(centre.body));
  const centreId: string = centre.body.id;
  const product = ((await admin.get('/api/products')).body.items as Array<{ id: string; stock: number }>).find((p) => p.stock > 2)!;

  const customer = new ApiClient(url);
  await customer.register('Inès Moreau');
  assert.equal((await customer.put(`/api/cart/items/${product.id}`, { quantity: 1, donate: false })).status, 200);
  await suite.inPage({ width: 360, height: 800 }, async (page, w) => {
    await shareSession(w.context, customer.cookieHeader, url);
    await page.goto(`${url}/checkout`);
    await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    await page.locator(`input[type=radio][value="${centreId}"]`).check();
    const chooser = page.getByRole('region', { name: 'Créneau de retrait' });
    await chooser.waitFor();
    await chooser.getByText('Sans retrait sous 7 jours après votre créneau, vos produits seront offerts au centre.').waitFor();
    const first = chooser.locator('input[data-slot]').first();
    await first.waitFor();
    // Without a slot the order is not sent: the chooser says so.
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await chooser.getByText('Choisissez un créneau de retrait.').waitFor();
    const start = (await first.getAttribute('data-slot'))!;
    await first.check();
    await assertAccessible(page, 'checkout with slots');
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
    const orderId = page.url().split('/').pop()!;
    const placed = (await customer.get(`/api/orders/${orderId}`)).body;
    assert.equal(placed.pickupSlot!.start, start);

    // Paid, then brought to the centre by staff.
    assert.equal((await customer.post(`/api/payments/demo/${orderId}`, { outcome: 'succeeded' })).status, 200);
    const staff = await signedIn(url, DEMO.staff);
    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      assert.equal((await staff.post(`/api/staff/orders/${orderId}/status`, { status })).status, 200);
    }
    const code = (await customer.get(`/api/orders/${orderId}`)).body.pickupCode as string;
    assert.match(code, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);

    await page.goto(`${url}/orders/${orderId}`);
    const card = page.getByRole('region', { name: 'Retrait au centre' });
    await card.locator('[data-pickup-code]', { hasText: code }).waitFor();
    await card.getByRole('img', { name: `QR code du code de retrait ${code}` }).waitFor();
    await card.getByText('Votre créneau :').waitFor();
    await assertAccessible(page, 'order page with the pickup code');
  });
});

test('when the system writes in the history of an order open in English, then the live update says it in English', async () => {
  const url = suite.server.url;
  const admin = await signedIn(url, DEMO.admin);
  const centreId: string = (await new ApiClient(url).get('/api/centres')).body[0]!.id;
  const product = ((await admin.get('/api/products')).body.items as Array<{ id: string; stock: number }>).find((p) => p.stock > 2)!;
  const customer = new ApiClient(url);
  await customer.register('Sam Carter');
  const placed = await customer.post('/api/orders', { centreId, items: [{ productId: product.id, quantity: 1 }] });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const orderId: string = placed.body.order.id;
  assert.equal((await customer.post(`/api/payments/demo/${orderId}`, { outcome: 'succeeded' })).status, 200);

  await suite.inPage({ width: 360, height: 800 }, async (page, w) => {
    await shareSession(w.context, customer.cookieHeader, url);
    await page.addInitScript(() => localStorage.setItem('panier-solidaire.lang', 'en'));
    await page.goto(`${url}/orders/${orderId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(placed.body.order.number) }).waitFor();
    // Canceled elsewhere (another tab): the event carries the French words and the note's code.
    assert.equal((await customer.post(`/api/orders/${orderId}/cancel`)).status, 200);
    await page.getByText('This order is canceled.').waitFor();
    await page.getByText('Canceled by the customer').waitFor();
    assert.equal(await page.getByText('Annulée par le client').count(), 0);
  });
});

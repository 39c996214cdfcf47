/**
 * The demo as `npm start` seeds it (SEED_DEMO_SLOTS on): its centres take pickup slots, so a
 * customer checking out at a demo centre picks one — the no-show rule said from
 * UNCOLLECTED_DAYS — and the order keeps it; at a centre without slots the checkout says to
 * come when it is open. axe on the checkout; no CSP violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, assertCleanPage, browserSuite, shareSession } from '../helpers/browser.ts';
import { createCentre } from '../helpers/fixtures.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';

const suite = browserSuite(undefined, { env: { SEED_DEMO_SLOTS: 'true', UNCOLLECTED_DAYS: '1' } });

/** A new customer with one product in the cart, on the checkout page (a phone screen), the centre `centreId` chosen. */
async function atCheckout(name: string, centreId: string) {
  const url = suite.server.url;
  const customer = new ApiClient(url);
  await customer.register(name);
  const product = ((await customer.get('/api/products')).body.items as Array<{ id: string; stock: number }>).find((p) => p.stock > 2)!;
  assert.equal((await customer.put(`/api/cart/items/${product.id}`, { quantity: 1, donate: false })).status, 200);
  const w = await suite.openPage({ width: 390, height: 844 });
  try {
    await shareSession(w.context, customer.cookieHeader, url);
    await w.page.goto(`${url}/checkout`);
    await w.page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    await w.page.locator(`input[type=radio][value="${centreId}"]`).check();
  } catch (err) {
    await w.context.close();
    throw err;
  }
  return { customer, w, page: w.page };
}

test('when a customer checks out at a demo centre, then its slots and the no-show rule are shown, and the order keeps the slot picked', async () => {
  const centre = (await new ApiClient(suite.server.url).get('/api/centres')).body[0] as { id: string; slotMinutes: number; uncollectedDays: number };
  assert.deepEqual([centre.slotMinutes, centre.uncollectedDays], [30, 1]);
  const { customer, w, page } = await atCheckout('Lina Haddad', centre.id);
  try {
    const chooser = page.getByRole('region', { name: 'Créneau de retrait' });
    // UNCOLLECTED_DAYS=1: the sentence says it, in the singular.
    await chooser.getByText('Sans retrait sous 1 jour après votre créneau, vos produits seront offerts au centre.').waitFor();
    const first = chooser.locator('input[data-slot]').first();
    await first.waitFor();
    const start = (await first.getAttribute('data-slot'))!;
    await first.check();
    await assertAccessible(page, 'checkout at a demo centre');
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
    const orderId = page.url().split('/').pop()!;
    const placed = (await customer.get(`/api/orders/${orderId}`)).body;
    assert.equal(placed.pickupSlot!.start, start);
    assert.equal(Date.parse(placed.pickupSlot!.end) - Date.parse(start), 30 * 60_000);
    assertCleanPage(w, 'checkout at a demo centre');
  } finally {
    await w.context.close();
  }
});

test('when a customer checks out at a centre without slots, then the checkout says to come when it is open, and the no-show rule from delivery', async () => {
  const url = suite.server.url;
  const admin = await signedIn(url, DEMO.admin);
  const created = await createCentre(admin, {
    name: 'Restos du Cœur — Sans rendez-vous',
    hours: [{ day: 3, opens: '09:00', closes: '12:00' }],
    slotMinutes: null,
    slotCapacity: null,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { w, page } = await atCheckout('Noé Petit', created.body.id);
  try {
    const pickup = page.getByRole('region', { name: 'Retrait au centre' });
    await pickup.getByText('Ce centre ne prend pas de créneaux : venez retirer votre commande quand il est ouvert, une fois qu’elle est prête.').waitFor();
    await pickup.getByText('Sans retrait sous 1 jour après qu’elle est prête, vos produits seront offerts au centre.').waitFor();
    assert.equal(await pickup.locator('input[data-slot]').count(), 0);
    await page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await page.waitForURL(/\/pay\/demo\/[0-9a-f-]+$/);
    assertCleanPage(w, 'checkout at a centre without slots');
  } finally {
    await w.context.close();
  }
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverWithMailForSuite } from './helpers/suite.ts';
import { ApiClient, asError } from './helpers/client.ts';
import { customer, firstCentreId, productWithStock, setStock, sql } from './helpers/fixtures.ts';
import type { ReceivedMail } from './helpers/smtp.ts';
import { ManualClock } from '../src/shared/clock.ts';
import type { StockAlert } from '../src/contract/index.ts';

describe('"Prévenez-moi" (back in stock)', () => {
  const clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));
  const t = serverWithMailForSuite({
    clock,
    env: { RESERVATION_MINUTES: '30', LIMIT_UNITS_PER_PRODUCT: '99', LIMIT_HELD_UNITS: '10000', LIMIT_UNPAID_ORDERS: '50' },
  });

  const isBackMail = (email: string, productName: string) => (m: ReceivedMail) =>
    m.rcptTo.includes(email) && (m.subject.includes('de nouveau disponible') || m.subject.includes('available again')) && m.subject.includes(productName);
  const emailOf = async (c: ApiClient) => (await c.get('/api/auth/me')).body.user.email as string;

  /** A product on sale, out of stock, and the name the mail will carry. */
  async function soldOut(): Promise<{ id: string; name: string }> {
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 0);
    return p;
  }

  /** Waits until the queue has sent everything due: nothing more can arrive for what is done. */
  async function queueSettled(): Promise<void> {
    await t.server.deliverMail();
    await t.server.mailIdle();
    const [row] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM mail_queue WHERE sent_at IS NULL AND given_up_at IS NULL');
    assert.equal(row!.n, 0, 'mails still waiting in the queue');
  }

  test('when a customer asks on a sold-out product and the admin restocks it, then exactly one mail comes, in their language, even after another restock', async () => {
    const p = await soldOut();
    const anna = await customer(t);
    const annaEmail = await emailOf(anna);
    const put = await anna.put<StockAlert>(`/api/stock-alerts/${p.id}`);
    assert.equal(put.status, 200);
    assert.equal(put.body.productId, p.id);
    assert.equal((await anna.put(`/api/stock-alerts/${p.id}`)).status, 200, 'asking twice is one request');
    assert.deepEqual(
      (await anna.get<StockAlert[]>('/api/stock-alerts')).body.map((a) => a.productId),
      [p.id],
    );

    await setStock(t, p.id, 3);
    const mail = await t.smtp.waitFor(isBackMail(annaEmail, p.name), 'the back-in-stock mail');
    assert.equal(mail.subject, `${p.name} est de nouveau disponible`);
    assert.ok(mail.text.includes(`/products/${p.id}`), 'the mail links to the product');
    assert.match(mail.text, /\/stock-alerts\/stop\?token=/);
    assert.deepEqual((await anna.get<StockAlert[]>('/api/stock-alerts')).body, [], 'the request is used up');

    // Sold out and back again: Anna asked once, so no second mail. Ben's request, claimed by
    // the same statement Anna's would be, proves the second restock was acted on.
    await setStock(t, p.id, 0);
    const ben = await customer(t);
    const benEmail = await emailOf(ben);
    assert.equal((await ben.patch('/api/account', { locale: 'en' })).status, 200);
    assert.equal((await ben.put(`/api/stock-alerts/${p.id}`)).status, 200);
    await setStock(t, p.id, 2);
    const benMail = await t.smtp.waitFor(isBackMail(benEmail, p.name), 'Ben’s mail');
    assert.equal(benMail.subject, `${p.name} is available again`);
    await queueSettled();
    assert.equal(t.smtp.received.filter(isBackMail(annaEmail, p.name)).length, 1);
    assert.equal(t.smtp.received.filter(isBackMail(benEmail, p.name)).length, 1);
  });

  test('when a product is in stock, unknown or not a UUID, then asking is refused; signed out, it is 401', async () => {
    const inStock = await productWithStock(t, 1);
    const c = await customer(t);
    const res = await c.put(`/api/stock-alerts/${inStock.id}`);
    assert.equal(res.status, 409);
    assert.equal(asError(res).error.code, 'product_in_stock');
    assert.equal((await c.put('/api/stock-alerts/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await c.put('/api/stock-alerts/pas-un-id')).status, 404);
    assert.equal((await new ApiClient(t.url).put(`/api/stock-alerts/${inStock.id}`)).status, 401);
    assert.equal((await new ApiClient(t.url).get('/api/stock-alerts')).status, 401);
  });

  test('when a cancellation returns the last units, then the waiting customer is mailed', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 2);
    const buyer = await customer(t);
    const placed = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 2 }] });
    assert.equal(placed.status, 201);
    const waiter = await customer(t);
    assert.equal((await waiter.put(`/api/stock-alerts/${p.id}`)).status, 200);
    assert.equal((await buyer.post(`/api/orders/${placed.body.order.id}/cancel`, {})).status, 200);
    await t.smtp.waitFor(isBackMail(await emailOf(waiter), p.name), 'the mail after the cancellation');
  });

  test('when an unpaid hold of the last units expires, then the sweep’s return of stock mails the waiting customer', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 1);
    const buyer = await customer(t);
    assert.equal((await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] })).status, 201);
    const waiter = await customer(t);
    assert.equal((await waiter.put(`/api/stock-alerts/${p.id}`)).status, 200);
    clock.advance(31 * 60_000);
    assert.ok((await t.server.sweepExpiredHolds()) >= 1);
    await t.smtp.waitFor(isBackMail(await emailOf(waiter), p.name), 'the mail after the expiry');
  });

  test('when the customer follows the mail’s stop link, then every pending request ends without signing in; a forged link is refused', async () => {
    const first = await soldOut();
    const second = await soldOut();
    const carla = await customer(t);
    const carlaEmail = await emailOf(carla);
    for (const p of [first, second]) assert.equal((await carla.put(`/api/stock-alerts/${p.id}`)).status, 200);

    await setStock(t, first.id, 1);
    const mail = await t.smtp.waitFor(isBackMail(carlaEmail, first.name), 'the first mail');
    const token = new URL(/(http\S+\/stock-alerts\/stop\?token=\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;

    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await new ApiClient(t.url).post('/api/stock-alerts/unsubscribe', { token: forged });
    assert.equal(refused.status, 400);
    assert.equal(asError(refused).error.code, 'invalid_token');
    assert.equal((await carla.get<StockAlert[]>('/api/stock-alerts')).body.length, 1, 'a forged link ends nothing');

    const stopped = await new ApiClient(t.url).post('/api/stock-alerts/unsubscribe', { token });
    assert.equal(stopped.status, 200);
    assert.equal(stopped.body.removed, 1);
    assert.deepEqual((await carla.get<StockAlert[]>('/api/stock-alerts')).body, []);

    // The second product comes back: another customer's request is mailed, Carla's is not.
    const dan = await customer(t);
    assert.equal((await dan.put(`/api/stock-alerts/${second.id}`)).status, 200);
    await setStock(t, second.id, 4);
    await t.smtp.waitFor(isBackMail(await emailOf(dan), second.name), 'Dan’s mail');
    await queueSettled();
    assert.equal(t.smtp.received.filter(isBackMail(carlaEmail, second.name)).length, 0);
  });

  test('when a signed-in customer withdraws a request, then it is gone (and until then, their data export lists it)', async () => {
    const p = await soldOut();
    const c = await customer(t);
    assert.equal((await c.put(`/api/stock-alerts/${p.id}`)).status, 200);
    const exported = (await c.get('/api/account/export')).body;
    assert.deepEqual(
      exported.stockAlerts.map((a: { productId: string; notifiedAt: string | null }) => [a.productId, a.notifiedAt]),
      [[p.id, null]],
    );
    assert.equal((await c.delete(`/api/stock-alerts/${p.id}`)).status, 204);
    assert.deepEqual((await c.get<StockAlert[]>('/api/stock-alerts')).body, []);
  });
});

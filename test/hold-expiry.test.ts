import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.ts';
import { startTestServer, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { customer, firstCentreId, productWithStock, sql, stockMismatches } from './helpers/fixtures.ts';

for (const driver of [TEST_DRIVER]) {
  describe(`stock holds expire (${driver})`, () => {
    let t: TestServer;
    const clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));
    before(async () => {
      t = await startTestServer({ driver, clock, env: { RESERVATION_MINUTES: '30' } });
    });
    after(() => t.close());

    test('when an unpaid order outlives RESERVATION_MINUTES, then the sweep cancels it and returns its stock; paid orders stay', async () => {
      const centreId = await firstCentreId(t);
      const p = await productWithStock(t, 4);
      const unpaid = await customer(t);
      const payer = await customer(t);
      const a = (await unpaid.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 2 }] })).body.order;
      const b = (await payer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] })).body.order;
      await payer.post(`/api/payments/demo/${b.id}`, { outcome: 'succeeded' });
      assert.equal(a.holdExpiresAt, '2026-11-26T10:30:00.000Z');

      clock.advance(29 * 60_000);
      assert.equal(await t.server.sweepExpiredHolds(), 0);
      assert.equal((await unpaid.get(`/api/orders/${a.id}`)).body.status, 'pending_payment');

      clock.advance(60_000);
      assert.equal(await t.server.sweepExpiredHolds(), 1);
      const expired = (await unpaid.get(`/api/orders/${a.id}`)).body;
      assert.equal(expired.status, 'canceled');
      assert.equal(expired.history.at(-1)!.actorRole, 'system');
      assert.equal(expired.payment!.status, 'failed');
      assert.equal((await payer.get(`/api/orders/${b.id}`)).body.status, 'paid');
      assert.equal((await unpaid.get(`/api/products/${p.id}`)).body.stock, p.stock - 1);
      // Paying after the hold ran out is refused.
      const late = await unpaid.post(`/api/payments/demo/${a.id}`, { outcome: 'succeeded' });
      assert.equal(late.status, 409);
      assert.equal(await t.server.sweepExpiredHolds(), 0);
      assert.deepEqual(await stockMismatches(t), []);
      const [{ n }] = (await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM stock_movements WHERE order_id = $1 AND reason = 'order_release'", [
        a.id,
      ])) as [{ n: number }];
      assert.equal(n, 1);
    });
  });
}

describe('hold sweep on several nodes', () => {
  let t: TestServer;
  const clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));
  before(async () => {
    t = await startTestServer({ clock });
  });
  after(() => t.close());

  test('when several sweeps run at once, then each expired order is canceled once', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 10);
    for (let i = 0; i < 8; i++) {
      const c = await customer(t);
      await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    }
    clock.advance(31 * 60_000);
    const counts = await Promise.all([t.server.sweepExpiredHolds(), t.server.sweepExpiredHolds(), t.server.sweepExpiredHolds()]);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      8,
    );
    const [{ n }] = (await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM order_events WHERE status = 'canceled'")) as [{ n: number }];
    assert.equal(n, 8);
    assert.equal((await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [p.id]))[0]!.stock, p.stock);
    assert.deepEqual(await stockMismatches(t), []);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, asError, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, productWithStock, setStock, sql, stockMismatches } from './helpers/fixtures.ts';

describe('orders', () => {
  let t: TestServer;
  let centreId: string;
  before(async () => {
    t = await startTestServer();
    centreId = await firstCentreId(t);
  });
  after(() => t.close());

  test('when a customer places an order, then stock is held, lines copied, history started and the cart emptied', async () => {
    const c = await customer(t);
    const [a, b] = (await c.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 10);
    await c.put(`/api/cart/items/${a!.id}`, { quantity: 2, donate: true });
    const res = await c.post('/api/orders', {
      centreId,
      items: [
        { productId: a!.id, quantity: 2, donate: true },
        { productId: b!.id, quantity: 3 },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { order, payment } = res.body;
    assert.match(order.number, /^PS-\d{6}$/);
    assert.equal(order.status, 'pending_payment');
    assert.equal(order.centre.id, centreId);
    assert.equal(order.donationOnly, false);
    assert.equal(order.items.length, 2);
    const lineA = order.items.find((i: { productId: string }) => i.productId === a!.id);
    assert.deepEqual(
      { name: lineA!.name, unitPriceCents: lineA!.unitPriceCents, quantity: lineA!.quantity, donate: lineA!.donate, lineTotalCents: lineA!.lineTotalCents },
      { name: a!.name, unitPriceCents: a!.priceCents, quantity: 2, donate: true, lineTotalCents: 2 * a!.priceCents },
    );
    assert.equal(order.totalCents, 2 * a!.priceCents + 3 * b!.priceCents);
    assert.equal(order.donationTotalCents, 2 * a!.priceCents);
    assert.deepEqual(
      order.history.map((h: { status: string }) => h.status),
      ['pending_payment'],
    );
    assert.equal(order.payment!.provider, 'demo');
    assert.equal(order.payment!.status, 'pending');
    assert.equal(payment.url, `/pay/demo/${order.id}`);
    assert.equal((await c.get(`/api/products/${a!.id}`)).body.stock, a!.stock - 2);
    assert.equal((await c.get(`/api/products/${b!.id}`)).body.stock, b!.stock - 3);
    assert.deepEqual((await c.get('/api/cart')).body.items, []);
    const mine = await c.get('/api/orders');
    assert.equal(mine.body.items[0]!.id, order.id);
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when an order is placed, then its answer is exactly the order as read back afterwards', async () => {
    const c = await customer(t);
    const [a, b] = (await c.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 10);
    const res = await c.post('/api/orders', {
      centreId,
      items: [
        { productId: a!.id, quantity: 1, donate: true },
        { productId: a!.id, quantity: 2 },
        { productId: b!.id, quantity: 1 },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const read = await c.get(`/api/orders/${res.body.order.id}`);
    assert.equal(read.status, 200);
    // The answer is built from what the transaction wrote, not read back: the two must never drift.
    assert.deepEqual(res.body.order, read.body);
    assert.equal(read.body.payment!.url, res.body.payment.url);
    assert.ok(read.body.payment!.providerRef);
  });

  test('when a price changes later, then the order keeps the price it was placed at', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const placed = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    await sql(t, "UPDATE products SET price_cents = price_cents + 100, name = name || ' (nouveau)' WHERE id = $1", [p.id]);
    const again = await c.get(`/api/orders/${placed.body.order.id}`);
    assert.equal(again.body.items[0]!.unitPriceCents, p.priceCents);
    assert.equal(again.body.items[0]!.name, p.name);
    await sql(t, "UPDATE products SET price_cents = price_cents - 100, name = replace(name, ' (nouveau)', '') WHERE id = $1", [p.id]);
  });

  test('when everything is for the association, then every line is a gift', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const res = await c.post('/api/orders', { centreId, donationOnly: true, items: [{ productId: p.id, quantity: 1, donate: false }] });
    assert.equal(res.status, 201);
    assert.equal(res.body.order.donationOnly, true);
    assert.ok(res.body.order.items.every((i: { donate: boolean }) => i.donate));
    assert.equal(res.body.order.donationTotalCents, res.body.order.totalCents);
  });

  test('when one product is both kept and offered, then it stays two lines and the stock moves once for both', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 4);
    const res = await c.post('/api/orders', {
      centreId,
      items: [
        { productId: p.id, quantity: 2 },
        { productId: p.id, quantity: 1, donate: true },
      ],
    });
    assert.equal(res.status, 201);
    const lines = res.body.order.items.map((i: { quantity: number; donate: boolean }) => [i.quantity, i.donate]);
    assert.deepEqual(lines.sort(), [
      [1, true],
      [2, false],
    ]);
    assert.equal(res.body.order.donationTotalCents, p.priceCents);
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock - 3);
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when one line lacks stock, then 409 insufficient_stock says what is available and nothing is held', async () => {
    const c = await customer(t);
    const [a, b] = (await c.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 5);
    await setStock(t, b!.id, 2);
    const before = (await c.get('/api/orders')).body.items.length;
    const res = await c.post('/api/orders', {
      centreId,
      items: [
        { productId: a!.id, quantity: 1 },
        { productId: b!.id, quantity: 3 },
      ],
    });
    assert.equal(res.status, 409);
    assert.equal(asError(res).error.code, 'insufficient_stock');
    assert.deepEqual(asError(res).error.details, [{ productId: b!.id, available: 2 }]);
    assert.equal((await c.get(`/api/products/${a!.id}`)).body.stock, a!.stock);
    assert.equal((await c.get(`/api/products/${b!.id}`)).body.stock, 2);
    assert.equal((await c.get('/api/orders')).body.items.length, before);
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when the order is malformed, then 400 validation_failed and nothing changes', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const bodies = [
      {},
      { centreId, items: [] },
      { centreId: 'nope', items: [{ productId: p.id, quantity: 1 }] },
      { centreId: '00000000-0000-0000-0000-000000000000', items: [{ productId: p.id, quantity: 1 }] },
      { centreId, items: [{ productId: p.id, quantity: 0 }] },
      { centreId, items: [{ productId: p.id, quantity: 1.5 }] },
      { centreId, items: [{ productId: p.id, quantity: -2 }] },
      { centreId, items: [{ productId: p.id, quantity: '1' }] },
      { centreId, items: [{ productId: '00000000-0000-0000-0000-000000000000', quantity: 1 }] },
    ];
    for (const body of bodies) {
      const res = await c.post('/api/orders', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(asError(res).error.code, 'validation_failed');
    }
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock);
    assert.deepEqual((await c.get('/api/orders')).body.items, []);
  });

  test('when not signed in, then orders are 401 (the cart is a guest’s: guest-cart.test.ts)', async () => {
    const anon = new ApiClient(t.url);
    for (const [m, path] of [
      ['GET', '/api/orders'],
      ['POST', '/api/orders'],
    ] as const) {
      const res = await anon.request(m, path, m === 'POST' ? {} : undefined);
      assert.equal(res.status, 401, `${m} ${path}`);
    }
  });

  test('when a retry repeats the Idempotency-Key, then the first answer comes back and nothing new is made', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 3);
    const body = { centreId, items: [{ productId: p.id, quantity: 1 }] };
    const first = await c.post('/api/orders', body, { 'idempotency-key': 'retry-1' });
    const second = await c.post('/api/orders', body, { 'idempotency-key': 'retry-1' });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.order.id, first.body.order.id);
    assert.equal(second.body.payment.url, first.body.payment.url);
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock - 1);
    const other = await c.post('/api/orders', { ...body, items: [{ productId: p.id, quantity: 2 }] }, { 'idempotency-key': 'retry-1' });
    assert.equal(other.status, 409);
    assert.equal(asError(other).error.code, 'idempotency_conflict');
    // Keys belong to one customer: another person may use the same string.
    const someoneElse = await customer(t);
    const theirs = await someoneElse.post('/api/orders', body, { 'idempotency-key': 'retry-1' });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.body.order.id, first.body.order.id);
  });

  test('when retries with one key arrive at the same moment, then exactly one order is made', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 3);
    const body = { centreId, items: [{ productId: p.id, quantity: 1 }] };
    const results = await Promise.all(Array.from({ length: 12 }, () => c.post('/api/orders', body, { 'idempotency-key': 'same-moment' })));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
    assert.equal(new Set(results.map((r) => r.body.order.id)).size, 1);
    assert.equal((await c.get('/api/orders')).body.items.length, 1);
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock - 1);
  });

  test('when another customer asks for my order, then 404 on every route', async () => {
    const me = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await me.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    const id = body.order.id;
    const other = await customer(t);
    for (const res of [
      await other.get(`/api/orders/${id}`),
      await other.post(`/api/orders/${id}/cancel`),
      await other.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' }),
      await other.post(`/api/orders/${id}/pay`),
    ]) {
      assert.equal(res.status, 404);
      assert.equal(asError(res).error.code, 'not_found');
    }
    assert.ok(!(await other.get('/api/orders')).body.items.some((o: { id: string }) => o.id === id));
    assert.equal((await me.get(`/api/orders/${id}`)).body.status, 'pending_payment');
  });

  test('when the demo payment succeeds, then the order is paid and the payment recorded', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    const bad = await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'maybe' });
    assert.equal(bad.status, 400);
    const paid = await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'paid');
    assert.equal(paid.body.payment!.status, 'succeeded');
    assert.deepEqual(
      paid.body.history.map((h: { status: string }) => h.status),
      ['pending_payment', 'paid'],
    );
    const again = await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    assert.equal(again.status, 409);
    const rows = await sql(t, 'SELECT status, amount_cents FROM payments WHERE order_id = $1', [body.order.id]);
    assert.deepEqual(rows, [{ status: 'succeeded', amount_cents: body.order.totalCents }]);
  });

  test('when the demo payment fails, then the order still waits and a new attempt can pay it', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    const failed = await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'failed' });
    assert.equal(failed.body.status, 'pending_payment');
    assert.equal(failed.body.payment!.status, 'failed');
    const retry = await c.post(`/api/orders/${body.order.id}/pay`);
    assert.equal(retry.status, 200);
    assert.equal(retry.body.payment.url, `/pay/demo/${body.order.id}`);
    const paid = await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    assert.equal(paid.body.status, 'paid');
  });

  test('when a customer cancels an unpaid order, then the stock returns', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 3);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 2 }] });
    const canceled = await c.post(`/api/orders/${body.order.id}/cancel`);
    assert.equal(canceled.status, 200);
    assert.equal(canceled.body.status, 'canceled');
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock);
    const twice = await c.post(`/api/orders/${body.order.id}/cancel`);
    assert.equal(twice.status, 409);
    assert.equal(asError(twice).error.code, 'invalid_transition');
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when a customer cancels a paid order, then it is refunded and the stock returns', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 3);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    const canceled = await c.post(`/api/orders/${body.order.id}/cancel`);
    assert.equal(canceled.body.status, 'canceled');
    assert.equal(canceled.body.payment!.status, 'refunded');
    assert.equal(canceled.body.payment!.refundedCents, body.order.totalCents);
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, p.stock);
  });

  test('when preparation has started, then the customer can no longer cancel', async () => {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    const staff = await signedIn(t.url, DEMO.staff);
    const moved = await staff.post(`/api/staff/orders/${body.order.id}/status`, { status: 'in_preparation' });
    assert.equal(moved.status, 200);
    const res = await c.post(`/api/orders/${body.order.id}/cancel`);
    assert.equal(res.status, 409);
    assert.equal(asError(res).error.code, 'invalid_transition');
  });
});

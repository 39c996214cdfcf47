import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { ApiClient, asError } from './helpers/client.ts';
import { customer, firstCentreId, setStock, sql, stockMismatches } from './helpers/fixtures.ts';
import type { Product } from '../src/contract/index.ts';

/**
 * Issue 15, findings 2 and 6: one free account held the whole catalogue with one order of
 * 100 full-stock lines, and an order of expensive lines overflowed its total (500). Each
 * limit refuses with 409 limit_reached naming its setting, and holds nothing.
 */

async function productsInStock(t: TestServer, minStock = 1): Promise<Product[]> {
  const items: Product[] = (await new ApiClient(t.url).get('/api/products?pageSize=100')).body.items;
  return items.filter((p) => p.stock >= minStock);
}

/** Everything an order could have held: each product's stock, and the movements and orders written. */
async function holdings(t: TestServer) {
  const stock = await sql<{ id: string; stock: number }>(t, 'SELECT id, stock FROM products ORDER BY id');
  const [moves] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM stock_movements');
  const [orders] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM orders');
  return { stock, movements: moves!.n, orders: orders!.n };
}

function assertLimit(res: { status: number; body: any }, limit: string, max: number): void {
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'limit_reached');
  assert.deepEqual(res.body.error.details, { limit, max });
}

for (const driver of [TEST_DRIVER]) {
  describe(`order limits (${driver === 'pg' ? 'PostgreSQL' : 'PGlite'})`, () => {
    let t: TestServer;
    let centreId: string;
    before(async () => {
      t = await startTestServer({ driver });
      centreId = await firstCentreId(t);
    });
    after(() => t.close());

    test('when one order asks for 100 lines at full stock, then it is refused by LIMIT_ORDER_LINES and nothing is held', async () => {
      const c = await customer(t);
      const products = await productsInStock(t);
      // Kept and offered lines stay apart: two lines per product, as many as the attack sent.
      const items = products
        .flatMap((p) => [
          { productId: p.id, quantity: Math.min(99, Math.ceil(p.stock / 2)), donate: false },
          { productId: p.id, quantity: Math.min(99, Math.floor(p.stock / 2)) || 1, donate: true },
        ])
        .slice(0, 100);
      assert.ok(items.length > 40);
      const before = await holdings(t);
      const res = await c.post('/api/orders', { centreId, items });
      assertLimit(res, 'LIMIT_ORDER_LINES', 40);
      assert.deepEqual(await holdings(t), before);
    });

    test('when one product is asked past the default cap, then the order and the cart refuse it with LIMIT_UNITS_PER_PRODUCT', async () => {
      const c = await customer(t);
      const [p] = await productsInStock(t, 21);
      const before = await holdings(t);
      // Split over a kept and an offered line: the cap counts the product, not the line.
      const res = await c.post('/api/orders', {
        centreId,
        items: [
          { productId: p!.id, quantity: 11 },
          { productId: p!.id, quantity: 10, donate: true },
        ],
      });
      assertLimit(res, 'LIMIT_UNITS_PER_PRODUCT', 20);
      assert.deepEqual(await holdings(t), before);
      // The cart cuts to the cap and says so (issue 17: `adjusted`, reason "limit").
      assert.deepEqual((await c.put(`/api/cart/items/${p!.id}`, { quantity: 21 })).body.adjusted, [
        { productId: p!.id, requested: 21, quantity: 20, reason: 'limit' },
      ]);
      assert.equal((await c.put(`/api/cart/items/${p!.id}`, { quantity: 20 })).status, 200);
      // A product with its own cap keeps it, above the default too.
      await sql(t, 'UPDATE products SET max_per_order = 30 WHERE id = $1', [p!.id]);
      try {
        const own = await c.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 21 }] });
        assert.equal(own.status, 201, JSON.stringify(own.body));
        assert.equal((await c.post(`/api/orders/${own.body.order.id}/cancel`)).status, 200);
      } finally {
        await sql(t, 'UPDATE products SET max_per_order = NULL WHERE id = $1', [p!.id]);
      }
    });

    test('when an order totals more than LIMIT_ORDER_CENTS, then it is refused and nothing is held', async () => {
      const c = await customer(t);
      const [p] = await productsInStock(t, 2);
      await sql(t, 'UPDATE products SET price_cents = 150000 WHERE id = $1', [p!.id]);
      try {
        const before = await holdings(t);
        const res = await c.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 2 }] });
        assertLimit(res, 'LIMIT_ORDER_CENTS', 200000);
        assert.match(asError(res).error.message, /2\s000,00\s€/);
        assert.deepEqual(await holdings(t), before);
        // At the limit exactly, it goes through.
        const one = await c.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 1 }] });
        assert.equal(one.status, 201, JSON.stringify(one.body));
        assert.equal((await c.post(`/api/orders/${one.body.order.id}/cancel`)).status, 200);
      } finally {
        await sql(t, 'UPDATE products SET price_cents = $2 WHERE id = $1', [p!.id, p!.priceCents]);
      }
    });

    test('when an account already has 2 unpaid orders, then a third is refused by LIMIT_UNPAID_ORDERS until one is paid', async () => {
      const c = await customer(t);
      const [p] = await productsInStock(t, 10);
      const order = () => c.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 1 }] });
      const first = await order();
      assert.equal(first.status, 201);
      assert.equal((await order()).status, 201);
      const before = await holdings(t);
      const third = await order();
      assertLimit(third, 'LIMIT_UNPAID_ORDERS', 2);
      assert.equal(asError(third).error.message.startsWith('Vous avez déjà 2 commandes en attente de paiement'), true, asError(third).error.message);
      assert.deepEqual(await holdings(t), before);
      assert.equal((await c.post(`/api/payments/demo/${first.body.order.id}`, { outcome: 'succeeded' })).status, 200);
      assert.equal((await order()).status, 201);
    });

    test('when unpaid orders would hold more than LIMIT_HELD_UNITS, then the order is refused and nothing is held', async () => {
      const c = await customer(t);
      const products = (await productsInStock(t, 21)).slice(0, 3);
      const full = await c.post('/api/orders', { centreId, items: products.map((p) => ({ productId: p.id, quantity: 20 })) });
      assert.equal(full.status, 201, JSON.stringify(full.body));
      const before = await holdings(t);
      assertLimit(await c.post('/api/orders', { centreId, items: [{ productId: products[0]!.id, quantity: 1 }] }), 'LIMIT_HELD_UNITS', 60);
      assert.deepEqual(await holdings(t), before);
      // Released units free the allowance again.
      assert.equal((await c.post(`/api/orders/${full.body.order.id}/cancel`)).status, 200);
      assert.equal((await c.post('/api/orders', { centreId, items: [{ productId: products[0]!.id, quantity: 1 }] })).status, 201);
    });

    test('when one account sends 8 orders at once, then at most LIMIT_UNPAID_ORDERS are placed and the rest hold nothing', async () => {
      const c = await customer(t);
      const [p] = await productsInStock(t, 20);
      await setStock(t, p!.id, 100);
      const results = await Promise.all(Array.from({ length: 8 }, () => c.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 2 }] })));
      const created = results.filter((r) => r.status === 201);
      assert.equal(created.length, 2, JSON.stringify(results.map((r) => r.status)));
      for (const r of results.filter((r) => r.status !== 201)) assertLimit(r, 'LIMIT_UNPAID_ORDERS', 2);
      const [row] = await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [p!.id]);
      assert.equal(row!.stock, 96);
      assert.deepEqual(await stockMismatches(t), []);
    });

    test('when one account sends orders at once that together pass LIMIT_HELD_UNITS, then the units held never exceed it', async () => {
      const c = await customer(t);
      const [a, b] = await productsInStock(t, 20);
      await setStock(t, a!.id, 200);
      await setStock(t, b!.id, 200);
      // 35 units each: one fits in 60, a second would hold 70.
      const items = [
        { productId: a!.id, quantity: 20 },
        { productId: b!.id, quantity: 15 },
      ];
      const results = await Promise.all(Array.from({ length: 8 }, () => c.post('/api/orders', { centreId, items })));
      const created = results.filter((r) => r.status === 201);
      assert.equal(created.length, 1, JSON.stringify(results.map((r) => r.status)));
      for (const r of results.filter((r) => r.status !== 201)) assertLimit(r, 'LIMIT_HELD_UNITS', 60);
      const stock = await sql<{ id: string; stock: number }>(t, 'SELECT id, stock FROM products WHERE id = ANY($1::uuid[])', [[a!.id, b!.id]]);
      assert.deepEqual(
        new Map(stock.map((r) => [r.id, r.stock])),
        new Map([
          [a!.id, 180],
          [b!.id, 185],
        ]),
      );
      assert.deepEqual(await stockMismatches(t), []);
    });
  });

  describe(`order limits raised by the operator (${driver === 'pg' ? 'PostgreSQL' : 'PGlite'})`, () => {
    let t: TestServer;
    let centreId: string;
    before(async () => {
      t = await startTestServer({
        driver,
        env: { LIMIT_HELD_UNITS: '100000', LIMIT_ORDER_LINES: '100', LIMIT_UNITS_PER_PRODUCT: '99', LIMIT_ORDER_CENTS: '100000000000' },
      });
      centreId = await firstCentreId(t);
    });
    after(() => t.close());

    test('when an order totals more than a 32-bit integer of cents, then it is placed and paid with its exact total (bigint money)', async () => {
      const c = await customer(t);
      const products = (await productsInStock(t)).slice(0, 22);
      for (const p of products) {
        await setStock(t, p.id, 99);
        await sql(t, 'UPDATE products SET price_cents = 1000000 WHERE id = $1', [p.id]); // the highest price the admin accepts
      }
      const res = await c.post('/api/orders', { centreId, items: products.map((p) => ({ productId: p.id, quantity: 99 })) });
      assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 300));
      // 22 × 99 × 10 000,00 € = 21 780 000,00 €: past 2^31 cents.
      const expected = 22 * 99 * 1_000_000;
      assert.ok(expected > 2 ** 31);
      assert.equal(res.body.order.totalCents, expected);
      const paid = await c.post(`/api/payments/demo/${res.body.order.id}`, { outcome: 'succeeded' });
      assert.equal(paid.status, 200, JSON.stringify(paid.body).slice(0, 300));
      const read = await c.get(`/api/orders/${res.body.order.id}`);
      assert.equal(read.body.totalCents, expected);
      assert.equal(read.body.payment!.amountCents, expected);
      assert.equal(read.body.payment!.status, 'succeeded');
    });
  });
}

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, asError, errorDetails } from './helpers/client.ts';
import { firstCentreId, productWithStock, setStock, sql, stockMismatches } from './helpers/fixtures.ts';

describe('stock under concurrency (real PostgreSQL)', () => {
  const t = serverForSuite();

  test('when 60 buyers race for 17 units, then exactly 17 are sold and stock never goes negative', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 17);
    const buyers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const c = new ApiClient(t.url);
        await c.register(`Buyer ${i}`, `race-${i}@example.fr`);
        return c;
      }),
    );
    const results = await Promise.all(buyers.map((c) => c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] })));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    assert.equal(created.length, 17);
    assert.equal(refused.length, 43);
    for (const r of refused) {
      assert.equal(asError(r).error.code, 'insufficient_stock');
      assert.equal(errorDetails<Array<{ available: number }>>(r)[0]!.available, 0);
    }
    const [row] = await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [p.id]);
    assert.equal(row!.stock, 0);
    const [held] = await sql<{ n: number }>(
      t,
      "SELECT coalesce(sum(quantity), 0)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.product_id = $1 AND o.status <> 'canceled'",
      [p.id],
    );
    assert.equal(held!.n, 17);
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when multi-line orders race over shared products, then all lines or none are held, without deadlock', async () => {
    const centreId = await firstCentreId(t);
    const products = (await new ApiClient(t.url).get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 1).slice(0, 3);
    for (const p of products) await setStock(t, p.id, 10);
    const buyers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const c = new ApiClient(t.url);
        await c.register();
        return c;
      }),
    );
    // Lines in different orders for different buyers: row locks must still be taken in one order.
    const results = await Promise.all(
      buyers.map((c, i) => {
        const items = products.map((p: { id: string }) => ({ productId: p.id, quantity: 1 }));
        if (i % 2) items.reverse();
        return c.post('/api/orders', { centreId, items });
      }),
    );
    assert.equal(results.filter((r) => r.status === 201).length, 10);
    assert.ok(results.every((r) => r.status === 201 || asError(r).error.code === 'insufficient_stock'));
    for (const p of products) {
      const [row] = await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [p.id]);
      assert.equal(row!.stock, 0);
    }
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when the database is asked to go below zero directly, then the CHECK refuses', async () => {
    const p = await productWithStock(t, 1);
    await assert.rejects(sql(t, 'UPDATE products SET stock = -1 WHERE id = $1', [p.id]), /stock_check|violates check/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, fieldErrors } from './helpers/client.ts';
import { productWithStock, sql } from './helpers/fixtures.ts';

describe('cart', () => {
  const t = serverForSuite();

  test('when lines are added, changed, offered and removed, then totals follow', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const [a, b] = (await c.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 5);
    let cart = (await c.put(`/api/cart/items/${a!.id}`, { quantity: 2 })).body;
    assert.deepEqual(
      cart.items.map((i: { productId: string; quantity: number; donate: boolean }) => [i.productId, i.quantity, i.donate]),
      [[a!.id, 2, false]],
    );
    cart = (await c.put(`/api/cart/items/${b!.id}`, { quantity: 1, donate: true })).body;
    assert.equal(cart.totalCents, 2 * a!.priceCents + b!.priceCents);
    assert.equal(cart.donationTotalCents, b!.priceCents);
    const line = cart.items.find((i: { productId: string }) => i.productId === b!.id);
    for (const key of ['productId', 'name', 'priceCents', 'quantity', 'donate', 'lineTotalCents', 'stock']) assert.ok(key in line!, key);
    // Changing the quantity without saying `donate` keeps the gift.
    cart = (await c.put(`/api/cart/items/${b!.id}`, { quantity: 3 })).body;
    assert.equal(cart.items.find((i: { productId: string }) => i.productId === b!.id)!.donate, true);
    assert.equal(cart.donationTotalCents, 3 * b!.priceCents);
    cart = (await c.put(`/api/cart/items/${a!.id}`, { quantity: 0 })).body;
    assert.deepEqual(
      cart.items.map((i: { productId: string }) => i.productId),
      [b!.id],
    );
    assert.equal((await c.delete('/api/cart')).status, 204);
    assert.deepEqual((await c.get('/api/cart')).body, { items: [], totalCents: 0, donationTotalCents: 0 });
  });

  test('when the person signs out and back in elsewhere, then the cart is still there', async () => {
    const laptop = new ApiClient(t.url);
    const u = await laptop.register();
    const p = await productWithStock(t, 2);
    await laptop.put(`/api/cart/items/${p.id}`, { quantity: 2, donate: true });
    await laptop.post('/api/auth/logout');
    const phone = new ApiClient(t.url);
    await phone.login(u.email, u.password);
    const cart = (await phone.get('/api/cart')).body;
    assert.deepEqual(
      cart.items.map((i: { productId: string; quantity: number; donate: boolean }) => [i.productId, i.quantity, i.donate]),
      [[p.id, 2, true]],
    );
  });

  test('when the input is wrong, then 4xx and the cart is unchanged', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const p = await productWithStock(t, 2);
    for (const body of [{}, { quantity: -1 }, { quantity: 1.5 }, { quantity: 1000 }, { quantity: '2' }, { quantity: 1, donate: 'yes' }]) {
      const res = await c.put(`/api/cart/items/${p.id}`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal((await c.put('/api/cart/items/not-a-product', { quantity: 1 })).status, 404);
    assert.equal((await c.put('/api/cart/items/00000000-0000-0000-0000-000000000000', { quantity: 1 })).status, 404);
    assert.deepEqual((await c.get('/api/cart')).body.items, []);
    // Above the stock is no refusal: the cart keeps what there is and says so (issue 17).
    const tooMany = await c.put(`/api/cart/items/${p.id}`, { quantity: p.stock + 1 });
    assert.equal(tooMany.status, 200);
    assert.equal(tooMany.body.items[0]!.quantity, Math.min(p.stock, 20));
    assert.equal(tooMany.body.adjusted!.length, 1);
  });

  test('when a product has a per-order limit, then the cart and the checkout enforce it', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const p = await productWithStock(t, 5);
    await sql(t, 'UPDATE products SET max_per_order = 2 WHERE id = $1', [p.id]);
    const res = await c.put(`/api/cart/items/${p.id}`, { quantity: 3 });
    assert.deepEqual(res.body.adjusted, [{ productId: p.id, requested: 3, quantity: 2, reason: 'max_per_order' }]);
    const centreId = (await c.get('/api/centres')).body[0]!.id;
    const order = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 3 }] });
    assert.equal(order.status, 400);
    assert.equal(fieldErrors(order)[0]!.field, 'items.0.quantity');
    await sql(t, 'UPDATE products SET max_per_order = NULL WHERE id = $1', [p.id]);
  });
});

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError } from './helpers/client.ts';
import { firstCentreId, sql } from './helpers/fixtures.ts';

/** Issue 17: the guest cart, its merge at sign-up and sign-in, what a cut says, off-sale lines, an order put back. */
describe('guest cart and adjusted answers', () => {
  // LIMIT_UNITS_PER_PRODUCT 6 keeps the "limit" reason reachable with small stocks.
  const t = serverForSuite({ env: { LIMIT_UNITS_PER_PRODUCT: '6', GUEST_CARTS_PER_MINUTE: '40', LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '1000' } });
  let admin: ApiClient;
  let n = 0;
  before(async () => {
    admin = new ApiClient(t.url);
    assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
  });

  /** A product of this test's own, so no other test moves its stock. */
  async function product(stock: number, maxPerOrder: number | null = null): Promise<{ id: string; name: string; priceCents: number }> {
    n += 1;
    const res = await admin.post('/api/admin/products', {
      name: `Produit invité ${n}`,
      description: 'Pour les tests du panier invité.',
      category: 'epicerie-salee',
      unit: '1 pièce',
      priceCents: 100 + n,
      stock,
      ...(maxPerOrder === null ? {} : { maxPerOrder }),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  const lines = (cart: { items: Array<{ productId: string; quantity: number }> }) => cart.items.map((i) => [i.productId, i.quantity]);

  test('when a guest fills a cart, then it is kept on the server under an HttpOnly cookie, and checkout still needs an account', async () => {
    const guest = new ApiClient(t.url);
    assert.deepEqual((await guest.get('/api/cart')).body, { items: [], totalCents: 0, donationTotalCents: 0 });
    const p = await product(5);
    const put = await guest.put(`/api/cart/items/${p.id}`, { quantity: 2, donate: true });
    assert.equal(put.status, 200);
    assert.deepEqual(lines(put.body), [[p.id, 2]]);
    assert.equal(put.body.adjusted, undefined);
    const cookie = put.headers.getSetCookie().find((c) => c.startsWith('ps_cart='));
    assert.ok(cookie && /HttpOnly/i.test(cookie) && /SameSite=Lax/i.test(cookie), cookie);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    // Only a hash of the cookie is stored.
    assert.equal((await sql(t, 'SELECT 1 FROM guest_carts WHERE id = $1', [token])).length, 0);

    const again = await guest.get('/api/cart');
    assert.deepEqual(lines(again.body), [[p.id, 2]]);
    assert.equal(again.body.donationTotalCents, 2 * p.priceCents);
    // Someone else's browser has its own (empty) cart.
    assert.deepEqual((await new ApiClient(t.url).get('/api/cart')).body.items, []);
    const order = await guest.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(order.status, 401);
    assert.equal((await guest.delete('/api/cart')).status, 204);
    assert.deepEqual((await guest.get('/api/cart')).body.items, []);
  });

  test('when a guest signs up, then the guest cart becomes the account’s and the guest cookie is gone', async () => {
    const guest = new ApiClient(t.url);
    const p = await product(5);
    await guest.put(`/api/cart/items/${p.id}`, { quantity: 3, donate: true });
    const email = `invite-${Date.now()}@example.fr`;
    const res = await guest.post('/api/auth/register', { name: 'Nouvelle Cliente', email, password: 'motdepasse-solide' });
    assert.equal(res.status, 201);
    assert.deepEqual(lines(res.body.cart!), [[p.id, 3]]);
    assert.equal(res.body.cart!.adjusted, undefined);
    assert.ok(res.headers.getSetCookie().some((c) => c.startsWith('ps_cart=;') && /Max-Age=0/i.test(c)));
    const cart = (await guest.get('/api/cart')).body;
    assert.deepEqual(lines(cart), [[p.id, 3]]);
    assert.equal(cart.items[0]!.donate, true);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM guest_cart_items WHERE product_id = $1', [p.id]))[0].n, 0);
  });

  test('when a guest signs in to an account that has a cart, then quantities add up, capped by stock and limits, and each cut is told', async () => {
    const owner = new ApiClient(t.url);
    const account = await owner.register();
    const scarce = await product(4); // stock binds: 3 + 3 asked, 4 left
    const capped = await product(50, 5); // the product's own cap: 4 + 3 asked, 5 allowed
    const common = await product(50); // the shop's LIMIT_UNITS_PER_PRODUCT (6): 4 + 4 asked
    const plain = await product(50);
    for (const [p, q] of [
      [scarce, 3],
      [capped, 4],
      [common, 4],
    ] as const)
      await owner.put(`/api/cart/items/${p.id}`, { quantity: q });
    await owner.post('/api/auth/logout');

    const guest = new ApiClient(t.url);
    for (const [p, q] of [
      [scarce, 3],
      [capped, 3],
      [common, 4],
      [plain, 2],
    ] as const)
      assert.equal((await guest.put(`/api/cart/items/${p.id}`, { quantity: q })).status, 200);
    const res = await guest.login(account.email, account.password);
    assert.equal(res.status, 200);
    const merged = res.body.cart;
    assert.ok(merged?.adjusted, 'the merged cart and its cuts are in the sign-in answer');
    assert.deepEqual(
      new Map(lines(merged) as Array<[string, number]>),
      new Map([
        [scarce.id, 4],
        [capped.id, 5],
        [common.id, 6],
        [plain.id, 2],
      ]),
    );
    const byProduct = new Map(merged.adjusted.map((a) => [a.productId, a]));
    assert.deepEqual(byProduct.get(scarce.id), { productId: scarce.id, requested: 6, quantity: 4, reason: 'stock' });
    assert.deepEqual(byProduct.get(capped.id), { productId: capped.id, requested: 7, quantity: 5, reason: 'max_per_order' });
    assert.deepEqual(byProduct.get(common.id), { productId: common.id, requested: 8, quantity: 6, reason: 'limit' });
    assert.equal(byProduct.size, 3);
    // The cart is the account's: another device sees the merge.
    const phone = new ApiClient(t.url);
    await phone.login(account.email, account.password);
    assert.equal((await phone.get('/api/cart')).body.items.length, 4);
    // A guest cart is merged once: signing in again from the same browser adds nothing.
    await guest.post('/api/auth/logout');
    const second = await guest.login(account.email, account.password);
    assert.equal(second.body.cart, undefined);
  });

  test('when a quantity is asked above what a product allows, then the cart keeps what it can and says why (each reason)', async () => {
    const c = new ApiClient(t.url); // a guest: the same rules
    const one = await product(1);
    const out = await product(0);
    const capped = await product(20, 2);
    const common = await product(50);
    const withdrawn = await product(10);
    await admin.delete(`/api/admin/products/${withdrawn.id}`);

    let res = await c.put(`/api/cart/items/${one.id}`, { quantity: 4 });
    assert.deepEqual(res.body.adjusted, [{ productId: one.id, requested: 4, quantity: 1, reason: 'stock' }]);
    assert.deepEqual(lines(res.body), [[one.id, 1]]);
    res = await c.put(`/api/cart/items/${out.id}`, { quantity: 1 });
    assert.deepEqual(res.body.adjusted, [{ productId: out.id, requested: 1, quantity: 0, reason: 'stock' }]);
    res = await c.put(`/api/cart/items/${capped.id}`, { quantity: 3 });
    assert.deepEqual(res.body.adjusted, [{ productId: capped.id, requested: 3, quantity: 2, reason: 'max_per_order' }]);
    // "500 typed becomes 99" no more: the shop's cap, said.
    res = await c.put(`/api/cart/items/${common.id}`, { quantity: 500 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.adjusted, [{ productId: common.id, requested: 500, quantity: 6, reason: 'limit' }]);
    res = await c.put(`/api/cart/items/${withdrawn.id}`, { quantity: 1 });
    assert.deepEqual(res.body.adjusted, [{ productId: withdrawn.id, requested: 1, quantity: 0, reason: 'off_sale' }]);
    assert.deepEqual(lines(res.body), [
      [one.id, 1],
      [capped.id, 2],
      [common.id, 6],
    ]);
    // Within the rules, no `adjusted` at all.
    res = await c.put(`/api/cart/items/${common.id}`, { quantity: 3 });
    assert.equal(res.body.adjusted, undefined);
    for (const body of [{ quantity: -1 }, { quantity: 1000 }, { quantity: 1.5 }]) {
      assert.equal((await c.put(`/api/cart/items/${common.id}`, body)).status, 400, JSON.stringify(body));
    }
  });

  test('when a product in a cart is taken off sale, then its line stays marked unavailable, out of the totals, checkout refuses it by name, and removing it works', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const kept = await product(10);
    const gone = await product(10);
    await c.put(`/api/cart/items/${kept.id}`, { quantity: 1 });
    await c.put(`/api/cart/items/${gone.id}`, { quantity: 2 });
    assert.equal((await admin.delete(`/api/admin/products/${gone.id}`)).status, 200);

    const cart = (await c.get('/api/cart')).body;
    const line = cart.items.find((i: { productId: string }) => i.productId === gone.id);
    assert.equal(line!.available, false);
    assert.equal(line!.quantity, 2);
    assert.equal(cart.items.find((i: { productId: string }) => i.productId === kept.id)!.available, true);
    assert.equal(cart.totalCents, kept.priceCents);

    const centreId = await firstCentreId(t);
    const refused = await c.post('/api/orders', {
      centreId,
      items: cart.items.map((i: { productId: string; quantity: number }) => ({ productId: i.productId, quantity: i.quantity })),
    });
    assert.equal(refused.status, 409);
    assert.equal(asError(refused).error.code, 'product_off_sale');
    assert.match(asError(refused).error.message, /Produit invité \d+.*n’est plus en vente/);
    assert.deepEqual(asError(refused).error.details, [{ productId: gone.id, name: gone.name }]);
    // Nothing was held, the cart is as it was.
    assert.equal((await c.get('/api/cart')).body.items.length, 2);

    const removed = (await c.put(`/api/cart/items/${gone.id}`, { quantity: 0 })).body;
    assert.deepEqual(lines(removed), [[kept.id, 1]]);
    assert.equal((await c.post('/api/orders', { centreId, items: [{ productId: kept.id, quantity: 1 }] })).status, 201);
  });

  test('when an order was canceled, then "put it back in my cart" adds what is still sold, with each cut told; other orders and other people are refused', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const fine = await product(10);
    const scarce = await product(10);
    const gone = await product(10);
    const centreId = await firstCentreId(t);
    const placed = await c.post('/api/orders', {
      centreId,
      items: [
        { productId: fine.id, quantity: 2, donate: true },
        { productId: scarce.id, quantity: 3 },
        { productId: gone.id, quantity: 1 },
      ],
    });
    assert.equal(placed.status, 201);
    const orderId = placed.body.order.id;
    // Not canceled yet: refused.
    assert.equal((await c.post(`/api/orders/${orderId}/reorder`)).status, 409);
    assert.equal((await c.post(`/api/orders/${orderId}/cancel`)).status, 200);
    // Stock moves only through the admin API (invariant): set scarce to 1 that way.
    await admin.post(`/api/admin/products/${scarce.id}/stock`, { delta: -9, reason: 'test' });
    await admin.delete(`/api/admin/products/${gone.id}`);

    // Someone else cannot.
    const other = new ApiClient(t.url);
    await other.register();
    assert.equal((await other.post(`/api/orders/${orderId}/reorder`)).status, 404);

    const res = await c.post(`/api/orders/${orderId}/reorder`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.items.map((i: { productId: string; quantity: number; donate: boolean }) => [i.productId, i.quantity, i.donate]),
      [
        [fine.id, 2, true],
        [scarce.id, 1, false],
      ],
    );
    const adjusted = new Map(res.body.adjusted!.map((a: { productId: string }) => [a.productId, a]));
    assert.deepEqual(adjusted.get(scarce.id), { productId: scarce.id, requested: 3, quantity: 1, reason: 'stock' });
    assert.deepEqual(adjusted.get(gone.id), { productId: gone.id, requested: 1, quantity: 0, reason: 'off_sale' });
  });

  test('when an unpaid order’s hold ran out before the sweep came, then "put it back" expires it first (stock back) and fills the cart', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    const p = await product(4);
    const placed = await c.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 4 }] });
    assert.equal(placed.status, 201);
    const orderId = placed.body.order.id;
    await sql(t, `UPDATE orders SET hold_expires_at = now() - interval '1 second' WHERE id = $1`, [orderId]);
    const res = await c.post(`/api/orders/${orderId}/reorder`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(lines(res.body), [[p.id, 4]]);
    assert.equal(res.body.adjusted, undefined);
    const order = (await c.get(`/api/orders/${orderId}`)).body;
    assert.equal(order.status, 'canceled');
    assert.equal((await c.get(`/api/products/${p.id}`)).body.stock, 4);
  });

  test('when guest carts pass GUEST_CART_DAYS, then the sweep forgets them; and one address may open only GUEST_CARTS_PER_MINUTE', async () => {
    const guest = new ApiClient(t.url);
    const p = await product(50);
    await guest.put(`/api/cart/items/${p.id}`, { quantity: 1 });
    const [row] = await sql(t, 'SELECT cart_id FROM guest_cart_items WHERE product_id = $1', [p.id]);
    await sql(t, `UPDATE guest_carts SET expires_at = now() - interval '1 minute' WHERE id = $1`, [row.cart_id]);
    // Expired: the browser's cart reads empty at once, and the sweep deletes it.
    assert.deepEqual((await guest.get('/api/cart')).body.items, []);
    assert.ok((await t.server.purgeGuestCarts()) >= 1);
    assert.equal((await sql(t, 'SELECT 1 FROM guest_carts WHERE id = $1', [row.cart_id])).length, 0);

    // A flood of fresh browsers from one address: refused past the setting, with Retry-After.
    const keeper = new ApiClient(t.url);
    assert.equal((await keeper.put(`/api/cart/items/${p.id}`, { quantity: 1 })).status, 200);
    let refused: { status: number; headers: Headers } | undefined;
    for (let i = 0; i < 45 && !refused; i++) {
      const r = await new ApiClient(t.url).put(`/api/cart/items/${p.id}`, { quantity: 1 });
      if (r.status === 429) refused = r;
      else assert.equal(r.status, 200);
    }
    assert.ok(refused, 'no 429 after 45 new guest carts from one address');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    // A browser that already has its cart keeps working.
    assert.equal((await keeper.put(`/api/cart/items/${p.id}`, { quantity: 2 })).status, 200);
  });

  test('when a guest writes from another site, then 403 forbidden_origin (the same rule as every write)', async () => {
    const guest = new ApiClient(t.url);
    const p = await product(5);
    const res = await guest.put(`/api/cart/items/${p.id}`, { quantity: 1 }, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(asError(res).error.code, 'forbidden_origin');
  });

  test('when an address is no page of the shop, then HTTP 404 with the shop’s page; known pages 200; unknown API routes stay JSON 404', async () => {
    const c = new ApiClient(t.url);
    for (const path of ['/nope', '/products/x/y', '/cartt', '/orders/1/2']) {
      const res = await c.get(path);
      assert.equal(res.status, 404, path);
      assert.match(String(res.body), /<div id="app"/, path);
    }
    for (const path of ['/', '/cart', '/cart/', '/products/abc', '/orders/abc', '/pay/demo/abc', '/account/data']) {
      assert.equal((await c.get(path)).status, 200, path);
    }
    const api = await c.get('/api/nope');
    assert.equal(api.status, 404);
    assert.equal(api.body.error.code, 'not_found');
  });
});

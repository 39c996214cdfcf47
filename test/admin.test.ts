import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { TestServer } from './helpers/harness.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, asError, DEMO, fieldErrors, recorded, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, productWithStock, sql, stockMismatches } from './helpers/fixtures.ts';
import { connectSocket, Recorder } from './helpers/sockets.ts';
import { AUDIT_ACTIONS } from '../src/contract/enums.ts';

async function uploadImage(t: TestServer, admin: ApiClient, productId: string, data: Buffer, filename: string, type: string) {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(data)], { type }), filename);
  const res = await fetch(`${t.url}/api/admin/products/${productId}/image`, { method: 'POST', body: form, headers: { cookie: admin.cookieHeader } });
  return { status: res.status, body: await res.json() };
}

describe('admin API', () => {
  const t = serverForSuite();
  let admin: ApiClient;
  let adminId: string;
  before(async () => {
    admin = new ApiClient(t.url);
    adminId = (await admin.login(DEMO.admin.email, DEMO.admin.password)).body.user.id;
  });

  test('when an admin creates, edits and takes a product off sale, then the shop follows and past orders keep it', async () => {
    const created = await admin.post('/api/admin/products', {
      name: 'Riz basmati',
      description: 'Riz parfumé d’Inde.',
      category: 'epicerie-salee',
      unit: '1 kg',
      priceCents: 189,
      stock: 12,
      maxPerOrder: 4,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const p = created.body;
    assert.deepEqual([p.name, p.priceCents, p.stock, p.onSale, p.maxPerOrder], ['Riz basmati', 189, 12, true, 4]);
    const shop = new ApiClient(t.url);
    assert.ok((await shop.get('/api/products?q=basmati')).body.items.some((i: { id: string }) => i.id === p.id));

    const edited = await admin.patch(`/api/admin/products/${p.id}`, { name: 'Riz basmati bio', priceCents: 215 });
    assert.equal(edited.status, 200);
    assert.equal((await shop.get(`/api/products/${p.id}`)).body.priceCents, 215);
    assert.ok((await shop.get('/api/products?q=BIO%20basmati')).body.items.some((i: { id: string }) => i.id === p.id));

    const buyer = await customer(t);
    const { body: placed } = await buyer.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 2 }] });
    const withdrawn = await admin.delete(`/api/admin/products/${p.id}`);
    assert.equal(withdrawn.body.onSale, false);
    assert.equal((await shop.get(`/api/products/${p.id}`)).status, 404);
    assert.ok(!(await shop.get('/api/products?q=basmati')).body.items.length);
    const past = await buyer.get(`/api/orders/${placed.order.id}`);
    assert.equal(past.body.items[0]!.name, 'Riz basmati bio');
    assert.equal(past.body.items[0]!.unitPriceCents, 215);
    const list = await admin.get('/api/admin/products?onSale=false&q=basmati');
    assert.deepEqual(
      list.body.items.map((i: { id: string }) => i.id),
      [p.id],
    );
  });

  test('when product input is invalid, then 400 names the field and nothing is stored', async () => {
    const before = (await admin.get('/api/admin/products?pageSize=1')).body.total;
    const base = { name: 'Produit', category: 'conserves', priceCents: 100 };
    const cases: Array<[unknown, string]> = [
      [{ ...base, priceCents: -1 }, 'priceCents'],
      [{ ...base, priceCents: 1.5 }, 'priceCents'],
      [{ ...base, priceCents: '100' }, 'priceCents'],
      [{ ...base, name: '' }, 'name'],
      [{ ...base, name: '   ' }, 'name'],
      [{ ...base, category: 'nope' }, 'category'],
      [{ ...base, stock: -3 }, 'stock'],
      [{ ...base, maxPerOrder: 0 }, 'maxPerOrder'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/admin/products', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(asError(res).error.code, 'validation_failed');
      assert.equal(fieldErrors(res)[0]!.field, field, JSON.stringify(res.body));
    }
    assert.equal((await admin.get('/api/admin/products?pageSize=1')).body.total, before);
    const p = await productWithStock(t, 1);
    for (const body of [{}, { priceCents: -5 }, { name: '' }, { category: 'nope' }]) {
      assert.equal((await admin.patch(`/api/admin/products/${p.id}`, body)).status, 400, JSON.stringify(body));
    }
    assert.equal((await admin.patch('/api/admin/products/00000000-0000-0000-0000-000000000000', { name: 'x' })).status, 404);
  });

  test('when stock is adjusted with a reason, then a movement is written, shoppers see it live, and it never goes below zero', async () => {
    const p = await productWithStock(t, 3);
    const shopper = new Recorder(await connectSocket(t.url));
    const up = await admin.post(`/api/admin/products/${p.id}/stock`, { delta: 10, reason: 'Livraison de la Banque alimentaire' });
    assert.equal(up.status, 200);
    assert.equal(up.body.stock, p.stock + 10);
    assert.deepEqual(await shopper.waitFor('stock:changed', (e) => e.productId === p.id), { productId: p.id, stock: p.stock + 10 });
    const tooMuch = await admin.post(`/api/admin/products/${p.id}/stock`, { delta: -(p.stock + 11), reason: 'Casse' });
    assert.equal(tooMuch.status, 409);
    assert.equal(asError(tooMuch).error.code, 'insufficient_stock');
    for (const body of [{ delta: 0, reason: 'rien' }, { delta: 1.5, reason: 'demi' }, { delta: 2 }, { delta: 2, reason: '' }]) {
      assert.equal((await admin.post(`/api/admin/products/${p.id}/stock`, body)).status, 400, JSON.stringify(body));
    }
    const detail = await admin.get(`/api/admin/products/${p.id}`);
    assert.equal(detail.body.stock, p.stock + 10);
    assert.deepEqual(
      [detail.body.movements[0]!.delta, detail.body.movements[0]!.note, detail.body.movements[0]!.actorName],
      [10, 'Livraison de la Banque alimentaire', 'Sophie Laurent'],
    );
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when an image is uploaded, then it is re-encoded and served; a non-image or an oversize file is refused and nothing is stored', async () => {
    const p = await productWithStock(t, 1);
    const png = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c8102e' } })
      .png()
      .toBuffer();
    const ok = await uploadImage(t, admin, p.id, png, 'photo.png', 'image/png');
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.match(ok.body.imageUrl, /^\/images\/uploads\/[0-9a-f-]{36}\.webp$/);
    const served = await fetch(t.url + ok.body.imageUrl);
    assert.equal(served.headers.get('content-type'), 'image/webp');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 800, 600]);
    assert.equal((await new ApiClient(t.url).get(`/api/products/${p.id}`)).body.imageUrl, ok.body.imageUrl);

    const count = async () => (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM product_images'))[0]!.n;
    const stored = await count();
    const fake = await uploadImage(t, admin, p.id, Buffer.from('<script>alert(1)</script>'), 'evil.png', 'image/png');
    assert.equal(fake.status, 400);
    assert.equal(fake.body.error.details[0].field, 'image');
    const svg = await uploadImage(t, admin, p.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'), 'x.svg', 'image/svg+xml');
    assert.equal(svg.status, 400);
    const big = await uploadImage(t, admin, p.id, Buffer.alloc(6 * 1024 * 1024, 1), 'big.png', 'image/png');
    assert.equal(big.status, 413);
    const none = await admin.post(`/api/admin/products/${p.id}/image`, {});
    assert.equal(none.status, 400);
    assert.equal(await count(), stored);
    assert.equal((await admin.get(`/api/admin/products/${p.id}`)).body.imageUrl, ok.body.imageUrl);
  });

  test('when an admin manages accounts, then roles change, disabled accounts stop at once, and the last admin is protected', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register('Julie Morel', 'julie.morel@example.fr');
    const found = await admin.get('/api/admin/users?q=MOREL');
    assert.deepEqual(
      found.body.items.map((i: { id: string }) => i.id),
      [u.id],
    );
    const promoted = await admin.patch(`/api/admin/users/${u.id}`, { role: 'staff' });
    assert.equal(promoted.body.role, 'staff');
    assert.equal((await c.get('/api/staff/orders')).status, 200);

    const socket = await connectSocket(t.url, c.cookieHeader);
    const cut = new Promise((resolve) => socket.once('disconnect', resolve));
    const disabled = await admin.patch(`/api/admin/users/${u.id}`, { disabled: true });
    assert.equal(disabled.body.disabled, true);
    assert.equal((await c.get('/api/auth/me')).status, 401);
    await cut;
    // The right password on a disabled account: told it is disabled (403), no session.
    const refused = await new ApiClient(t.url).login(u.email, u.password);
    assert.deepEqual([refused.status, asError(refused).error.code], [403, 'account_disabled']);
    assert.equal((await admin.patch(`/api/admin/users/${u.id}`, { disabled: false })).body.disabled, false);
    assert.equal((await new ApiClient(t.url).login(u.email, u.password)).status, 200);

    const self = await admin.patch(`/api/admin/users/${adminId}`, { role: 'staff' });
    assert.equal(self.status, 409);
    assert.equal(asError(self).error.code, 'self_demotion');
    assert.equal(asError(await admin.patch(`/api/admin/users/${adminId}`, { disabled: true })).error.code, 'self_demotion');

    // Make a second admin, who tries to demote the first while they are the last but one… then alone.
    const other = new ApiClient(t.url);
    const o = await other.register('Second Admin', 'second.admin@example.fr');
    await admin.patch(`/api/admin/users/${o.id}`, { role: 'admin' });
    assert.equal((await other.patch(`/api/admin/users/${adminId}`, { role: 'customer' })).status, 200);
    const last = await other.patch(`/api/admin/users/${o.id}`, { disabled: true });
    assert.equal(last.status, 409);
    // The demoted first admin can no longer act as admin.
    assert.equal((await admin.get('/api/admin/users')).status, 403);
    // Restore for the other tests.
    assert.equal((await other.patch(`/api/admin/users/${adminId}`, { role: 'admin' })).status, 200);
    const guard = await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL");
    assert.ok(guard[0]!.n >= 1);
    for (const body of [{}, { role: 'king' }, { disabled: 'yes' }]) {
      assert.equal((await admin.patch(`/api/admin/users/${o.id}`, body)).status, 400, JSON.stringify(body));
    }
    const detail = await admin.get(`/api/admin/users/${u.id}`);
    assert.equal(detail.body.email, u.email);
    assert.deepEqual(detail.body.orders, []);
  });

  test('when the last two admins demote each other at once, then one admin remains', async () => {
    const a = new ApiClient(t.url);
    const b = new ApiClient(t.url);
    const ua = await a.register('Admin A', 'race-a@example.fr');
    const ub = await b.register('Admin B', 'race-b@example.fr');
    await admin.patch(`/api/admin/users/${ua.id}`, { role: 'admin' });
    await admin.patch(`/api/admin/users/${ub.id}`, { role: 'admin' });
    // Step the demo admin down so that A and B are the only two admins.
    const admins = await sql<{ id: string }>(t, "SELECT id FROM users WHERE role = 'admin' AND id NOT IN ($1, $2)", [ua.id, ub.id]);
    for (const x of admins) await a.patch(`/api/admin/users/${x.id}`, { role: 'staff' });
    const [ra, rb] = await Promise.all([
      a.patch(`/api/admin/users/${ub.id}`, { role: 'customer' }),
      b.patch(`/api/admin/users/${ua.id}`, { role: 'customer' }),
    ]);
    // One wins; the other is refused — 409 last_admin when both passed the role check together,
    // 403 when the winner's demotion had already landed.
    const statuses = [ra.status, rb.status].sort();
    assert.equal(statuses[0], 200, JSON.stringify([ra.body, rb.body]));
    assert.ok([403, 409].includes(statuses[1]!), JSON.stringify([ra.body, rb.body]));
    const left = await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL");
    assert.equal(left[0]!.n, 1);
    // Give the demo admin back its role.
    const winner = ra.status === 200 ? a : b;
    for (const x of admins) await winner.patch(`/api/admin/users/${x.id}`, { role: 'admin' });
  });

  test('when a centre is created, edited and deactivated, then checkout follows and past orders keep it', async () => {
    const body = {
      name: 'Restos du Cœur — Nancy',
      address: '12 rue Saint-Dizier',
      postcode: '54000',
      city: 'Nancy',
      openingHours: 'Mardi 9h–12h',
      lat: 48.6921,
      lng: 6.1844,
      // No pickup slots: its customers come any time it is open (a new centre takes slots by default).
      slotMinutes: null,
      slotCapacity: null,
    };
    const created = await admin.post('/api/admin/centres', body);
    assert.equal(created.status, 201);
    const centreId = created.body.id;
    assert.ok((await new ApiClient(t.url).get('/api/centres')).body.some((c: { id: string }) => c.id === centreId));
    assert.equal((await admin.patch(`/api/admin/centres/${centreId}`, { openingHours: 'Mardi et jeudi 9h–12h' })).body.openingHours, 'Mardi et jeudi 9h–12h');
    const buyer = await customer(t);
    const p = await productWithStock(t, 2);
    const { body: placed } = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal((await admin.patch(`/api/admin/centres/${centreId}`, { active: false })).body.active, false);
    assert.ok(!(await new ApiClient(t.url).get('/api/centres')).body.some((c: { id: string }) => c.id === centreId));
    const refused = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(refused.status, 400);
    assert.equal(fieldErrors(refused)[0]!.field, 'centreId');
    assert.equal((await buyer.get(`/api/orders/${placed.order.id}`)).body.centre.name, body.name);
    assert.ok((await admin.get('/api/admin/centres')).body.some((c: { id: string; active: boolean }) => c.id === centreId && !c.active));
    for (const bad of [
      { ...body, postcode: '5400' },
      { ...body, name: '' },
      { ...body, lat: 200 },
      { ...body, lat: '48' },
    ]) {
      assert.equal((await admin.post('/api/admin/centres', bad)).status, 400, JSON.stringify(bad));
    }
  });

  test('when orders are exported, then the CSV holds the filtered list and neutralises formulas', async () => {
    const buyer = new ApiClient(t.url);
    await buyer.register('=HYPERLINK("http://evil")', 'csv@example.fr');
    const p = await productWithStock(t, 2);
    const { body } = await buyer.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 1 }] });
    const list = await admin.get(`/api/admin/orders?q=${body.order.number}`);
    assert.deepEqual(
      list.body.items.map((o: { id: string }) => o.id),
      [body.order.id],
    );
    const res = await fetch(`${t.url}/api/admin/orders.csv?status=pending_payment`, { headers: { cookie: admin.cookieHeader } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const csv = await res.text();
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    assert.match(lines[0]!, /^Numéro;Date;Statut/);
    const row = lines.find((l) => l.startsWith(body.order.number))!;
    assert.ok(row.includes(`"'=HYPERLINK(""http://evil"")"`), row);
    assert.ok(lines.slice(1).every((l) => l.includes(';En attente de paiement;')));
  });

  test('when staff and admins act, then the audit trail records who, what, when, before and after', async () => {
    const staff = await signedIn(t.url, DEMO.staff);
    const buyer = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await buyer.post('/api/orders', { centreId: await firstCentreId(t), items: [{ productId: p.id, quantity: 1 }] });
    await buyer.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    await staff.post(`/api/staff/orders/${body.order.id}/status`, { status: 'in_preparation', note: 'Carton 3' });
    const orderTrail = await admin.get(`/api/admin/audit?entityType=order&entityId=${body.order.id}`);
    assert.equal(orderTrail.body.items.length, 1);
    const entry = orderTrail.body.items[0];
    assert.deepEqual(
      [entry!.action, entry!.actor.name, entry!.actor.role, recorded(entry!.before).status, recorded(entry!.after).status, recorded(entry!.after).note],
      ['order.status', 'Karim Benali', 'staff', 'paid', 'in_preparation', 'Carton 3'],
    );
    assert.ok(Date.parse(entry!.at) > 0);
    const all = await admin.get('/api/admin/audit?pageSize=200');
    const actions = new Set(all.body.items.map((i: { action: string }) => i.action));
    // Every action of the contract's list but those other suites act on: the categories'
    // (test/categories.test.ts), the association's (test/association.test.ts), the footer pages'
    // (test/pages.test.ts), the needs' (test/giving.test.ts), the acknowledgement's (test/staff-ack.test.ts).
    const elsewhere = (action: string) => action === 'order.ack' || ['category.', 'association.', 'page.', 'need.'].some((prefix) => action.startsWith(prefix));
    for (const a of AUDIT_ACTIONS.filter((action) => !elsewhere(action))) {
      assert.ok(actions.has(a), `audit has ${a}`);
    }
    assert.equal((await admin.get('/api/admin/audit?entityType=nope')).status, 400);
  });

  test('when a customer or staff member calls an admin route, then 403; anonymous 401', async () => {
    const staff = await signedIn(t.url, DEMO.staff);
    const shopper = await customer(t);
    const p = await productWithStock(t, 1);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/products'],
      ['POST', '/api/admin/products', { name: 'x', category: 'conserves', priceCents: 1 }],
      ['PATCH', `/api/admin/products/${p.id}`, { name: 'x' }],
      ['DELETE', `/api/admin/products/${p.id}`],
      ['POST', `/api/admin/products/${p.id}/stock`, { delta: 1, reason: 'test' }],
      ['POST', `/api/admin/products/${p.id}/image`, {}],
      ['GET', '/api/admin/users'],
      ['PATCH', `/api/admin/users/${adminId}`, { role: 'customer' }],
      ['GET', '/api/admin/centres'],
      ['POST', '/api/admin/centres', {}],
      ['GET', '/api/admin/orders'],
      ['GET', '/api/admin/orders.csv'],
      ['GET', '/api/admin/audit'],
    ];
    for (const [method, path, body] of routes) {
      assert.equal((await new ApiClient(t.url).request(method, path, body)).status, 401, `anonymous ${method} ${path}`);
      assert.equal((await shopper.request(method, path, body)).status, 403, `customer ${method} ${path}`);
      assert.equal((await staff.request(method, path, body)).status, 403, `staff ${method} ${path}`);
    }
    assert.equal((await new ApiClient(t.url).get(`/api/products/${p.id}`)).body.name, p.name);
  });
});

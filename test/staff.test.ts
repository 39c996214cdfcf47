import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, asError, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, productWithStock, stockMismatches } from './helpers/fixtures.ts';
import { readPdf } from './helpers/pdf.ts';
import { connectSocket, Recorder } from './helpers/sockets.ts';
import { ORDER_STATUSES } from '../src/contract/index.ts';

/** What staff may do from each status (the payment provider alone marks an order paid). */
const STAFF_MAY: Record<string, string[]> = {
  pending_payment: ['canceled'],
  paid: ['in_preparation', 'canceled'],
  in_preparation: ['in_delivery', 'canceled'],
  in_delivery: ['delivered', 'canceled'],
  delivered: ['collected'],
  collected: [],
  canceled: [],
};
const PATH_TO: Record<string, string[]> = {
  pending_payment: [],
  paid: ['paid'],
  in_preparation: ['paid', 'in_preparation'],
  in_delivery: ['paid', 'in_preparation', 'in_delivery'],
  delivered: ['paid', 'in_preparation', 'in_delivery', 'delivered'],
  collected: ['paid', 'in_preparation', 'in_delivery', 'delivered', 'collected'],
  canceled: ['canceled'],
};

describe('staff console API', () => {
  let t: TestServer;
  let staff: ApiClient;
  let admin: ApiClient;
  let centreId: string;

  /** An order of a fresh customer, brought to `status` through the real routes. */
  async function orderIn(status: string) {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const { body } = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    for (const step of PATH_TO[status]!) {
      const res =
        step === 'paid'
          ? await c.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' })
          : await staff.post(`/api/staff/orders/${body.order.id}/status`, { status: step });
      assert.equal(res.status, 200, `${step}: ${JSON.stringify(res.body)}`);
    }
    return { client: c, order: body.order };
  }

  before(async () => {
    t = await startTestServer();
    centreId = await firstCentreId(t);
    staff = await signedIn(t.url, DEMO.staff);
    admin = await signedIn(t.url, DEMO.admin);
  });
  after(() => t.close());

  test('when staff try every move from every status, then exactly the allowed ones pass', async () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        if (from === to) continue;
        const { order } = await orderIn(from);
        const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status: to, note: 'test' });
        if (STAFF_MAY[from]!.includes(to)) {
          assert.equal(res.status, 200, `${from} → ${to}: ${JSON.stringify(res.body)}`);
          assert.equal(res.body.status, to);
          const last = res.body.history.at(-1);
          assert.deepEqual([last!.status, last!.note, last!.actorRole, last!.actorName], [to, 'test', 'staff', 'Karim Benali']);
        } else {
          assert.equal(res.status, 409, `${from} → ${to} should be refused`);
          assert.equal(asError(res).error.code, 'invalid_transition');
        }
      }
    }
    assert.deepEqual(await stockMismatches(t), []);
  });

  test('when the detail is asked for, then it offers only the moves allowed now, with the customer', async () => {
    const { order } = await orderIn('paid');
    const res = await staff.get(`/api/staff/orders/${order.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.allowedTransitions, ['in_preparation', 'canceled']);
    assert.ok(res.body.customer.email);
    assert.equal(res.body.proofUrl, undefined);
    assert.equal((await staff.get('/api/staff/orders/00000000-0000-0000-0000-000000000000')).status, 404);
    assert.equal((await staff.get('/api/staff/orders/nope')).status, 404);
  });

  test('when staff cancel a paid order with a reason, then it is refunded and the stock returns', async () => {
    const { order, client } = await orderIn('in_preparation');
    const before = (await client.get(`/api/products/${order.items[0]!.productId}`)).body.stock;
    const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'canceled', note: 'Produit abîmé' });
    assert.equal(res.body.payment!.status, 'refunded');
    assert.equal(res.body.payment!.refundedCents, order.totalCents);
    assert.equal(res.body.history.at(-1)!.note, 'Produit abîmé');
    assert.equal((await client.get(`/api/products/${order.items[0]!.productId}`)).body.stock, before + 1);
  });

  test('when two staff move one order at once, then one wins and the other gets a clear conflict', async () => {
    const { order } = await orderIn('paid');
    const detail = (await staff.get(`/api/staff/orders/${order.id}`)).body;
    const [a, b] = await Promise.all([
      staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation', expectedVersion: detail.version }),
      admin.post(`/api/staff/orders/${order.id}/status`, { status: 'canceled', note: 'doublon', expectedVersion: detail.version }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const loser = a.status === 409 ? a : b;
    assert.equal(asError(loser).error.code, 'conflict');
    const after = (await staff.get(`/api/staff/orders/${order.id}`)).body;
    assert.equal(after.history.length, 3);
    assert.equal(after.status, a.status === 200 ? 'in_preparation' : 'canceled', 'the winner’s move is the one written');
    // Without a version, a repeated move is refused rather than written twice: checked on
    // an order of its own, so the outcome does not depend on who won the race above.
    const { order: again } = await orderIn('paid');
    const historyBefore = (await staff.get(`/api/staff/orders/${again.id}`)).body.history.length;
    const [c, d] = await Promise.all([
      staff.post(`/api/staff/orders/${again.id}/status`, { status: 'canceled', note: 'x' }),
      admin.post(`/api/staff/orders/${again.id}/status`, { status: 'canceled', note: 'y' }),
    ]);
    assert.deepEqual([c.status, d.status].sort(), [200, 409]);
    assert.equal(asError(c.status === 409 ? c : d).error.code, 'invalid_transition', 'the second finds it already canceled');
    const canceled = (await staff.get(`/api/staff/orders/${again.id}`)).body;
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.history.length, historyBefore + 1);
  });

  test('when staff list orders, then filters, search and counts work', async () => {
    const { order } = await orderIn('in_delivery');
    const all = await staff.get('/api/staff/orders');
    assert.equal(all.status, 200);
    assert.ok(all.body.total >= 1);
    assert.ok(all.body.items[0]!.customer);
    assert.ok(all.body.counts.in_delivery >= 1);
    const filtered = await staff.get('/api/staff/orders?status=in_delivery');
    assert.ok(filtered.body.items.every((o: { status: string }) => o.status === 'in_delivery'));
    const byNumber = await staff.get(`/api/staff/orders?q=${order.number}`);
    assert.deepEqual(
      byNumber.body.items.map((o: { id: string }) => o.id),
      [order.id],
    );
    const byEmail = await staff.get(`/api/staff/orders?q=${encodeURIComponent(byNumber.body.items[0]!.customer.email.toUpperCase())}`);
    assert.ok(byEmail.body.items.some((o: { id: string }) => o.id === order.id));
    // Empty parameters mean "not given", as in the contract's `?status=&q=&page=`.
    const empty = await staff.get('/api/staff/orders?status=&q=&page=');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.total, all.body.total);
    const accent = new ApiClient(t.url);
    await accent.register('Éloïse Müller', `eloise-${Date.now()}@example.fr`);
    const p = await productWithStock(t, 2);
    const placed = (await accent.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] })).body.order;
    for (const q of ['eloise', 'ELOÏSE', 'muller']) {
      const found = await staff.get(`/api/staff/orders?q=${encodeURIComponent(q)}`);
      assert.ok(
        found.body.items.some((o: { id: string }) => o.id === placed.id),
        q,
      );
    }
    for (const qs of ['status=nope', 'page=0', `q=${'x'.repeat(201)}`]) {
      assert.equal((await staff.get(`/api/staff/orders?${qs}`)).status, 400, qs);
    }
  });

  test('when anyone but staff or admin calls a staff route, then 401 or 403', async () => {
    const { order } = await orderIn('in_preparation');
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/staff/orders'],
      ['GET', `/api/staff/orders/${order.id}`],
      ['POST', `/api/staff/orders/${order.id}/status`, { status: 'in_delivery' }],
      ['GET', `/api/staff/orders/${order.id}/proof`],
      ['GET', '/api/staff/payments'],
    ];
    const shopper = await customer(t);
    for (const [method, path, body] of routes) {
      assert.equal((await new ApiClient(t.url).request(method, path, body)).status, 401, `anonymous ${path}`);
      const res = await shopper.request(method, path, body);
      assert.equal(res.status, 403, `customer ${path}`);
      assert.equal(res.body.error.code, 'forbidden');
    }
    assert.equal((await staff.get(`/api/staff/orders/${order.id}`)).body.status, 'in_preparation');
    assert.equal((await admin.get('/api/staff/orders')).status, 200);
  });

  test('when the customer downloads their own proof, then it names no staff member; the staff copy still does', async () => {
    const { order, client } = await orderIn('in_delivery');
    const download = async (path: string, who: ApiClient) => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie: who.cookieHeader } });
      assert.equal(res.status, 200, path);
      return (await readPdf(Buffer.from(await res.arrayBuffer()))).text;
    };
    const own = await download(`/api/orders/${order.id}/proof`, client);
    assert.match(own, new RegExp(order.number));
    assert.ok(!own.includes('Karim') && !own.includes('Benali'), `the customer's proof names the staff member:\n${own}`);
    assert.match(own, /équipe/); // who acted is still said, by role
    // The JSON owner view agrees: no staff name either.
    assert.ok(!JSON.stringify((await client.get(`/api/orders/${order.id}`)).body).includes('Karim'));
    const staffCopy = await download(`/api/staff/orders/${order.id}/proof`, staff);
    assert.match(staffCopy, /Karim Benali \(équipe\)/);
  });

  test('when a processed order has a proof, then the PDF holds the order and its QR link verifies; a tampered link is refused', async () => {
    const { order, client } = await orderIn('in_delivery');
    const early = await orderIn('paid');
    assert.equal((await staff.get(`/api/staff/orders/${early.order.id}/proof`)).status, 409);

    const res = await fetch(`${t.url}/api/staff/orders/${order.id}/proof`, { headers: { cookie: staff.cookieHeader } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const pdf = await readPdf(Buffer.from(await res.arrayBuffer()));
    assert.match(pdf.text, new RegExp(order.number));
    assert.ok(pdf.text.includes(order.centre.name), 'centre name in the PDF');
    assert.match(pdf.text, /Pour le client/);
    assert.match(pdf.text, /Offert au centre/);
    assert.equal(pdf.qrLinks.length, 1);
    const link = pdf.qrLinks[0]!;
    const detail = (await staff.get(`/api/staff/orders/${order.id}`)).body;
    assert.equal(detail.proofUrl, link);

    const token = new URL(link).pathname.split('/').pop()!;
    const page = await fetch(`${t.url}/proofs/${token}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Preuve authentique/);
    assert.ok(html.includes(order.number));
    const api = await new ApiClient(t.url).get(`/api/proofs/${token}`);
    assert.deepEqual([api.body.valid, api.body.order.id], [true, order.id]);

    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, token.slice(1), 'x'.repeat(48), `${token}A`]) {
      const refused = await fetch(`${t.url}/proofs/${bad}`);
      assert.equal(refused.status, 404, bad);
      assert.match(await refused.text(), /non reconnue/);
      assert.equal((await new ApiClient(t.url).get(`/api/proofs/${bad}`)).status, 404);
    }

    // The customer downloads the proof of their own processed order, nobody else's.
    const own = await fetch(`${t.url}/api/orders/${order.id}/proof`, { headers: { cookie: client.cookieHeader } });
    assert.equal(own.status, 200);
    const stranger = await customer(t);
    assert.equal((await stranger.get(`/api/orders/${order.id}/proof`)).status, 404);
  });

  test('when payments are listed, then each has its order, reference, amounts, and today/week totals', async () => {
    const { order } = await orderIn('paid');
    const res = await staff.get('/api/staff/payments');
    assert.equal(res.status, 200);
    const p = res.body.items.find((i: { orderId: string }) => i.orderId === order.id);
    assert.deepEqual(
      { orderNumber: p!.orderNumber, provider: p!.provider, amountCents: p!.amountCents, refundedCents: p!.refundedCents, status: p!.status },
      { orderNumber: order.number, provider: 'demo', amountCents: order.totalCents, refundedCents: 0, status: 'succeeded' },
    );
    assert.ok(p!.providerRef);
    assert.ok(res.body.totals.today.amountCents >= order.totalCents);
    assert.ok(res.body.totals.week.amountCents >= res.body.totals.today.amountCents);
  });

  test('when a customer connects, then they are not in the staff room', async () => {
    const shopper = await customer(t);
    const staffSocket = await connectSocket(t.url, staff.cookieHeader);
    const shopperSocket = await connectSocket(t.url, shopper.cookieHeader);
    const staffEvents = new Recorder(staffSocket);
    const shopperEvents = new Recorder(shopperSocket);
    const { order } = await orderIn('pending_payment');
    await staffEvents.waitFor('order:created', (o) => o.id === order.id);
    // Shopper's own marker event proves delivery to them has caught up.
    const p = await productWithStock(t, 2);
    const mine = (await shopper.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] })).body.order;
    await shopperEvents.waitFor('order:updated', (o) => o.id === mine.id);
    assert.deepEqual(shopperEvents.named('order:created'), []);
    assert.ok(!shopperEvents.events.some((e) => e.payload?.id === order.id));
    staffSocket.disconnect();
    shopperSocket.disconnect();
  });
});

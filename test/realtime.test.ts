import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { firstCentreId, productWithStock, sql } from './helpers/fixtures.ts';
import { connectSocket, Recorder, type ClientSocket } from './helpers/sockets.ts';

describe('realtime (Socket.IO)', () => {
  let t: TestServer;
  const sockets: ClientSocket[] = [];
  const open = async (cookie?: string, headers?: Record<string, string>) => {
    const s = await connectSocket(t.url, cookie, headers);
    sockets.push(s);
    return s;
  };
  before(async () => {
    t = await startTestServer({ env: { SESSION_RECHECK_SECONDS: '1' } });
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  test('when an order is placed and paid, then each audience gets exactly its events', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 3);
    const owner = new ApiClient(t.url);
    await owner.register('Owner');
    const other = new ApiClient(t.url);
    await other.register('Other');
    const staff = await signedIn(t.url, DEMO.staff);

    const anonymous = new Recorder(await open());
    const ownerEvents = new Recorder(await open(owner.cookieHeader));
    const otherEvents = new Recorder(await open(other.cookieHeader));
    const staffEvents = new Recorder(await open(staff.cookieHeader));

    const { body } = await owner.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 2 }] });
    const orderId = body.order.id;

    const stock = await anonymous.waitFor('stock:changed', (e) => e.productId === p.id);
    assert.deepEqual(stock, { productId: p.id, stock: p.stock - 2 });
    const created = await staffEvents.waitFor('order:created', (o) => o.id === orderId);
    assert.equal(created.customer.name, 'Owner');
    assert.equal(created.status, 'pending_payment');
    // Sent at commit from what was written: the staff view as read back, but for the payment
    // link, which is made just after the commit.
    const { allowedTransitions: _detailOnly, ...staffRead } = (await staff.get(`/api/staff/orders/${orderId}`)).body;
    const withoutLink = (o: { payment: object | null }) => ({ ...o, payment: { ...o.payment, url: null, providerRef: null } });
    assert.deepEqual(withoutLink(created), withoutLink(staffRead));
    const ownerUpdate = await ownerEvents.waitFor('order:updated', (o) => o.id === orderId);
    assert.equal(ownerUpdate.number, body.order.number);
    assert.equal(ownerUpdate.customer, undefined);

    await owner.post(`/api/payments/demo/${orderId}`, { outcome: 'succeeded' });
    const paidAtOwner = await ownerEvents.waitFor('order:updated', (o) => o.id === orderId && o.status === 'paid');
    const paidAtStaff = await staffEvents.waitFor('order:updated', (o) => o.id === orderId && o.status === 'paid');
    // Read once inside the change's transaction: the same order as read back afterwards.
    const { allowedTransitions: _staffDetail, ...staffNow } = (await staff.get(`/api/staff/orders/${orderId}`)).body;
    assert.deepEqual(paidAtStaff, staffNow);
    assert.deepEqual(paidAtOwner, (await owner.get(`/api/orders/${orderId}`)).body);
    const payment = await staffEvents.waitFor('payment:received', (pay) => pay.orderId === orderId);
    assert.equal(payment.amountCents, body.order.totalCents);
    assert.equal(payment.orderNumber, body.order.number);
    assert.equal(payment.status, 'succeeded');

    // A marker event sent after everything else: once the other customer has it, they would have had the rest.
    await other.put(`/api/cart/items/${p.id}`, { quantity: 1 });
    const marker = await productWithStock(t, 2);
    const { body: mine } = await other.post('/api/orders', { centreId, items: [{ productId: marker.id, quantity: 1 }] });
    // An order's own events go out before its stock moves: the marker's stock:changed comes last.
    await otherEvents.waitFor('order:updated', (o) => o.id === mine.order.id);
    // By value too: the marker may be the very product ordered above, whose first move was seen already.
    const markerMoved = (e: { productId: string; stock: number }) => e.productId === marker.id && e.stock === marker.stock - 1;
    await otherEvents.waitFor('stock:changed', markerMoved);
    await anonymous.waitFor('stock:changed', markerMoved);

    assert.deepEqual(
      otherEvents.events.filter((e) => e.payload?.id === orderId || e.payload?.orderId === orderId),
      [],
    );
    assert.deepEqual(otherEvents.named('order:created'), []);
    assert.deepEqual(otherEvents.named('payment:received'), []);
    assert.deepEqual(anonymous.named('order:updated'), []);
    assert.deepEqual(anonymous.named('order:created'), []);
    assert.deepEqual(ownerEvents.named('order:created'), []);
    assert.deepEqual(ownerEvents.named('payment:received'), []);
    assert.ok(otherEvents.named('stock:changed').length >= 2, 'every shopper sees stock move');
  });

  test('when the system writes in an order’s history, then the live event names the note by its code, for the page to say in its own language', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 2);
    const owner = new ApiClient(t.url);
    await owner.register('Owner in English');
    const live = new Recorder(await open(owner.cookieHeader));
    const { body } = await owner.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    const orderId: string = body.order.id;
    assert.equal(body.order.history[0]!.noteCode, null);

    await owner.post(`/api/payments/demo/${orderId}`, { outcome: 'succeeded' });
    const paid = await live.waitFor('order:updated', (o) => o.id === orderId && o.status === 'paid');
    assert.deepEqual([paid.history.at(-1).note, paid.history.at(-1).noteCode], ['Paiement reçu', 'paymentReceived']);
    // Read in English, the words are English and the code the same.
    const en = (await owner.get(`/api/orders/${orderId}?lang=en`)).body;
    assert.deepEqual([en.history.at(-1)!.note, en.history.at(-1)!.noteCode], ['Payment received', 'paymentReceived']);

    assert.equal((await owner.post(`/api/orders/${orderId}/cancel`)).status, 200);
    const canceled = await live.waitFor('order:updated', (o) => o.id === orderId && o.status === 'canceled');
    assert.equal(canceled.history.at(-1).noteCode, 'canceledByCustomer');

    // A staff member's words are never taken for a system note, even the same words.
    const staff = await signedIn(t.url, DEMO.staff);
    const other = await owner.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    await owner.post(`/api/payments/demo/${other.body.order.id}`, { outcome: 'succeeded' });
    const moved = await staff.post(`/api/staff/orders/${other.body.order.id}/status`, { status: 'in_preparation', note: 'Paiement reçu' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual([moved.body.history.at(-1)!.note, moved.body.history.at(-1)!.noteCode], ['Paiement reçu', null]);
  });

  test('when a page of another site opens a socket, then the handshake is refused', async () => {
    await assert.rejects(open(undefined, { origin: 'https://evil.example' }));
  });

  // Nothing announces these changes (no event is published): only the periodic re-check,
  // every SESSION_RECHECK_SECONDS (1 s here, 60 s by default), can cut the sockets.
  const cutBy = (socket: ClientSocket, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: the socket was not cut by the periodic session check`)), 15_000);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  test("when an account is disabled behind the server's back, then its sockets are cut on the next session check", async () => {
    const c = new ApiClient(t.url);
    const u = await c.register();
    const socket = await open(c.cookieHeader);
    const closed = cutBy(socket, 'disabled account');
    await sql(t, 'UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
    assert.equal(await closed, 'io server disconnect');
  });

  test('when a session simply expires, then its sockets are cut on the next session check', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register();
    const socket = await open(c.cookieHeader);
    const closed = cutBy(socket, 'expired session');
    await sql(t, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
    assert.equal(await closed, 'io server disconnect');
  });
});

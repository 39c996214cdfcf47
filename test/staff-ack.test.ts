/**
 * Issue 18, points 1, 2 and 7 through the real API, Socket.IO and a real SMTP server:
 * a shared acknowledgement of new orders (and its event to every staff socket), internal
 * notes that never reach the customer (their order, their socket events, their mail),
 * and the day's dashboard whose figures are the sums of the orders and payments behind it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, DEMO } from './helpers/client.ts';
import { customer, firstCentreId, paidOrder, sql } from './helpers/fixtures.ts';
import { connectSocket, Recorder, type ClientSocket } from './helpers/sockets.ts';
import { serverWithMailForSuite } from './helpers/suite.ts';
import { ORDER_STATUSES } from '../src/contract/index.ts';

const notVerification = (m: { subject?: unknown }) => !/^(Confirmez votre adresse|Confirm your email)/.test(String(m.subject ?? ''));
const INTERNAL = 'Client injoignable, stock abîmé';
const FOR_CUSTOMER = 'Un produit de votre commande n’est plus disponible.';

describe('staff acknowledgement, internal notes and the dashboard', () => {
  const t = serverWithMailForSuite({ env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '500', STAFF_REMINDER_SECONDS: '45' } });
  const signedIn = async (who: { email: string; password: string }) => {
    const c = new ApiClient(t.url);
    const res = await c.login(who.email, who.password);
    assert.equal(res.status, 200);
    return c;
  };
  const sockets: ClientSocket[] = [];
  const watch = async (c: ApiClient) => {
    const s = await connectSocket(t.url, c.cookieHeader);
    sockets.push(s);
    return new Recorder(s);
  };

  test('when a staff member acknowledges a paid order, then every staff socket hears who and when, the order keeps it and a second acknowledgement changes nothing', async () => {
    const centreId = await firstCentreId(t);
    const [staff, admin] = [await signedIn(DEMO.staff), await signedIn(DEMO.admin)];
    const [staffEvents, adminEvents] = [await watch(staff), await watch(admin)];
    try {
      const buyer = await customer(t);
      const buyerEvents = await watch(buyer);
      const { order } = await paidOrder(t, buyer, centreId);

      const before = await staff.get(`/api/staff/orders/${order.id}`);
      assert.equal(before.body.acknowledgedAt, null, 'a new order is unacknowledged, for everyone, until someone acknowledges it');
      assert.equal(before.body.acknowledgedBy, null);
      const page = await admin.get('/api/staff/orders?status=paid&pageSize=100');
      assert.equal(page.body.items.find((o: { id: string }) => o.id === order.id)!.acknowledgedAt, null, 'a reload shows it as new');

      const acked = await staff.post(`/api/staff/orders/${order.id}/ack`);
      assert.equal(acked.status, 200, JSON.stringify(acked.body));
      assert.equal(acked.body.acknowledgedBy!.name, 'Karim Benali');
      assert.ok(acked.body.acknowledgedAt);
      assert.equal(acked.body.version, order.version, 'an acknowledgement is not a status change: the version stays');

      for (const events of [staffEvents, adminEvents]) {
        const heard = await events.waitFor('order:acknowledged', (p) => p.orderId === order.id);
        assert.deepEqual(heard, { orderId: order.id, acknowledgedAt: acked.body.acknowledgedAt, acknowledgedBy: acked.body.acknowledgedBy });
      }
      // The admin's own list after a reload: acknowledged, by whom.
      const after = await admin.get(`/api/staff/orders/${order.id}`);
      assert.deepEqual([after.body.acknowledgedAt, after.body.acknowledgedBy], [acked.body.acknowledgedAt, acked.body.acknowledgedBy]);

      // A colleague acknowledging too keeps the first acknowledgement, and nobody hears it twice.
      const again = await admin.post(`/api/staff/orders/${order.id}/ack`);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.acknowledgedBy, acked.body.acknowledgedBy);
      // An event after it, to be sure anything emitted before has arrived.
      await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation' });
      await adminEvents.waitFor('order:updated', (o) => o.id === order.id && o.status === 'in_preparation');
      assert.equal(adminEvents.named('order:acknowledged').filter((a) => a.orderId === order.id).length, 1);

      // The acknowledgement that took effect is in the audit journal, once: who, when, the order's status then.
      const trail = await admin.get(`/api/admin/audit?entityType=order&entityId=${order.id}`);
      assert.equal(trail.status, 200);
      const acks = trail.body.items.filter((e: { action: string }) => e.action === 'order.ack');
      assert.equal(acks.length, 1, 'a second acknowledgement changes nothing, so journals nothing');
      assert.deepEqual(
        [acks[0]!.actor.name, acks[0]!.actor.role, acks[0]!.before, acks[0]!.after],
        ['Karim Benali', 'staff', { acknowledgedAt: null, status: 'paid' }, { acknowledgedAt: acked.body.acknowledgedAt }],
      );
      assert.equal((await staff.get(`/api/admin/audit?entityType=order&entityId=${order.id}`)).status, 403, 'the journal is the admins’');

      // The customer hears nothing of it, and their view has no acknowledgement.
      await buyerEvents.waitFor('order:updated', (o) => o.id === order.id && o.status === 'in_preparation');
      assert.equal(buyerEvents.named('order:acknowledged').length, 0);
      const own = await buyer.get(`/api/orders/${order.id}`);
      assert.equal('acknowledgedAt' in own.body, false);
      assert.equal('acknowledgedBy' in own.body, false);
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
    }
  });

  test('when staff move an unacknowledged order, then it is acknowledged by them; a customer cannot acknowledge, an unknown order is 404', async () => {
    const centreId = await firstCentreId(t);
    const staff = await signedIn(DEMO.staff);
    const buyer = await customer(t);
    const { order } = await paidOrder(t, buyer, centreId);
    const moved = await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.acknowledgedBy!.name, 'Karim Benali');
    assert.equal((await buyer.post(`/api/staff/orders/${order.id}/ack`)).status, 403);
    assert.equal((await staff.post('/api/staff/orders/00000000-0000-4000-8000-000000000000/ack')).status, 404);
    assert.equal((await staff.post('/api/staff/orders/pas-un-id/ack')).status, 404);
  });

  test('when staff cancel with an internal note and a message for the customer, then the customer’s order, socket events and mail carry the message and never the note', async () => {
    const centreId = await firstCentreId(t);
    const [staff, admin] = [await signedIn(DEMO.staff), await signedIn(DEMO.admin)];
    const adminEvents = await watch(admin);
    try {
      const buyer = await customer(t);
      const me = (await buyer.get('/api/auth/me')).body.user as { email: string };
      const buyerEvents = await watch(buyer);
      const { order } = await paidOrder(t, buyer, centreId);

      const canceled = await staff.post(`/api/staff/orders/${order.id}/status`, {
        status: 'canceled',
        note: INTERNAL,
        customerMessage: FOR_CUSTOMER,
        expectedVersion: order.version,
      });
      assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
      const last = canceled.body.history.at(-1);
      assert.deepEqual([last!.note, last!.customerMessage], [INTERNAL, FOR_CUSTOMER], 'staff see both');

      const staffHeard = await adminEvents.waitFor('order:updated', (o) => o.id === order.id && o.status === 'canceled');
      assert.equal(staffHeard.history.at(-1).note, INTERNAL, 'staff screens get the internal note');

      const ownerHeard = await buyerEvents.waitFor('order:updated', (o) => o.id === order.id && o.status === 'canceled');
      // Whatever else arrives for the customer (the refund's payment event) is checked too.
      const mail = await t.smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && m.subject.includes('annulée'), 'canceled mail');
      const own = await buyer.get(`/api/orders/${order.id}`);
      const list = await buyer.get('/api/orders');
      for (const [what, text] of [
        ['owner view', JSON.stringify(own.body)],
        ['owner list', JSON.stringify(list.body)],
        ['owner socket events', JSON.stringify(buyerEvents.events)],
        ['mail text', mail.text],
        ['mail html', mail.html],
        ['mail subject', mail.subject],
      ] as const) {
        assert.equal(text.includes('Client injoignable'), false, `${what}: no internal note`);
        assert.equal(text.includes('stock ab'), false, `${what}: no internal note`);
      }
      assert.equal(ownerHeard.history.at(-1).customerMessage, FOR_CUSTOMER);
      assert.equal(own.body.history.at(-1)!.customerMessage, FOR_CUSTOMER);
      assert.equal(own.body.history.at(-1)!.note, null);
      assert.ok(mail.text.includes(FOR_CUSTOMER), 'the mail carries the message for the customer');
      assert.ok(String(mail.html).includes('Un produit de votre commande'), 'in the HTML part too');
    } finally {
      for (const s of sockets.splice(0)) s.disconnect();
    }
  });

  test('when the dashboard is asked for, then its figures are the sums of today’s orders and payments, staff get no week and admins get 7 days', async () => {
    const centreId = await firstCentreId(t);
    const [staff, admin] = [await signedIn(DEMO.staff), await signedIn(DEMO.admin)];
    const buyer = await customer(t);
    await paidOrder(t, buyer, centreId, { quantity: 2 });
    await paidOrder(t, buyer, centreId, { donate: true });
    const placed = await paidOrder(t, buyer, centreId);
    await staff.post(`/api/staff/orders/${placed.order.id}/ack`);

    const res = await staff.get('/api/staff/dashboard');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const d = res.body;
    assert.equal(d.reminderSeconds, 45, 'STAFF_REMINDER_SECONDS reaches the console');
    assert.equal(d.week, undefined, 'the week is for admins');

    // Today in Paris, computed apart from the server's code.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    assert.equal(d.day, day);
    const orders = await sql<{
      id: string;
      status: string;
      centre_id: string;
      created_at: Date;
      acknowledged_at: Date | null;
      total_cents: string;
      donation_total_cents: string;
    }>(t, 'SELECT id, status, centre_id, created_at, acknowledged_at, total_cents, donation_total_cents FROM orders');
    const parisDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);
    const today = orders.filter((o) => parisDay(new Date(o.created_at)) === day);
    for (const status of ORDER_STATUSES) {
      assert.equal(d.byStatus[status], today.filter((o) => o.status === status).length, `today's ${status} orders`);
    }
    const perCentre = new Map<string, number>();
    for (const o of today) perCentre.set(o.centre_id, (perCentre.get(o.centre_id) ?? 0) + 1);
    assert.deepEqual(new Map(d.byCentre.map((c: { centreId: string; count: number }) => [c.centreId, c.count])), perCentre);
    assert.ok(d.byCentre.find((c: { centreId: string }) => c.centreId === centreId)!.count >= 3);
    assert.equal(d.unacknowledged, orders.filter((o) => o.status === 'paid' && o.acknowledged_at === null).length);
    const paid = orders.filter((o) => o.status === 'paid').sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
    assert.deepEqual(
      d.waiting.map((o: { id: string }) => o.id),
      paid.slice(0, 5).map((o) => o.id),
      'the paid orders waiting longest, oldest first',
    );

    const payments = await sql<{ amount_cents: string; refunded_cents: string; status: string; created_at: Date }>(
      t,
      'SELECT amount_cents, refunded_cents, status, created_at FROM payments',
    );
    const received = payments.filter((p) => (p.status === 'succeeded' || p.status === 'refunded') && parisDay(new Date(p.created_at)) === day);
    assert.deepEqual(d.payments, {
      count: received.length,
      amountCents: received.reduce((s, p) => s + Number(p.amount_cents), 0),
      refundedCents: received.reduce((s, p) => s + Number(p.refunded_cents), 0),
    });

    const adminView = (await admin.get('/api/staff/dashboard')).body;
    assert.equal(adminView.week!.length, 7);
    assert.equal(adminView.week!.at(-1)!.day, day);
    for (const w of adminView.week!) {
      const sold = orders.filter((o) => parisDay(new Date(o.created_at)) === w.day && o.status !== 'pending_payment' && o.status !== 'canceled');
      assert.deepEqual(w, {
        day: w.day,
        orders: sold.length,
        salesCents: sold.reduce((s, o) => s + Number(o.total_cents), 0),
        giftsCents: sold.reduce((s, o) => s + Number(o.donation_total_cents), 0),
      });
    }
    assert.ok(adminView.week!.at(-1)!.giftsCents > 0, 'today’s gift counts');
    assert.equal((await buyer.get('/api/staff/dashboard')).status, 403);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, asError, signedIn } from './helpers/client.ts';
import { customer, productWithStock, slotCentre } from './helpers/fixtures.ts';
import { readPdf } from './helpers/pdf.ts';
import type { Centre, PickupDay, PlacedOrder } from '../src/contract/index.ts';
import { ManualClock } from '../src/shared/clock.ts';

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

describe('the day of pickups (staff)', () => {
  let t: TestServer;
  let staff: ApiClient;
  let centre: Centre;

  /** An order of a fresh customer (two lines for them, one gift unless giftOnly), moved through `steps` by staff. */
  async function order(steps: string[], opts: { giftOnly?: boolean } = {}) {
    const c = await customer(t);
    const name: string = (await c.get('/api/auth/me')).body.user.name;
    const p = await productWithStock(t, 4);
    const items = opts.giftOnly
      ? [{ productId: p.id, quantity: 1, donate: true }]
      : [
          { productId: p.id, quantity: 2, donate: false },
          { productId: p.id, quantity: 1, donate: true },
        ];
    const placed = await c.post<PlacedOrder>('/api/orders', { centreId: centre.id, items, donationOnly: opts.giftOnly ?? false });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    for (const status of steps) assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200, status);
    return { id, number: placed.body.order.number, name, client: c };
  }

  const day = async (query = '') => {
    const res = await staff.get<PickupDay>(`/api/staff/pickups?centreId=${centre.id}${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    t = await startTestServer({ env: { LIMIT_UNPAID_ORDERS: '1000', LIMIT_HELD_UNITS: '100000' } });
    staff = await signedIn(t.url, DEMO.staff);
    const centres = (await new ApiClient(t.url).get<Centre[]>('/api/centres')).body;
    centre = centres.at(-1)!;
  });
  after(() => t.close());

  test('when orders wait at the centre and one is handed over, then the day counts them expected / collected / missing with their lines and versions', async () => {
    const before = await day();
    const waiting = await order(['in_preparation', 'in_delivery', 'delivered']);
    const handed = await order(['in_preparation', 'in_delivery', 'delivered']);
    const giftOnly = await order(['in_preparation', 'in_delivery', 'delivered'], { giftOnly: true });
    const notYet = await order(['in_preparation']);
    const listed = await day();
    const w = listed.centres[0]!.slots.flatMap((s) => s.orders).find((o) => o.id === waiting.id)!;
    assert.ok(w, 'the waiting order is listed');
    assert.deepEqual([w.lines, w.units, w.giftLines, w.status, w.collectedAt, w.pickupSlot], [1, 2, 1, listed.waitingStatus, null, null]);
    assert.equal(w.customerName, waiting.name);
    const ids = listed.centres.flatMap((c) => c.slots.flatMap((s) => s.orders.map((o) => o.id)));
    assert.ok(!ids.includes(giftOnly.id), 'a gift-only order has nothing to hand over');
    assert.ok(!ids.includes(notYet.id), 'an order still in preparation is not at the centre yet');
    assert.equal(listed.expected, before.expected + 2);

    // The hand-over, with the version the list gave.
    const h = listed.centres[0]!.slots.flatMap((s) => s.orders).find((o) => o.id === handed.id)!;
    const moved = await staff.post(`/api/staff/orders/${handed.id}/status`, { status: listed.collectedStatus, expectedVersion: h.version });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const after = await day();
    assert.deepEqual([after.expected, after.collected, after.missing], [before.expected + 2, before.collected + 1, before.missing + 1]);
    const c = after.centres[0]!;
    assert.deepEqual([c.expected, c.collected, c.missing], [after.expected, after.collected, after.missing]);
    const done = c.slots.flatMap((s) => s.orders).find((o) => o.id === handed.id)!;
    assert.ok(done.collectedAt, 'the hand-over time is given');
    assert.equal(done.collectedBy, 'Karim Benali');
    assert.equal(done.version, h.version + 1);

    // A second hand-over with the old version is a conflict, never a silent overwrite.
    const again = await staff.post(`/api/staff/orders/${handed.id}/status`, { status: listed.collectedStatus, expectedVersion: h.version });
    assert.equal(again.status, 409);

    // Another day: what was handed over today is not on yesterday's list; what still waits is.
    const yesterday = new Date(Date.now() - 86_400_000);
    const other = await day(`&date=${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(yesterday)}`);
    const otherIds = other.centres.flatMap((x) => x.slots.flatMap((s) => s.orders.map((o) => o.id)));
    assert.ok(!otherIds.includes(handed.id));
    assert.ok(otherIds.includes(waiting.id));
    assert.equal(after.day, parisToday());
  });

  test('when a pickup code is scanned at the counter, then the day shows the order collected, and the list carries the code’s hash only', async () => {
    const o = await order(['in_preparation', 'in_delivery', 'delivered']);
    const code: string = (await o.client.get(`/api/orders/${o.id}`)).body.pickupCode!;
    assert.match(code, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    const listed = (await day()).centres[0]!.slots.flatMap((s) => s.orders).find((x) => x.id === o.id)!;
    assert.equal(listed.pickupCodeHash, createHash('sha256').update(code.replace('-', '')).digest('hex'));
    assert.ok(!JSON.stringify(await day()).includes(code), 'the code itself is never in the staff list');
    const res = await staff.post('/api/staff/pickups', { code, expectedVersion: listed.version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = (await day()).centres[0]!.slots.flatMap((s) => s.orders).find((x) => x.id === o.id)!;
    assert.deepEqual([after.status, after.collectedBy], ['collected', 'Karim Benali']);
  });

  test('when a hand-over is sent again with its Idempotency-Key (its answer was lost), then it is answered as done, once in the history; another key or another move is still refused', async () => {
    const history = async (id: string) =>
      (await staff.get<{ history: Array<{ status: string }> }>(`/api/staff/orders/${id}`)).body.history.filter((e) => e.status === 'collected').length;
    // By code (the scanned order), then by the order's own route (the list's « Remis »).
    const scanned = await order(['in_preparation', 'in_delivery', 'delivered']);
    const code: string = (await scanned.client.get(`/api/orders/${scanned.id}`)).body.pickupCode!;
    const listed = (await day()).centres[0]!.slots.flatMap((s) => s.orders);
    const version = listed.find((x) => x.id === scanned.id)!.version;
    const once = { 'Idempotency-Key': 'handover-1' };
    const first = await staff.post('/api/staff/pickups', { code, expectedVersion: version }, once);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await staff.post<{ status: string; version: number }>('/api/staff/pickups', { code, expectedVersion: version }, once);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual([again.body.status, again.body.version], ['collected', version + 1]);
    assert.equal(await history(scanned.id), 1);
    // Without the key (or with another), the same resend is what it is: already handed over.
    const stale = await staff.post('/api/staff/pickups', { code, expectedVersion: version }, { 'Idempotency-Key': 'handover-2' });
    assert.equal(stale.status, 409);
    assert.equal(asError(stale).error.code, 'conflict');
    assert.equal((await staff.post('/api/staff/pickups', { code })).status, 409);
    // A colleague cannot borrow the key: it is the sender's own.
    const admin = await signedIn(t.url, DEMO.admin);
    const borrowed = await admin.post('/api/staff/pickups', { code, expectedVersion: version }, once);
    assert.equal(asError(borrowed).error.code, 'conflict');

    const listedOne = await order(['in_preparation', 'in_delivery', 'delivered']);
    const v = (await day()).centres[0]!.slots.flatMap((s) => s.orders).find((x) => x.id === listedOne.id)!.version;
    const move = { status: 'collected', expectedVersion: v, note: 'Remis au retrait' };
    const key = { 'Idempotency-Key': 'handover-3' };
    assert.equal((await staff.post(`/api/staff/orders/${listedOne.id}/status`, move, key)).status, 200);
    assert.equal((await staff.post(`/api/staff/orders/${listedOne.id}/status`, move, key)).status, 200);
    assert.equal(await history(listedOne.id), 1);
    // The key of a hand-over does not make another move pass as done.
    const other = await staff.post(`/api/staff/orders/${listedOne.id}/status`, { status: 'canceled' }, key);
    assert.deepEqual([other.status, asError(other).error.code], [409, 'idempotency_conflict']);
    assert.equal((await staff.post('/api/staff/pickups', { code }, { 'Idempotency-Key': '' })).status, 400);
  });

  test('when the day is printed, then the PDF lists the centre, each order with its customer, and the counts', async () => {
    const waiting = await order(['in_preparation', 'in_delivery', 'delivered']);
    const listed = await day();
    const res = await fetch(`${t.url}/api/staff/pickups/day.pdf?centreId=${centre.id}&date=${parisToday()}`, { headers: { cookie: staff.cookieHeader } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const { text } = await readPdf(Buffer.from(await res.arrayBuffer()));
    assert.match(text, /Retraits du/);
    assert.ok(text.includes(centre.name), text);
    assert.ok(text.includes(waiting.number), text);
    assert.ok(text.includes(waiting.name), text);
    assert.ok(text.includes(`Attendus : ${listed.expected} — remis : ${listed.collected} — manquants : ${listed.missing}`), text);
  });

  test('when a customer or a stranger asks, or the date is malformed, then the day is refused', async () => {
    const c = await customer(t);
    assert.equal((await c.get('/api/staff/pickups')).status, 403);
    assert.equal((await new ApiClient(t.url).get('/api/staff/pickups/day.pdf')).status, 401);
    const bad = await staff.get('/api/staff/pickups?date=27-11-2026');
    assert.equal(bad.status, 400);
    assert.equal((await staff.get('/api/staff/pickups?centreId=nope')).status, 400);
  });
});

describe('the day of pickups by slot (staff)', () => {
  let t: TestServer;
  let staff: ApiClient;
  let centreId: string;
  // Monday 23 March 2026, 09:00 in Paris; the centre opens on Tuesdays 9–10, 30-minute slots.
  const clock = new ManualClock(new Date('2026-03-23T08:00:00Z'));

  before(async () => {
    t = await startTestServer({ clock, env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '1000' } });
    const admin = await signedIn(t.url, DEMO.admin);
    staff = await signedIn(t.url, DEMO.staff);
    centreId = await slotCentre(admin, 'Restos du Cœur — Comptoir', [{ day: 2, opens: '09:00', closes: '10:00' }]);
  });
  after(() => t.close());

  /** An order in the slot starting at `slotStart`, paid and moved by staff through `steps`. */
  async function orderAt(slotStart: string, steps: string[]) {
    const c = await customer(t);
    const p = await productWithStock(t, 2);
    const placed = await c.post<PlacedOrder>('/api/orders', { centreId, pickupSlotStart: slotStart, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    for (const status of steps) assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200, status);
    return id;
  }
  const deliveredAt = (slotStart: string) => orderAt(slotStart, ['in_preparation', 'in_delivery', 'delivered']);

  test('when orders have slots, then the day groups them by slot in time order with each slot’s counts, on the slot’s day only', async () => {
    const early = await deliveredAt('2026-03-24T08:00:00.000Z');
    const handed = await deliveredAt('2026-03-24T08:00:00.000Z');
    const later = await deliveredAt('2026-03-24T08:30:00.000Z');
    const before = (await staff.get<PickupDay>(`/api/staff/pickups?centreId=${centreId}&date=2026-03-24`)).body;
    const v = before.centres[0]!.slots[0]!.orders.find((o) => o.id === handed)!.version;
    assert.equal((await staff.post(`/api/staff/orders/${handed}/status`, { status: 'collected', expectedVersion: v })).status, 200);

    const day = (await staff.get<PickupDay>(`/api/staff/pickups?centreId=${centreId}&date=2026-03-24`)).body;
    const slots = day.centres[0]!.slots;
    assert.deepEqual(
      slots.map((s) => [s.slot?.start, s.slot?.end, s.expected, s.collected, s.missing, s.orders.map((o) => o.id).sort()]),
      [
        ['2026-03-24T08:00:00.000Z', '2026-03-24T08:30:00.000Z', 2, 1, 1, [early, handed].sort()],
        ['2026-03-24T08:30:00.000Z', '2026-03-24T09:00:00.000Z', 1, 0, 1, [later]],
      ],
    );
    assert.deepEqual([day.expected, day.collected, day.missing], [3, 1, 2]);
    // Today (the 23rd) their slots have not come: not on today's list.
    const today = (await staff.get<PickupDay>(`/api/staff/pickups?centreId=${centreId}`)).body;
    assert.equal(today.day, '2026-03-23');
    assert.deepEqual(today.centres, []);
    // The paper list prints the slots with their Paris times.
    const res = await fetch(`${t.url}/api/staff/pickups/day.pdf?centreId=${centreId}&date=2026-03-24`, { headers: { cookie: staff.cookieHeader } });
    const { text } = await readPdf(Buffer.from(await res.arrayBuffer()));
    assert.ok(text.includes('Créneau 09:00 – 09:30 (1/2 remis)'), text);
    assert.ok(text.includes('Créneau 09:30 – 10:00 (0/1 remis)'), text);
  });

  test('when orders of the day’s slots have not reached the centre yet, then the day lists them with their status as still to come, and not canceled ones', async () => {
    // Tuesday 31 March 2026, 09:00–09:30 in Paris.
    const slot = '2026-03-31T07:00:00.000Z';
    const paid = await orderAt(slot, []);
    const preparing = await orderAt(slot, ['in_preparation']);
    const onTheWay = await orderAt(slot, ['in_preparation', 'in_delivery']);
    const waiting = await deliveredAt(slot);
    const canceled = await orderAt(slot, ['canceled']);
    const day = (await staff.get<PickupDay>(`/api/staff/pickups?centreId=${centreId}&date=2026-03-31`)).body;
    // (The orders of the 24th still waiting at the centre are listed too, as late.)
    const s = day.centres[0]!.slots.find((x) => x.slot?.start === slot);
    const statusOf = new Map(s!.orders.map((o) => [o.id, o.status]));
    assert.deepEqual(
      [paid, preparing, onTheWay, waiting].map((id) => statusOf.get(id)),
      ['paid', 'in_preparation', 'in_delivery', 'delivered'],
    );
    assert.ok(!statusOf.has(canceled), 'a canceled order is not expected');
    assert.deepEqual([s!.expected, s!.collected, s!.missing], [4, 0, 4]);
    assert.equal(day.expected - day.collected, day.missing);
    // Not at the centre yet: the hand-over is refused, the list is unchanged.
    const early = await staff.post(`/api/staff/orders/${preparing}/status`, { status: 'collected' });
    assert.equal(early.status, 409);
    // The paper list says which ones are still to come, with their status.
    const res = await fetch(`${t.url}/api/staff/pickups/day.pdf?centreId=${centreId}&date=2026-03-31`, { headers: { cookie: staff.cookieHeader } });
    const { text } = await readPdf(Buffer.from(await res.arrayBuffer()));
    assert.ok(text.includes('à venir : payée'), text);
    assert.ok(text.includes('à venir : en préparation'), text);
    assert.ok(text.includes('à venir : en livraison'), text);
    assert.ok(text.includes('Créneau 09:00 – 09:30 (0/4 remis)'), text);
  });
});

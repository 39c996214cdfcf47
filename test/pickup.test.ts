import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.ts';
import { createPickupCodes } from '../src/modules/orders/pickup-code.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../src/server/start.ts';
import { createLogger } from '../src/shared/logger.ts';
import { startTestServer, testServerConfig, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, asError, fieldErrors, errorDetails, signedIn } from './helpers/client.ts';
import { createCentre, customer, productWithStock, sql } from './helpers/fixtures.ts';
import type { CreateCentreBody, ShopCentre } from '../src/contract/index.ts';

/** A centre open Tuesday 9–10 and Sunday 10–11 (Paris), closed Tuesday 31 March, open Saturday 28 March 14–15; 3 orders a slot. */
function slotCentre(admin: ApiClient, fields: Partial<CreateCentreBody> = {}) {
  return createCentre(admin, {
    name: 'Restos du Cœur — Créneaux',
    hours: [
      { day: 2, opens: '09:00', closes: '10:00' },
      { day: 7, opens: '10:00', closes: '11:00' },
    ],
    exceptions: [
      { date: '2026-03-31', opens: null, closes: null, note: 'Fermé' },
      { date: '2026-03-28', opens: '14:00', closes: '15:00', note: 'Samedi exceptionnel' },
    ],
    slotCapacity: 3,
    ...fields,
  });
}

/**
 * Issue 19: pickup slots from a centre's hours, their capacity under a race, moving a slot,
 * the "collected" status and the pickup code. The clock is Monday 23 March 2026, 09:00 in
 * Paris; the spring daylight-saving change is on Sunday 29 March.
 */
describe(`pickup slots and codes (${TEST_DRIVER})`, () => {
  let t: TestServer;
  let admin: ApiClient;
  let staff: ApiClient;
  let centreId: string;
  const clock = new ManualClock(new Date('2026-03-23T08:00:00Z'));

  before(async () => {
    t = await startTestServer({ clock, env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '1000' } });
    admin = await signedIn(t.url, DEMO.admin);
    staff = await signedIn(t.url, DEMO.staff);
    const created = await slotCentre(admin);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.slotMinutes, 30, 'a new centre takes 30-minute slots');
    assert.equal(created.body.slotCapacity, 3);
    centreId = created.body.id;
  });
  after(() => t.close());

  test('when the shop lists its centres, then each says the no-show rule of UNCOLLECTED_DAYS (7 by default) for the checkout', async () => {
    const res = await new ApiClient(t.url).get<ShopCentre[]>('/api/centres');
    assert.equal(res.status, 200);
    const mine = res.body.find((c) => c.id === centreId)!;
    assert.equal(mine.uncollectedDays, 7);
    assert.ok(res.body.every((c) => c.uncollectedDays === 7));
  });

  test('when slots are listed, then they follow the hours, skip the closed day, add the exception and keep Paris time across the DST change', async () => {
    const res = await new ApiClient(t.url).get(`/api/centres/${centreId}/slots`);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((s: { start: string }) => s.start),
      [
        '2026-03-24T08:00:00.000Z', // Tuesday 09:00 (CET, +1)
        '2026-03-24T08:30:00.000Z',
        '2026-03-28T13:00:00.000Z', // Saturday exception 14:00
        '2026-03-28T13:30:00.000Z',
        '2026-03-29T08:00:00.000Z', // Sunday 10:00 after the change (CEST, +2)
        '2026-03-29T08:30:00.000Z',
        // Tuesday 31 March is closed
        '2026-04-05T08:00:00.000Z',
        '2026-04-05T08:30:00.000Z',
      ],
    );
    assert.deepEqual(res.body[0], { start: '2026-03-24T08:00:00.000Z', end: '2026-03-24T08:30:00.000Z', capacity: 3, remaining: 3 });
    // A centre without slots offers none.
    const plain = (await new ApiClient(t.url).get('/api/centres')).body.find((c: { slotCapacity: number | null }) => c.slotCapacity === null);
    assert.deepEqual((await new ApiClient(t.url).get(`/api/centres/${plain!.id}/slots`)).body, []);
  });

  test('when N+5 buyers race for N places, then exactly N get the slot and the others get slot_full with the next free slots, holding nothing', async () => {
    const p = await productWithStock(t, 10);
    const buyers = await Promise.all(Array.from({ length: 8 }, () => customer(t)));
    const start = '2026-03-24T08:00:00.000Z';
    const answers = await Promise.all(
      buyers.map((b) => b.post('/api/orders', { centreId, pickupSlotStart: start, items: [{ productId: p.id, quantity: 1 }] })),
    );
    const won = answers.filter((a) => a.status === 201);
    const full = answers.filter((a) => a.status === 409);
    assert.equal(won.length, 3, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(full.length, 5);
    for (const f of full) {
      assert.equal(asError(f).error.code, 'slot_full');
      assert.equal(errorDetails<{ next: string[] }>(f).next[0], '2026-03-24T08:30:00.000Z');
    }
    assert.deepEqual(won[0]!.body.order.pickupSlot, { start, end: '2026-03-24T08:30:00.000Z' });
    // Nothing held by the refused buyers.
    const [{ stock }] = (await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [p.id])) as [{ stock: number }];
    assert.equal(stock, p.stock - 3);
    const slots = (await new ApiClient(t.url).get(`/api/centres/${centreId}/slots`)).body;
    assert.equal(slots[0]!.remaining, 0);

    // A canceled order frees its place.
    const winner = buyers[answers.indexOf(won[0]!)]!;
    assert.equal((await winner.post(`/api/orders/${won[0]!.body.order.id}/cancel`)).status, 200);
    assert.equal((await new ApiClient(t.url).get(`/api/centres/${centreId}/slots`)).body[0]!.remaining, 1);
  });

  test('when an order asks no slot, a closed slot, or is gift-only, then the rule is the centre’s', async () => {
    const p = await productWithStock(t, 5);
    const c = await customer(t);
    const none = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(none.status, 400);
    assert.equal(fieldErrors(none)[0]!.field, 'pickupSlotStart');
    const closed = await c.post('/api/orders', { centreId, pickupSlotStart: '2026-03-31T07:00:00.000Z', items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(closed.status, 400);
    const gift = await c.post('/api/orders', { centreId, donationOnly: true, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(gift.status, 201, JSON.stringify(gift.body));
    assert.equal(gift.body.order.pickupSlot, null);
  });

  test('when the owner moves the slot, then it moves within capacity and a full slot is refused', async () => {
    const p = await productWithStock(t, 5);
    const c = await customer(t);
    const placed = await c.post('/api/orders', { centreId, pickupSlotStart: '2026-03-28T13:00:00.000Z', items: [{ productId: p.id, quantity: 1 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    const moved = await c.patch(`/api/orders/${id}`, { pickupSlotStart: '2026-03-29T08:00:00.000Z' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(moved.body.pickupSlot, { start: '2026-03-29T08:00:00.000Z', end: '2026-03-29T08:30:00.000Z' });
    // Fill 24 March 09:30 then try to move there.
    for (let i = 0; i < 3; i++) {
      const other = await customer(t);
      const r = await other.post('/api/orders', { centreId, pickupSlotStart: '2026-03-24T08:30:00.000Z', items: [{ productId: p.id, quantity: 1 }] });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const refused = await c.patch(`/api/orders/${id}`, { pickupSlotStart: '2026-03-24T08:30:00.000Z' });
    assert.equal(refused.status, 409);
    assert.equal(asError(refused).error.code, 'slot_full');
    // Someone else cannot move it.
    assert.equal((await (await customer(t)).patch(`/api/orders/${id}`, { pickupSlotStart: '2026-03-28T13:30:00.000Z' })).status, 404);
  });

  test('when the pickup code is shown, then it is valid once delivered, forged or reused codes are refused, and gift-only orders end at delivered', async () => {
    const p = await productWithStock(t, 5);
    const c = await customer(t);
    const placed = await c.post('/api/orders', {
      centreId,
      pickupSlotStart: '2026-04-05T08:00:00.000Z',
      items: [
        { productId: p.id, quantity: 1 },
        { productId: p.id, quantity: 1, donate: true },
      ],
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    // The code as the server makes it (its key is in the database): too early before delivered.
    const [{ value }] = (await sql<{ value: string }>(t, "SELECT value FROM app_secrets WHERE name = 'pickup_key'")) as [{ value: string }];
    const code = createPickupCodes(Buffer.from(value, 'base64')).codeOf(id);
    const early = await staff.post('/api/staff/pickups', { code });
    assert.equal(early.status, 409);
    assert.equal(asError(early).error.code, 'invalid_transition');
    assert.equal((await c.get(`/api/orders/${id}`)).body.pickupCode, undefined);

    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200);
    }
    const mine = (await c.get(`/api/orders/${id}`)).body;
    assert.equal(mine.pickupCode, code);
    assert.match(code, /^[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}$/);
    const staffView = (await staff.get(`/api/staff/orders/${id}`)).body;
    assert.equal(staffView.pickupCode, undefined, 'the code is the owner’s only');
    assert.ok(staffView.allowedTransitions.includes('collected'));

    assert.equal((await staff.post('/api/staff/pickups', { code: 'AAA-AAA' })).status, 404);
    assert.equal((await c.post('/api/staff/pickups', { code })).status, 403);
    const stale = await staff.post('/api/staff/pickups', { code, expectedVersion: 1 });
    assert.equal(stale.status, 409);
    assert.equal(asError(stale).error.code, 'conflict');

    const done = await staff.post('/api/staff/pickups', { code: code.toLowerCase().replace('-', ' '), expectedVersion: staffView.version });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'collected');
    assert.equal(done.body.handOver.items.length, 1);
    assert.equal(done.body.handOver.items[0]!.donate, false);
    assert.equal(done.body.handOver.giftsStayForCentre, true);
    assert.equal((await c.get(`/api/orders/${id}`)).body.status, 'collected');

    const again = await staff.post('/api/staff/pickups', { code });
    assert.equal(again.status, 409);
    assert.equal(asError(again).error.code, 'invalid_transition');
    const collected = errorDetails<{ collectedAt: string; collectedBy: string }>(again);
    assert.ok(collected.collectedAt);
    assert.ok(collected.collectedBy);
    assert.match(asError(again).error.message, /Déjà remise le/);
    // A collected order keeps its slot: moving it is refused.
    assert.equal((await c.patch(`/api/orders/${id}`, { pickupSlotStart: '2026-04-05T08:30:00.000Z' })).status, 409);

    // A gift-only order ends at delivered: no code, no "collected".
    const gift = (await c.post('/api/orders', { centreId, donationOnly: true, items: [{ productId: p.id, quantity: 1 }] })).body.order;
    assert.equal((await c.post(`/api/payments/demo/${gift.id}`, { outcome: 'succeeded' })).status, 200);
    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      assert.equal((await staff.post(`/api/staff/orders/${gift.id}/status`, { status })).status, 200);
    }
    assert.equal((await c.get(`/api/orders/${gift.id}`)).body.pickupCode, undefined);
    assert.deepEqual((await staff.get(`/api/staff/orders/${gift.id}`)).body.allowedTransitions, []);
    assert.equal((await staff.post(`/api/staff/orders/${gift.id}/status`, { status: 'collected' })).status, 409);
  });
});

describe(`pickup reminders and no-shows (${TEST_DRIVER})`, () => {
  let t: TestServer;
  /** A second node on the same PostgreSQL database (PGlite has one process: its sweeps run side by side instead). */
  let other: RunningServer | undefined;
  let otherDir: string | undefined;
  const clock = new ManualClock(new Date('2026-03-23T08:00:00Z'));

  before(async () => {
    t = await startTestServer({ clock, env: { UNCOLLECTED_DAYS: '7' } });
    if (t.databaseUrl) {
      otherDir = await mkdtemp(path.join(tmpdir(), 'ps-test-'));
      const config = testServerConfig({ DATA_DIR: otherDir, DATABASE_URL: t.databaseUrl, SEED_DEMO: 'false' });
      other = await startServer({ config, clock, logger: createLogger(config.logLevel) });
    }
  });
  after(async () => {
    await other?.close();
    if (otherDir) await rm(otherDir, { recursive: true, force: true });
    await t.close();
  });

  /** Every node's sweep at once: what they did, added up. */
  async function sweepEverywhere() {
    const runs = await Promise.all([t.server.sweepPickups(), (other ?? t.server).sweepPickups(), t.server.sweepPickups()]);
    return { reminders: runs.reduce((n, r) => n + r.reminders, 0), offered: runs.reduce((n, r) => n + r.offered, 0) };
  }
  const mailsTo = async (email: string, subject: string) =>
    (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM mail_queue WHERE to_address = $1 AND subject LIKE $2', [email, subject]))[0]!.n;

  test('when the slot nears and then passes uncollected, then each reminder and the offer to the centre happen once across nodes', async () => {
    const admin = await signedIn(t.url, DEMO.admin);
    const staff = await signedIn(t.url, DEMO.staff);
    const centreId = (await slotCentre(admin)).body.id;
    const p = await productWithStock(t, 5);
    const c = new ApiClient(t.url);
    const me = await c.register();
    const placed = await c.post('/api/orders', { centreId, pickupSlotStart: '2026-03-24T08:00:00.000Z', items: [{ productId: p.id, quantity: 2 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    const gift = (await c.post('/api/orders', { centreId, donationOnly: true, items: [{ productId: p.id, quantity: 1 }] })).body.order;
    assert.equal((await c.post(`/api/payments/demo/${gift.id}`, { outcome: 'succeeded' })).status, 200);

    // 24 hours before the slot: the day-before reminder, once.
    assert.deepEqual(await sweepEverywhere(), { reminders: 1, offered: 0 });
    assert.deepEqual(await sweepEverywhere(), { reminders: 0, offered: 0 });
    assert.equal(await mailsTo(me.email, 'Rappel : retrait de la commande % demain'), 1);
    assert.equal((await c.get(`/api/orders/${id}`)).body.history.at(-1)!.note, 'Rappel envoyé : retrait demain');

    // 50 minutes before: the hour reminder, once.
    clock.advance(Date.parse('2026-03-24T07:10:00Z') - clock.now().getTime());
    assert.deepEqual(await sweepEverywhere(), { reminders: 1, offered: 0 });
    assert.deepEqual(await sweepEverywhere(), { reminders: 0, offered: 0 });
    assert.equal(await mailsTo(me.email, 'Rappel : retrait de la commande % dans une heure'), 1);

    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200);
      assert.equal((await staff.post(`/api/staff/orders/${gift.id}/status`, { status })).status, 200);
    }
    const code = (await c.get(`/api/orders/${id}`)).body.pickupCode;
    assert.ok(code);

    // UNCOLLECTED_DAYS after the slot's end (08:30 UTC on 24 March): offered to the centre, once.
    clock.advance(Date.parse('2026-03-31T08:29:00Z') - clock.now().getTime());
    assert.deepEqual(await sweepEverywhere(), { reminders: 0, offered: 0 });
    clock.advance(Date.parse('2026-03-31T08:31:00Z') - clock.now().getTime());
    assert.deepEqual(await sweepEverywhere(), { reminders: 0, offered: 1 });
    assert.deepEqual(await sweepEverywhere(), { reminders: 0, offered: 0 });
    const offered = (await c.get(`/api/orders/${id}`)).body;
    assert.equal(offered.status, 'delivered');
    assert.ok(offered.items.every((i: { donate: boolean }) => i.donate));
    assert.equal(offered.donationTotalCents, offered.totalCents);
    assert.equal(offered.history.at(-1)!.note, 'Non retirée à temps : vos articles ont été offerts au centre');
    assert.equal(offered.pickupCode, undefined);
    assert.equal(await mailsTo(me.email, 'Commande % offerte au centre'), 1);
    // Nothing left to hand over: the code no longer collects it.
    assert.equal((await staff.post('/api/staff/pickups', { code })).status, 409);

    // The gift-only order: no reminder, no offer, still delivered as before.
    const g = (await c.get(`/api/orders/${gift.id}`)).body;
    assert.equal(g.status, 'delivered');
    assert.equal(g.pickupSlot, null);
    assert.ok(!g.history.some((e: { note: string | null }) => e.note?.startsWith('Rappel')));
  });

  test('when an order at a centre without slots stays uncollected after it became delivered, then it is offered to the centre once across nodes, with its history and mail', async () => {
    const admin = await signedIn(t.url, DEMO.admin);
    const staff = await signedIn(t.url, DEMO.staff);
    const created = await slotCentre(admin, {
      name: 'Restos du Cœur — Sans créneaux',
      hours: [{ day: 2, opens: '09:00', closes: '12:00' }],
      exceptions: [],
      slotMinutes: null,
      slotCapacity: null,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const p = await productWithStock(t, 5);
    const c = new ApiClient(t.url);
    const me = await c.register();
    const placed = await c.post('/api/orders', { centreId: created.body.id, items: [{ productId: p.id, quantity: 2 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal(placed.body.order.pickupSlot, null);
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    for (const status of ['in_preparation', 'in_delivery']) assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200);
    // Not delivered yet: however long it takes, nothing is offered.
    clock.advance(10 * 86_400_000);
    assert.equal((await sweepEverywhere()).offered, 0);
    assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status: 'delivered' })).status, 200);
    const deliveredAt = clock.now().getTime();

    // UNCOLLECTED_DAYS (7) after it became delivered, not a minute before: offered, once.
    clock.advance(7 * 86_400_000 - 60_000);
    assert.equal((await sweepEverywhere()).offered, 0);
    clock.advance(120_000);
    assert.ok(clock.now().getTime() > deliveredAt + 7 * 86_400_000);
    assert.equal((await sweepEverywhere()).offered, 1);
    assert.equal((await sweepEverywhere()).offered, 0);
    const offered = (await c.get(`/api/orders/${id}`)).body;
    assert.equal(offered.status, 'delivered');
    assert.ok(offered.items.every((i: { donate: boolean }) => i.donate));
    assert.equal(offered.history.at(-1)!.note, 'Non retirée à temps : vos articles ont été offerts au centre');
    assert.equal(await mailsTo(me.email, 'Commande % offerte au centre'), 1);
  });
});

describe(`the no-show rule turned off (${TEST_DRIVER})`, () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ env: { UNCOLLECTED_DAYS: '0' } });
  });
  after(() => t.close());

  test('when UNCOLLECTED_DAYS is 0, then the centres say so (the checkout then says no sentence)', async () => {
    const res = await new ApiClient(t.url).get<ShopCentre[]>('/api/centres');
    assert.equal(res.status, 200);
    assert.ok(res.body.length > 0);
    assert.ok(res.body.every((c) => c.uncollectedDays === 0));
  });
});

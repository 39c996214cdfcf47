import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { GivingRecord, Impact, ImpactChange, Need, NeedGift, Order, OrderNeed, PersonalData, Product, ProductPage } from '../src/contract/index.ts';
import { ManualClock } from '../src/shared/clock.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { firstCentreId, payDemo, placeOrder, sql } from './helpers/fixtures.ts';
import { readPdf } from './helpers/pdf.ts';
import { connectSocket, Recorder, type ClientSocket } from './helpers/sockets.ts';
import { serverForSuite } from './helpers/suite.ts';
import { waitUntil } from './helpers/wait.ts';

// Sunday 22 November 2026, 23:30 in Paris (22:30 UTC): the last half hour of a Paris week.
const SUNDAY_LATE_PARIS = new Date('2026-11-22T22:30:00Z');

describe('needs, giving record and impact', () => {
  const clock = new ManualClock(SUNDAY_LATE_PARIS);
  const t = serverForSuite({ clock, env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '1000' } });
  let staff: ApiClient;
  let centreId: string;
  let products: Product[];
  let anonymous: ClientSocket;
  let heard: Recorder;

  before(async () => {
    staff = new ApiClient(t.url);
    assert.equal((await staff.login(DEMO.staff.email, DEMO.staff.password)).status, 200);
    centreId = await firstCentreId(t);
    products = (await new ApiClient(t.url).get<ProductPage>('/api/products?pageSize=100')).body.items.filter((p) => p.stock >= 50).slice(0, 3);
    assert.equal(products.length, 3);
    // Known weights, so the kilograms are checked against sums of our own.
    for (const [i, p] of products.entries()) await sql(t, 'UPDATE products SET weight_grams = $2 WHERE id = $1', [p.id, 250 * (i + 1)]);
    anonymous = await connectSocket(t.url);
    heard = new Recorder(anonymous);
  });
  after(() => anonymous?.close());

  const place = (c: ApiClient, items: Array<{ productId: string; quantity: number; donate: boolean }>) => placeOrder(c, centreId, items);
  const pay = payDemo;
  const needOf = async (id: string) => (await new ApiClient(t.url).get<Need[]>(`/api/needs?centreId=${centreId}`)).body.find((n) => n.id === id)!;

  test('when staff publish a need and gifts are paid, then it fills, says met, keeps taking gifts, and a cancellation takes back; everyone hears it', async () => {
    const product = products[0]!;
    const created = await staff.post<Need>(`/api/staff/centres/${centreId}/needs`, {
      productId: product.id,
      targetQuantity: 3,
      note: 'colis bébé de décembre',
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      {
        centreId: created.body.centreId,
        productId: created.body.product.id,
        target: created.body.targetQuantity,
        given: created.body.givenQuantity,
        met: created.body.met,
      },
      { centreId, productId: product.id, target: 3, given: 0, met: false },
    );
    const needId = created.body.id;
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'need.create' AND entity_id = $1", [needId]))[0].n, 1);

    const donor = new ApiClient(t.url);
    await donor.register();
    // Unpaid: nothing counts. Canceled before payment: nothing counts either.
    const unpaid = await place(donor, [{ productId: product.id, quantity: 2, donate: true }]);
    const dropped = await place(donor, [{ productId: product.id, quantity: 1, donate: true }]);
    assert.equal((await donor.post(`/api/orders/${dropped.id}/cancel`, {})).status, 200);
    // A line kept for oneself does not count.
    await pay(donor, await place(donor, [{ productId: product.id, quantity: 1, donate: false }]));
    assert.equal((await needOf(needId)).givenQuantity, 0);

    await pay(donor, unpaid);
    assert.deepEqual(await heard.waitFor('need:changed', (c) => c.needId === needId && c.givenQuantity === 2), {
      needId,
      centreId,
      givenQuantity: 2,
      met: false,
    });
    const second = await pay(donor, await place(donor, [{ productId: product.id, quantity: 1, donate: true }]));
    assert.deepEqual(await heard.waitFor('need:changed', (c) => c.needId === needId && c.givenQuantity === 3), {
      needId,
      centreId,
      givenQuantity: 3,
      met: true,
    });
    // Met: more gifts are still taken.
    const third = await pay(donor, await place(donor, [{ productId: product.id, quantity: 2, donate: true }]));
    assert.deepEqual(await needOf(needId), { ...(await needOf(needId)), givenQuantity: 5, met: true });

    // A paid order canceled (refunded) takes back what it gave.
    assert.equal((await donor.post(`/api/orders/${third.id}/cancel`, {})).status, 200);
    assert.deepEqual(await heard.waitFor('need:changed', (c) => c.needId === needId && c.givenQuantity === 3), {
      needId,
      centreId,
      givenQuantity: 3,
      met: true,
    });
    assert.equal((await donor.post(`/api/orders/${second.id}/cancel`, {})).status, 200);
    await heard.waitFor('need:changed', (c) => c.needId === needId && c.givenQuantity === 2 && c.met === false);
    assert.equal((await needOf(needId)).givenQuantity, 2);

    // Edited and removed by staff, audited; customers may not.
    assert.equal((await donor.patch(`/api/staff/needs/${needId}`, { targetQuantity: 2 })).status, 403);
    const edited = await staff.patch<Need>(`/api/staff/needs/${needId}`, { targetQuantity: 2 });
    assert.equal(edited.body.met, true);
    assert.equal((await staff.delete(`/api/staff/needs/${needId}`)).status, 204);
    assert.equal(await needOf(needId), undefined);
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'need' AND entity_id = $1", [needId]))[0].n, 3);
  });

  test('when a paid gift fills a need, then staff follow it both ways: the need lists the order, the order and its proof (PDF and page) list the need', async () => {
    const product = products[1]!;
    const created = await staff.post<Need>(`/api/staff/centres/${centreId}/needs`, {
      productId: product.id,
      targetQuantity: 10,
      until: '2026-12-24',
      note: 'colis de Noël',
    });
    assert.equal(created.status, 201);
    const needId = created.body.id;
    const donor = new ApiClient(t.url);
    const me = await donor.register('Gaspard Donateur');
    const order = await pay(
      donor,
      await place(donor, [
        { productId: product.id, quantity: 3, donate: true },
        { productId: products[2]!.id, quantity: 1, donate: false },
      ]),
    );
    await place(donor, [{ productId: product.id, quantity: 2, donate: true }]); // never paid: not a gift of the need

    // From the order: the need it went to.
    const orderNeeds = await staff.get<OrderNeed[]>(`/api/staff/orders/${order.id}/needs`);
    assert.equal(orderNeeds.status, 200);
    assert.deepEqual(orderNeeds.body, [
      {
        needId,
        centreId,
        productId: product.id,
        productName: product.name,
        quantity: 3,
        targetQuantity: 10,
        givenQuantity: 3,
        until: '2026-12-24',
        note: 'colis de Noël',
      },
    ]);
    assert.equal((await donor.get(`/api/staff/orders/${order.id}/needs`)).status, 403);

    // The order goes to the centre; from the need: its gifts, and where each is.
    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status })).status, 200);
    }
    const gifts = await staff.get<NeedGift[]>(`/api/staff/needs/${needId}/gifts`);
    assert.equal(gifts.status, 200);
    assert.equal(gifts.body.length, 1);
    const [g] = gifts.body;
    assert.deepEqual(
      { orderId: g!.orderId, number: g!.number, status: g!.status, customerName: g!.customerName, quantity: g!.quantity, collectedAt: g!.collectedAt },
      { orderId: order.id, number: order.number, status: 'delivered', customerName: me.name, quantity: 3, collectedAt: null },
    );
    assert.ok(g!.paidAt && g!.deliveredAt && g!.paidAt <= g!.deliveredAt);
    assert.equal((await donor.get(`/api/staff/needs/${needId}/gifts`)).status, 403);
    assert.equal((await staff.get('/api/staff/needs/00000000-0000-4000-8000-000000000000/gifts')).status, 404);
    assert.equal((await staff.get('/api/staff/needs/pas-un-id/gifts')).status, 404);

    // The proof's verification page names the need.
    const detail = await staff.get<{ proofUrl?: string }>(`/api/staff/orders/${order.id}`);
    const page = await fetch(detail.body.proofUrl!);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Besoins du centre couverts/);
    assert.ok(html.includes(`3 × ${product.name}`) && html.includes('colis de Noël'), 'the proof page lists the need');

    // And so does the proof PDF, parsed back (last: parsing holds the event loop).
    const pdf = await fetch(`${t.url}/api/staff/orders/${order.id}/proof`, { headers: { cookie: staff.cookieHeader } });
    assert.equal(pdf.status, 200);
    const text = (await readPdf(Buffer.from(await pdf.arrayBuffer()))).text.replace(/\s+/g, ' ');
    assert.match(text, /Besoins du centre couverts par ce don/);
    assert.ok(text.includes(`3 × ${product.name}`), 'the PDF names the product given to the need');
    assert.ok(text.includes('« colis de Noël »') && text.includes('24 décembre 2026'), 'the PDF names the need');
  });

  test('when gifts are paid either side of Monday 00:00 in Paris, then the impact figures split them by Paris week and equal the sums of the orders', async () => {
    const from = '2026-11-16';
    const to = '2026-11-29';
    const before = (await new ApiClient(t.url).get<Impact>(`/api/impact?from=${from}&to=${to}&centreId=${centreId}`)).body;
    const donor = new ApiClient(t.url);
    await donor.register();
    const [a, b, c] = products;
    // Still Sunday in Paris (23:40), already Sunday 22:40 UTC.
    clock.advance(10 * 60_000);
    const sunday = await pay(donor, await place(donor, [{ productId: c!.id, quantity: 2, donate: true }]));
    // 40 minutes later: Monday 00:20 in Paris, still Sunday (23:20) in UTC.
    clock.advance(40 * 60_000);
    const monday = await pay(
      donor,
      await place(donor, [
        { productId: a!.id, quantity: 1, donate: true },
        { productId: b!.id, quantity: 1, donate: true },
      ]),
    );

    const after = (await new ApiClient(t.url).get<Impact>(`/api/impact?from=${from}&to=${to}&centreId=${centreId}`)).body;
    const grams = new Map(products.map((p, i) => [p.id, 250 * (i + 1)]));
    const sums = (o: Order) => {
      const gifts = o.items.filter((i) => i.donate);
      return {
        units: gifts.reduce((s, i) => s + i.quantity, 0),
        donatedCents: gifts.reduce((s, i) => s + i.lineTotalCents, 0),
        grams: gifts.reduce((s, i) => s + i.quantity * grams.get(i.productId)!, 0),
      };
    };
    const week = (w: string, i: Impact) => i.byWeek.find((x) => x.week === w) ?? { units: 0, donatedCents: 0, kilograms: 0 };
    const s = sums(sunday);
    const m = sums(monday);
    assert.equal(week('2026-11-16', after).units - week('2026-11-16', before).units, s.units);
    assert.equal(week('2026-11-16', after).donatedCents - week('2026-11-16', before).donatedCents, s.donatedCents);
    assert.equal(Math.round((week('2026-11-16', after).kilograms - week('2026-11-16', before).kilograms) * 1000), s.grams);
    assert.deepEqual(week('2026-11-23', after), { week: '2026-11-23', units: m.units, donatedCents: m.donatedCents, kilograms: m.grams / 1000 });
    assert.equal(after.units - before.units, s.units + m.units);
    assert.equal(after.donatedCents - before.donatedCents, s.donatedCents + m.donatedCents);

    // The whole figure equals the sums over every paid order of the centre, from the database.
    const [db] = await sql<{ units: number; cents: string; grams: string }>(
      t,
      `SELECT coalesce(sum(i.quantity), 0)::int AS units, coalesce(sum(i.line_total_cents), 0)::text AS cents,
              coalesce(sum(i.quantity * p.weight_grams), 0)::text AS grams
         FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
        WHERE i.donate AND o.centre_id = $1 AND o.status IN ('paid', 'in_preparation', 'in_delivery', 'delivered', 'collected')`,
      [centreId],
    );
    assert.equal(after.units, db!.units);
    assert.equal(after.donatedCents, Number(db!.cents));
    assert.equal(after.kilograms, Number(db!.grams) / 1000);
    assert.equal(after.meals, Math.floor(after.kilograms / 0.5));
    assert.equal(after.kgPerMeal, 0.5);
    assert.deepEqual(
      after.byCentre.map((x) => [x.centreId, x.units]),
      [[centreId, db!.units]],
    );
    assert.ok(!JSON.stringify(after).includes('@'), 'no one is named');

    // CSV for admins only.
    assert.equal((await new ApiClient(t.url).get(`/api/impact?format=csv`)).status, 401);
    assert.equal((await staff.get(`/api/impact?format=csv`)).status, 403);
    const admin = await signedIn(t.url, DEMO.admin);
    const csv = await fetch(`${t.url}/api/impact?format=csv&from=${from}&to=${to}&centreId=${centreId}`, { headers: { cookie: admin.cookieHeader } });
    assert.equal(csv.status, 200);
    const body = await csv.text();
    assert.match(body, /2026-11-23;/);
    assert.match(body, /2026-11-16;/);
  });
  test('when a donor has paid gifts, then the giving record and its PDF hold exactly those orders and their totals', async () => {
    const donor = new ApiClient(t.url);
    const me = await donor.register();
    const [a, b] = products;
    const first = await pay(
      donor,
      await place(donor, [
        { productId: a!.id, quantity: 2, donate: true },
        { productId: b!.id, quantity: 1, donate: false },
      ]),
    );
    const second = await pay(donor, await place(donor, [{ productId: b!.id, quantity: 3, donate: true }]));
    await place(donor, [{ productId: a!.id, quantity: 4, donate: true }]); // never paid
    const canceled = await pay(donor, await place(donor, [{ productId: a!.id, quantity: 1, donate: true }]));
    assert.equal((await donor.post(`/api/orders/${canceled.id}/cancel`, {})).status, 200);

    const res = await donor.get<GivingRecord>('/api/account/giving?year=2026');
    assert.equal(res.status, 200);
    const record = res.body;
    const expected = [first, second].map((o) => ({
      orderId: o.id,
      donatedCents: o.items.filter((i) => i.donate).reduce((s, i) => s + i.lineTotalCents, 0),
      units: o.items.filter((i) => i.donate).reduce((s, i) => s + i.quantity, 0),
    }));
    assert.deepEqual(
      record.orders.map((o) => ({ orderId: o.orderId, donatedCents: o.donatedCents, units: o.units })),
      expected,
    );
    assert.equal(record.totalCents, expected[0]!.donatedCents + expected[1]!.donatedCents);
    assert.equal(record.units, 5);
    assert.equal(record.year, 2026);
    assert.deepEqual((await donor.get<GivingRecord>('/api/account/giving?year=2025')).body.orders, []);
    assert.equal((await new ApiClient(t.url).get('/api/account/giving')).status, 401);

    const exported = await donor.get<PersonalData>('/api/account/export');
    assert.deepEqual(exported.body.giving, [record]);

    // Read the PDF back last: parsing holds the event loop, and a kept-alive connection could go stale meanwhile.
    const pdf = await fetch(`${t.url}/api/account/giving/2026.pdf`, { headers: { cookie: donor.cookieHeader } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const { text } = await readPdf(Buffer.from(await pdf.arrayBuffer()));
    const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');
    assert.match(text, /Récapitulatif de vos dons 2026/);
    assert.ok(text.includes(me.name), 'the donor is named');
    for (const o of record.orders) {
      assert.ok(text.includes(o.number), `order ${o.number} listed`);
      assert.ok(text.includes(euros(o.donatedCents)), `amount ${euros(o.donatedCents)} listed`);
    }
    assert.match(text, new RegExp(`Total[\\s\\S]*${euros(record.totalCents).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok(!text.includes(canceled.number), 'the canceled order is not listed');
  });

  test('when a gift tied to no need is paid, collected or canceled, then everyone hears the month’s impact figures move (impact:changed), and a burst is folded into its last figures', async () => {
    const month = async () => (await new ApiClient(t.url).get<Impact>('/api/impact?from=2026-11-01')).body;
    const live = (i: Impact) => ({
      month: '2026-11',
      kilograms: i.kilograms,
      units: i.units,
      donatedCents: i.donatedCents,
      meals: i.meals,
      kgPerMeal: i.kgPerMeal,
    });
    const product = products[2]!; // 750 g
    assert.ok(!(await new ApiClient(t.url).get<Need[]>('/api/needs')).body.some((n) => n.product.id === product.id), 'no need asks for it');
    const before = await month();
    // Only what is heard from now on: earlier tests' gifts sent figures of their own.
    const mark = heard.events.length;
    const impactHeard = async (predicate: (c: ImpactChange) => boolean) => {
      let found: ImpactChange | undefined;
      await waitUntil('impact:changed with the expected figures', async () => {
        found = heard.events.slice(mark).find((e) => e.name === 'impact:changed' && predicate(e.payload))?.payload;
        return found !== undefined;
      });
      return found!;
    };
    const donor = new ApiClient(t.url);
    await donor.register();

    const gift = await pay(donor, await place(donor, [{ productId: product.id, quantity: 2, donate: true }]));
    const paid = await impactHeard((c) => c.units === before.units + 2);
    assert.deepEqual(paid, live(await month()));
    assert.equal(Math.round((paid.kilograms - before.kilograms) * 1000), 1500);

    // A mixed order collected at the centre: its gift still counts, nothing moves.
    const mixed = await pay(
      donor,
      await place(donor, [
        { productId: product.id, quantity: 1, donate: true },
        { productId: products[0]!.id, quantity: 1, donate: false },
      ]),
    );
    const withMixed = await impactHeard((c) => c.units === before.units + 3);
    for (const status of ['in_preparation', 'in_delivery', 'delivered', 'collected']) {
      assert.equal((await staff.post(`/api/staff/orders/${mixed.id}/status`, { status })).status, 200, status);
    }
    assert.deepEqual(live(await month()), withMixed, 'a collected order’s gifts still count');

    // A paid gift canceled: taken back, heard too.
    assert.equal((await donor.post(`/api/orders/${gift.id}/cancel`, {})).status, 200);
    assert.deepEqual(await impactHeard((c) => c.units === before.units + 1), live(await month()));

    // A burst of payments: the last event heard holds all of them.
    const orders = await Promise.all([1, 2, 3].map(() => place(donor, [{ productId: product.id, quantity: 1, donate: true }])));
    const heardBefore = heard.named('impact:changed').length;
    await Promise.all(orders.map((o) => pay(donor, o)));
    assert.deepEqual(await impactHeard((c) => c.units === before.units + 4), live(await month()));
    assert.ok(heard.named('impact:changed').length - heardBefore <= 3, 'never more events than payments');

    // An order kept for oneself moves nothing.
    const own = await pay(donor, await place(donor, [{ productId: product.id, quantity: 1, donate: false }]));
    assert.equal((await donor.post(`/api/orders/${own.id}/cancel`, {})).status, 200);
    assert.equal((await month()).units, before.units + 4);
  });
});

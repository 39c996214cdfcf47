import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccountSummary, AdminReceipts, Association, Order, PersonalData, Product, ProductPage, Receipt } from '../src/contract/index.ts';
import { ManualClock } from '../src/shared/clock.ts';
import { amountInFrenchWords } from '../src/shared/french-words.ts';
import { ApiClient, DEMO, asError, fieldErrors, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, payDemo, placeOrder, sql } from './helpers/fixtures.ts';
import { FakeStripe } from './helpers/fake-stripe.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { readPdf } from './helpers/pdf.ts';
import { serverForSuite } from './helpers/suite.ts';

// Thursday 31 December 2026, 23:00 in Paris (22:00 UTC): an hour before the Paris year turns.
const NEW_YEARS_EVE_PARIS = new Date('2026-12-31T22:00:00Z');

const RECEIPT_DETAILS = {
  address: '12 rue des Lilas',
  postcode: '75011',
  city: 'Paris',
  object: 'Aide alimentaire aux personnes démunies',
  signatoryName: 'Claire Martin',
  signatoryTitle: 'Présidente',
  receiptLegalBasis: 'article 200 du CGI',
};

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/[\u202f\u00a0]/g, ' ');
/** The PDF's text on one line: words wrapped across lines (after a hyphen too) joined again. */
const flat = (text: string) => text.replace(/-\s+/g, '-').replace(/\s+/g, ' ');

describe('tax receipts', () => {
  const clock = new ManualClock(NEW_YEARS_EVE_PARIS);
  const t = serverForSuite({ clock, env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '1000' } });
  let admin: ApiClient;
  let centreId: string;
  let products: Product[];

  before(async () => {
    admin = new ApiClient(t.url);
    assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
    centreId = await firstCentreId(t);
    products = (await new ApiClient(t.url).get<ProductPage>('/api/products?pageSize=100')).body.items.filter((p) => p.stock >= 60).slice(0, 2);
    assert.equal(products.length, 2);
  });

  const place = (c: ApiClient, items: Array<{ productId: string; quantity: number; donate: boolean }>) => placeOrder(c, centreId, items);
  const pay = payDemo;
  const gift = (quantity = 1, i = 0) => [{ productId: products[i]!.id, quantity, donate: true }];
  const receiptRows = () =>
    sql<{ number: string; year: number; seq: number; order_id: string; void: boolean }>(
      t,
      'SELECT number, year, seq, order_id, void FROM receipts ORDER BY year, seq',
    );
  /** Every year's numbers run 1…n, none twice. */
  const assertNoGap = async () => {
    const rows = await receiptRows();
    const byYear = new Map<number, number[]>();
    for (const r of rows) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.seq]);
    for (const [year, seqs] of byYear) {
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i + 1),
        `numbers of ${year} run from 1 without a gap`,
      );
      const [counter] = await sql<{ last: number }>(t, 'SELECT last FROM receipt_counters WHERE year = $1', [year]);
      assert.equal(counter!.last, seqs.length, `the ${year} counter is at the last number issued`);
    }
    return rows;
  };

  test('when receipts are off, then a paid gift gets none; the admin cannot switch them on without the details a receipt prints', async () => {
    const donor = new ApiClient(t.url);
    await donor.register();
    const order = await pay(donor, await place(donor, gift(2)));
    assert.equal(order.status, 'paid');
    assert.deepEqual((await donor.get<Receipt[]>('/api/account/receipts')).body, []);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM receipts'))[0].n, 0);

    const refused = await admin.put('/api/admin/association', { receiptsEnabled: true });
    assert.equal(refused.status, 400);
    assert.equal(asError(refused).error.code, 'validation_failed');
    const fields = fieldErrors(refused)
      .map((d) => d.field)
      .sort();
    assert.deepEqual(fields, ['address', 'object', 'receiptLegalBasis', 'signatoryName']);
    assert.equal((await admin.get<Association>('/api/admin/association')).body.receiptsEnabled, false);

    const staff = await signedIn(t.url, DEMO.staff);
    assert.equal((await staff.put('/api/admin/association', { receiptsEnabled: true })).status, 403);

    const on = await admin.put<Association>('/api/admin/association', { ...RECEIPT_DETAILS, receiptsEnabled: true });
    assert.equal(on.status, 200, JSON.stringify(on.body));
    assert.equal(on.body.receiptsEnabled, true);
    assert.equal(on.body.receiptNature, 'don en nature acheté au prix coûtant');
    // Still none for the gift paid while they were off.
    assert.deepEqual((await donor.get<Receipt[]>('/api/account/receipts')).body, []);
  });

  test('when many gifts are paid at once, then their receipts are numbered 1…n without a gap; a line kept for oneself is not in the amount', async () => {
    const donors = await Promise.all(Array.from({ length: 4 }, () => customer(t)));
    const orders = await Promise.all(
      donors.flatMap((d, i) => [
        place(d, gift(i + 1)).then((o) => ({ d, o })),
        place(d, [...gift(1, 1), { productId: products[0]!.id, quantity: 1, donate: false }]).then((o) => ({ d, o })),
      ]),
    );
    // Every payment through the real settlement path, side by side.
    const paid = await Promise.all(orders.map(({ d, o }) => pay(d, o)));
    const rows = await assertNoGap();
    assert.equal(rows.length, orders.length);
    assert.deepEqual(new Set(rows.map((r) => r.order_id)), new Set(paid.map((o) => o.id)));
    assert.ok(rows.every((r) => r.year === 2026 && r.number === `RF-2026-${String(r.seq).padStart(6, '0')}`));

    for (const [i, d] of donors.entries()) {
      const mine = (await d.get<Receipt[]>('/api/account/receipts?year=2026')).body;
      const own = paid.filter((_, j) => orders[j]!.d === d);
      assert.equal(mine.length, 2, `donor ${i} has a receipt per paid gift`);
      for (const r of mine) {
        const o = own.find((x) => x.id === r.orderId)!;
        assert.equal(r.amountCents, o.donationTotalCents);
        assert.ok(r.amountCents < o.totalCents || o.items.every((l) => l.donate), 'the amount is the gift, not the whole order');
        assert.equal(r.void, false);
      }
    }
  });

  test('when the payment transaction fails after a number was taken, then the number is given back: no gap, and the order gets the next one once paid', async () => {
    const donor = new ApiClient(t.url);
    await donor.register();
    const failing = await place(donor, gift(1));
    // A failure inside the payment's transaction, after the counter moved: the receipt's own insert refuses.
    await sql(
      t,
      `CREATE OR REPLACE FUNCTION fail_receipt_of() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.order_id = '${failing.id}'::uuid THEN RAISE EXCEPTION 'forced failure after the receipt number was allocated'; END IF;
         RETURN NEW;
       END $$`,
    );
    await sql(t, 'CREATE TRIGGER fail_receipt AFTER INSERT ON receipts FOR EACH ROW EXECUTE FUNCTION fail_receipt_of()');
    const before = (await receiptRows()).length;
    const refused = await donor.post(`/api/payments/demo/${failing.id}`, { outcome: 'succeeded' });
    assert.equal(refused.status, 500);
    // Nothing of that transaction stayed: the order is unpaid, no receipt, the counter unmoved.
    assert.equal((await donor.get<Order>(`/api/orders/${failing.id}`)).body.status, 'pending_payment');
    assert.equal((await receiptRows()).length, before);
    await assertNoGap();

    // Another gift paid meanwhile takes the very next number.
    const other = await pay(donor, await place(donor, gift(1)));
    const rows = await assertNoGap();
    assert.equal(rows.at(-1)!.order_id, other.id);
    assert.equal(rows.at(-1)!.seq, before + 1);

    // The provider's report taken again once the fault is gone: the order is paid, with the next number.
    await sql(t, 'DROP TRIGGER fail_receipt ON receipts');
    await pay(donor, failing);
    const after = await assertNoGap();
    assert.equal(after.at(-1)!.order_id, failing.id);
    assert.equal(after.at(-1)!.seq, before + 2);
  });

  test('when a paid gift is canceled (refunded), then its receipt is void, kept with its number, and the next gift never reuses it', async () => {
    const donor = new ApiClient(t.url);
    await donor.register();
    const order = await pay(donor, await place(donor, gift(2)));
    const [issued] = (await donor.get<Receipt[]>('/api/account/receipts')).body.filter((r) => r.orderId === order.id);
    assert.ok(issued);
    const canceled = await donor.post<Order>(`/api/orders/${order.id}/cancel`, {});
    assert.equal(canceled.status, 200);
    assert.equal(canceled.body.payment?.status, 'refunded');
    const [voided] = (await donor.get<Receipt[]>('/api/account/receipts')).body.filter((r) => r.orderId === order.id);
    assert.deepEqual({ ...voided, voidedAt: undefined }, { ...issued, void: true, voidedAt: undefined });
    assert.equal(voided!.voidedAt, clock.now().toISOString());

    const next = await pay(donor, await place(donor, gift(1)));
    const mine = (await donor.get<Receipt[]>('/api/account/receipts')).body;
    const nextReceipt = mine.find((r) => r.orderId === next.id)!;
    assert.notEqual(nextReceipt.number, issued!.number);
    await assertNoGap();

    // The void receipt still downloads, and says it is void.
    const pdf = await fetch(`${t.url}/api/account/receipts/${issued!.number}.pdf`, { headers: { cookie: donor.cookieHeader } });
    assert.equal(pdf.status, 200);
    const { text } = await readPdf(Buffer.from(await pdf.arrayBuffer()));
    assert.match(flat(text), /REÇU ANNULÉ/);
  });

  test('when a donor downloads a receipt, then the PDF holds its number, the amount in figures and in words, the beneficiary and the donor; nobody else can', async () => {
    const donor = new ApiClient(t.url);
    const me = await donor.register('Éloïse Donatrice');
    const order = await pay(
      donor,
      await place(donor, [
        { productId: products[0]!.id, quantity: 3, donate: true },
        { productId: products[1]!.id, quantity: 2, donate: true },
      ]),
    );
    const receipt = (await donor.get<Receipt[]>('/api/account/receipts?year=2026')).body.find((r) => r.orderId === order.id)!;
    assert.match(receipt.number, /^RF-2026-\d{6}$/);
    assert.equal(receipt.amountCents, order.donationTotalCents);

    // Someone else, or nobody: not found, or not signed in.
    const stranger = new ApiClient(t.url);
    await stranger.register();
    assert.equal((await stranger.get(`/api/account/receipts/${receipt.number}.pdf`)).status, 404);
    assert.equal((await stranger.get('/api/account/receipts/year/2026.pdf')).status, 404);
    assert.equal((await stranger.get<Receipt[]>('/api/account/receipts')).body.length, 0);
    assert.equal((await new ApiClient(t.url).get(`/api/account/receipts/${receipt.number}.pdf`)).status, 401);
    assert.equal((await new ApiClient(t.url).get('/api/account/receipts')).status, 401);
    assert.equal((await donor.get('/api/account/receipts/RF-2026-999999.pdf')).status, 404);
    assert.equal((await donor.get('/api/account/receipts/RF-26-1.pdf')).status, 400);
    assert.equal((await donor.get('/api/account/receipts?year=deux')).status, 400);

    // The account export carries the receipts.
    const exported = await donor.get<PersonalData>('/api/account/export');
    assert.deepEqual(exported.body.receipts, [receipt]);

    // Read the PDFs back last: parsing holds the event loop.
    const res = await fetch(`${t.url}/api/account/receipts/${receipt.number}.pdf`, { headers: { cookie: donor.cookieHeader } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const text = flat((await readPdf(Buffer.from(await res.arrayBuffer()))).text);
    for (const expected of [
      receipt.number,
      'Cerfa n° 11580',
      'Bénéficiaire des versements',
      'Donateur',
      me.name,
      me.email,
      'Panier Solidaire',
      '12 rue des Lilas, 75011 Paris',
      RECEIPT_DETAILS.object,
      euros(receipt.amountCents),
      amountInFrenchWords(receipt.amountCents),
      '31 décembre 2026',
      'article 200 du CGI',
      'don en nature acheté au prix coûtant',
      'Forme du don',
      'Claire Martin, Présidente',
    ]) {
      assert.ok(text.includes(expected), `the receipt prints "${expected}"`);
    }
    assert.ok(!text.includes('ANNULÉ'));

    const yearly = await fetch(`${t.url}/api/account/receipts/year/2026.pdf`, { headers: { cookie: donor.cookieHeader } });
    assert.equal(yearly.status, 200);
    const yearText = flat((await readPdf(Buffer.from(await yearly.arrayBuffer()))).text);
    assert.ok(yearText.includes('Reçu récapitulatif des dons de l’année 2026'));
    assert.ok(yearText.includes(receipt.number));
    assert.ok(yearText.includes(amountInFrenchWords(receipt.amountCents)));
    assert.equal((await donor.get('/api/account/receipts/year/2027.pdf')).status, 404);
  });

  test('when a donor gives their postal address on their account, then their receipts and the admin’s list name them with it; a bad or half address changes nothing; null removes it', async () => {
    const donor = new ApiClient(t.url);
    const me = await donor.register('Basile Adressé');
    const order = await pay(donor, await place(donor, gift(1)));
    const receipt = (await donor.get<Receipt[]>('/api/account/receipts')).body.find((r) => r.orderId === order.id)!;
    assert.equal((await donor.get<AccountSummary>('/api/account')).body.postalAddress, null);

    // Refused, and nothing kept: a four-digit postcode, a missing town, an empty street.
    for (const bad of [
      { line: '3 impasse des Tilleuls', postcode: '3100', city: 'Toulouse' },
      { line: '3 impasse des Tilleuls', postcode: '31000' },
      { line: '  ', postcode: '31000', city: 'Toulouse' },
    ]) {
      const res = await donor.patch('/api/account', { postalAddress: bad });
      assert.equal(res.status, 400, JSON.stringify(bad));
      assert.ok(
        fieldErrors(res).every((e) => e.field.startsWith('postalAddress.')),
        JSON.stringify(fieldErrors(res)),
      );
    }
    assert.equal((await donor.get<AccountSummary>('/api/account')).body.postalAddress, null);

    const saved = await donor.patch('/api/account', { postalAddress: { line: ' 3 impasse des Tilleuls ', postcode: '31000', city: 'Toulouse' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const address = { line: '3 impasse des Tilleuls', postcode: '31000', city: 'Toulouse' };
    assert.deepEqual((await donor.get<AccountSummary>('/api/account')).body.postalAddress, address);
    // A name change leaves the address as it is.
    assert.equal((await donor.patch('/api/account', { name: 'Basile Adressé-Martin' })).status, 200);
    assert.deepEqual((await donor.get<PersonalData>('/api/account/export')).body.profile.postalAddress, address);

    const listed = (await admin.get<AdminReceipts>('/api/admin/receipts?year=2026')).body.items.find((i) => i.number === receipt.number)!;
    assert.equal(listed.donor?.address, '3 impasse des Tilleuls, 31000 Toulouse');
    const csv = await (await fetch(`${t.url}/api/admin/receipts?year=2026&format=csv`, { headers: { cookie: admin.cookieHeader } })).text();
    assert.ok(
      csv.split(/\r?\n/).some((l) => l.startsWith(`${receipt.number};`) && l.includes(';3 impasse des Tilleuls, 31000 Toulouse;')),
      csv,
    );

    const pdfText = async (path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie: donor.cookieHeader } });
      assert.equal(res.status, 200);
      return flat((await readPdf(Buffer.from(await res.arrayBuffer()))).text);
    };
    for (const text of [await pdfText(`/api/account/receipts/${receipt.number}.pdf`), await pdfText('/api/account/receipts/year/2026.pdf')]) {
      assert.ok(text.includes('Basile Adressé-Martin'), text);
      assert.ok(text.includes('3 impasse des Tilleuls, 31000 Toulouse'), text);
      assert.ok(!text.includes(me.email), 'the address takes the email’s place');
    }

    assert.equal((await donor.patch('/api/account', { postalAddress: null })).status, 200);
    assert.equal((await donor.get<AccountSummary>('/api/account')).body.postalAddress, null);
    assert.equal((await admin.get<AdminReceipts>('/api/admin/receipts?year=2026')).body.items.find((i) => i.number === receipt.number)!.donor?.address, null);
  });

  test('when the Paris year turns, then numbering starts again at 1; the admin lists and exports a year, with void ones marked and left out of the total', async () => {
    const donor = new ApiClient(t.url);
    await donor.register();
    // 23:50 on 31 December in Paris: still 2026.
    clock.advance(50 * 60_000);
    const late = await pay(donor, await place(donor, gift(1)));
    // 00:10 on 1 January in Paris, still 31 December (23:10) in UTC.
    clock.advance(20 * 60_000);
    const early = await pay(donor, await place(donor, gift(1)));
    const rows = await assertNoGap();
    const lateRow = rows.find((r) => r.order_id === late.id)!;
    const earlyRow = rows.find((r) => r.order_id === early.id)!;
    assert.equal(lateRow.year, 2026);
    assert.deepEqual({ number: earlyRow.number, year: earlyRow.year }, { number: 'RF-2027-000001', year: 2027 });

    const list = await admin.get<AdminReceipts>('/api/admin/receipts?year=2026');
    assert.equal(list.status, 200);
    const of2026 = rows.filter((r) => r.year === 2026);
    assert.deepEqual(
      list.body.items.map((i) => i.number),
      of2026.map((r) => r.number),
    );
    assert.equal(list.body.count, of2026.filter((r) => !r.void).length);
    const [sum] = await sql<{ cents: string }>(t, 'SELECT sum(amount_cents)::text AS cents FROM receipts WHERE year = 2026 AND NOT void');
    assert.equal(list.body.totalCents, Number(sum!.cents));
    const voided = list.body.items.find((i) => i.void)!;
    assert.ok(voided.voidedAt && voided.donor && voided.orderNumber);
    assert.deepEqual(
      (await admin.get<AdminReceipts>('/api/admin/receipts?year=2027')).body.items.map((i) => i.number),
      ['RF-2027-000001'],
    );

    const csv = await fetch(`${t.url}/api/admin/receipts?year=2026&format=csv`, { headers: { cookie: admin.cookieHeader } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(lines.length, 1 + of2026.length);
    assert.match(lines[0]!, /^Numéro;Date du don;Commande;Donateur/);
    assert.ok(lines.some((l) => l.startsWith(`${voided.number};`) && l.includes(';oui;')));

    const staff = await signedIn(t.url, DEMO.staff);
    assert.equal((await staff.get('/api/admin/receipts')).status, 403);
    assert.equal((await new ApiClient(t.url).get('/api/admin/receipts')).status, 401);
    assert.equal((await admin.get('/api/admin/receipts?year=1999')).status, 400);
  });
  test('when a donor deletes their account, then their receipts stay for the accounts, naming nobody', async () => {
    const donor = new ApiClient(t.url);
    const me = await donor.register('Jeanne Effacée');
    const order = await pay(donor, await place(donor, gift(1)));
    const [receipt] = (await donor.get<Receipt[]>('/api/account/receipts')).body;
    assert.equal(receipt!.orderId, order.id);
    assert.equal((await donor.request('DELETE', '/api/account', { password: me.password })).status, 204);
    const year = Number(receipt!.number.slice(3, 7));
    const listed = (await admin.get<AdminReceipts>(`/api/admin/receipts?year=${year}`)).body.items.find((i) => i.number === receipt!.number);
    assert.deepEqual(listed && { ...listed, orderNumber: undefined }, { ...receipt, orderNumber: undefined, donor: null });
  });
});

describe('tax receipts through Stripe’s signed webhooks', () => {
  const SECRET_KEY = 'sk_test_panier_solidaire_fake';
  const WEBHOOK_SECRET = 'whsec_test_panier_solidaire';
  let fake: FakeStripe;
  let t: TestServer;
  let centreId: string;

  before(async () => {
    fake = await FakeStripe.start({ secretKey: SECRET_KEY });
    t = await startTestServer({ env: { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url } });
    centreId = await firstCentreId(t);
    const admin = await signedIn(t.url, DEMO.admin);
    assert.equal((await admin.put('/api/admin/association', { ...RECEIPT_DETAILS, receiptsEnabled: true })).status, 200);
  });
  after(async () => {
    await t.close();
    await fake.close();
  });

  /** Posts an event to our webhook the way Stripe does, signed. */
  async function deliver(event: object): Promise<number> {
    const payload = JSON.stringify(event);
    const res = await fetch(`${t.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': FakeStripe.signature(payload, WEBHOOK_SECRET) },
      body: payload,
    });
    await res.arrayBuffer();
    return res.status;
  }

  test('when checkout sessions complete side by side, then each gift gets the next number once (a repeated event none); a partial refund at Stripe replaces the receipt by one for what was still paid, a full one voids it', async () => {
    const product = (await new ApiClient(t.url).get<ProductPage>('/api/products?pageSize=100')).body.items.find((p) => p.stock >= 20 && p.priceCents >= 50)!;
    const placed = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = await customer(t);
        const order = await placeOrder(c, centreId, [{ productId: product.id, quantity: 2, donate: true }]);
        return { c, order, session: fake.pay(fake.sessionFor(order.id).id) };
      }),
    );
    const events = placed.map((p) => fake.event('checkout.session.completed', p.session));
    assert.deepEqual(
      await Promise.all(events.map(deliver)),
      events.map(() => 200),
    );
    // Stripe delivers again: acted on once.
    assert.equal(await deliver(events[0]!), 200);
    const rows = await sql<{ seq: number; order_id: string; void: boolean }>(t, 'SELECT seq, order_id, void FROM receipts ORDER BY seq');
    assert.deepEqual(
      rows.map((r) => r.seq),
      [1, 2, 3, 4, 5, 6],
    );
    assert.deepEqual(new Set(rows.map((r) => r.order_id)), new Set(placed.map((p) => p.order.id)));

    const { c, order, session } = placed[0]!;
    const [first] = (await c.get<Receipt[]>('/api/account/receipts')).body;
    assert.equal(first!.amountCents, order.donationTotalCents);
    // 1 € of this gift-only order refunded at Stripe: the receipt may no longer say the whole
    // gift. It is voided, and the next number is issued for what was still paid, naming it.
    const partly = fake.refundOutside(session.id, 100);
    assert.equal(await deliver(fake.event('charge.refunded', partly)), 200);
    const [voided, replacement] = (await c.get<Receipt[]>('/api/account/receipts')).body;
    assert.deepEqual([voided!.number, voided!.void, voided!.replacedBy], [first!.number, true, replacement!.number]);
    assert.deepEqual(
      [replacement!.orderId, replacement!.void, replacement!.amountCents, replacement!.replaces, replacement!.issuedAt],
      [order.id, false, order.donationTotalCents - 100, first!.number, first!.issuedAt],
    );
    assert.match(replacement!.number, /-000007$/);
    // The same refund told again (another event, the same charge) changes nothing.
    assert.equal(await deliver(fake.event('charge.refunded', partly)), 200);
    assert.equal((await c.get<Receipt[]>('/api/account/receipts')).body.length, 2);

    // Then the rest: the order is canceled, the replacement void too; all kept, none renumbered.
    assert.equal(await deliver(fake.event('charge.refunded', fake.refundOutside(session.id))), 200);
    const receipts = (await c.get<Receipt[]>('/api/account/receipts')).body;
    assert.deepEqual(
      receipts.map((r) => [r.number, r.void]),
      [
        [first!.number, true],
        [replacement!.number, true],
      ],
    );
    assert.ok(receipts.every((r) => r.voidedAt));
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM receipts'))[0].n, 7, 'kept, never renumbered');

    const pdf = async (number: string) => {
      const res = await fetch(`${t.url}/api/account/receipts/${number}.pdf`, { headers: { cookie: c.cookieHeader } });
      assert.equal(res.status, 200);
      return flat((await readPdf(Buffer.from(await res.arrayBuffer()))).text);
    };
    const replacementText = await pdf(replacement!.number);
    assert.ok(replacementText.includes(`Annule et remplace le reçu n° ${first!.number}`), replacementText);
    assert.ok(replacementText.includes(amountInFrenchWords(order.donationTotalCents - 100)), replacementText);
    assert.ok((await pdf(first!.number)).includes(`remplacé par le reçu n° ${replacement!.number}`));
  });

  test('when a mixed order is refunded in part at Stripe, then the receipt stays while what was still paid covers the gift, and is replaced once it does not', async () => {
    const product = (await new ApiClient(t.url).get<ProductPage>('/api/products?pageSize=100')).body.items.find((p) => p.stock >= 5 && p.priceCents >= 100)!;
    const c = await customer(t);
    const order = await placeOrder(c, centreId, [
      { productId: product.id, quantity: 2, donate: false },
      { productId: product.id, quantity: 1, donate: true },
    ]);
    const session = fake.pay(fake.sessionFor(order.id).id);
    assert.equal(await deliver(fake.event('checkout.session.completed', session)), 200);
    const [receipt] = (await c.get<Receipt[]>('/api/account/receipts')).body;
    assert.equal(receipt!.amountCents, product.priceCents, 'the gift line only');

    // One of the customer's own units refunded: 2 units still paid, the gift (1) is covered.
    assert.equal(await deliver(fake.event('charge.refunded', fake.refundOutside(session.id, product.priceCents))), 200);
    assert.deepEqual(
      (await c.get<Receipt[]>('/api/account/receipts')).body.map((r) => [r.number, r.void]),
      [[receipt!.number, false]],
    );
    // Then more: what is still paid (half a unit) is less than the gift.
    const left = Math.floor(product.priceCents / 2);
    assert.equal(await deliver(fake.event('charge.refunded', fake.refundOutside(session.id, product.priceCents * 2 - left))), 200);
    const [voided, replacement] = (await c.get<Receipt[]>('/api/account/receipts')).body;
    assert.deepEqual([voided!.number, voided!.void], [receipt!.number, true]);
    assert.deepEqual([replacement!.amountCents, replacement!.replaces, replacement!.void], [left, receipt!.number, false]);
  });
});

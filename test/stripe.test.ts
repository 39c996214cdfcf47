import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../src/shared/clock.ts';
import { loadConfig } from '../src/server/config.ts';
import { choosePaymentProvider } from '../src/server/payment-provider.ts';
import { sessionExpiry } from '../src/modules/payments/stripe/provider.ts';
import { createLogger } from '../src/shared/logger.ts';
import { WEB_DIST_DIR } from '../src/server/paths.ts';
import { startTestServer, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, asError, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, sql, stockMismatches } from './helpers/fixtures.ts';
import { connectSocket, Recorder, type ClientSocket } from './helpers/sockets.ts';
import { FakeStripe, type FakeSession } from './helpers/fake-stripe.ts';

const SECRET_KEY = 'sk_test_panier_solidaire_fake';
const WEBHOOK_SECRET = 'whsec_test_panier_solidaire';
const MINUTE = 60_000;

for (const driver of [TEST_DRIVER])
  describe(`Stripe payments (${driver}, against a local server speaking Stripe’s API)`, () => {
    let fake: FakeStripe;
    let t: TestServer;
    let centreId: string;
    const clock = new ManualClock(new Date());
    const sockets: ClientSocket[] = [];

    before(async () => {
      fake = await FakeStripe.start({ secretKey: SECRET_KEY });
      t = await startTestServer({
        driver,
        clock,
        env: { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url },
      });
      centreId = await firstCentreId(t);
    });
    after(async () => {
      for (const s of sockets) s.disconnect();
      await t.close();
      await fake.close();
    });

    /** A product on sale with more than `quantity` units, priced above Stripe's €0.50 minimum. */
    async function payableProduct(quantity = 1): Promise<{ id: string; name: string; priceCents: number; stock: number }> {
      const { items } = (await new ApiClient(t.url).get('/api/products?pageSize=100')).body;
      const p = items.find((i: { stock: number; priceCents: number }) => i.stock > quantity && i.priceCents >= 50);
      if (!p) throw new Error('no payable product with enough stock');
      return p;
    }

    /** A fresh customer places an order of `quantity` units of a product that has enough. */
    async function place(quantity = 1, c?: ApiClient) {
      const client = c ?? (await customer(t));
      const product = await payableProduct(quantity);
      const res = await client.post('/api/orders', { centreId, items: [{ productId: product.id, quantity }] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const order = res.body.order;
      return { client, product, order, payment: res.body.payment as { url: string }, session: fake.sessionFor(order.id) };
    }

    /** Posts an event to our webhook the way Stripe does, signed with `secret` at `timestamp`. */
    async function deliver(
      event: object,
      opts: { secret?: string; timestamp?: number; body?: (payload: string) => string; headers?: Record<string, string> } = {},
    ) {
      const payload = JSON.stringify(event);
      const res = await fetch(`${t.url}/api/payments/stripe/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': FakeStripe.signature(payload, opts.secret ?? WEBHOOK_SECRET, opts.timestamp),
          ...opts.headers,
        },
        body: opts.body ? opts.body(payload) : payload,
      });
      return { status: res.status, body: (await res.json()) as any };
    }

    const completed = (session: FakeSession) => fake.event('checkout.session.completed', session);
    const stock = async (productId: string) => (await new ApiClient(t.url).get(`/api/products/${productId}`)).body.stock as number;
    const paymentRows = (orderId: string) =>
      sql<{ id: string; status: string; provider_ref: string; payment_intent: string | null; amount_cents: number; refunded_cents: number }>(
        t,
        'SELECT id, status, provider_ref, payment_intent, amount_cents, refunded_cents FROM payments WHERE order_id = $1 ORDER BY created_at',
        [orderId],
      );
    const eventRows = (eventId: string) => sql(t, "SELECT event_id FROM payment_events WHERE provider = 'stripe' AND event_id = $1", [eventId]);
    const refundCallsFor = (paymentIntent: string | null) => fake.callsTo('POST', '/v1/refunds').filter((c) => c.body.payment_intent === paymentIntent);

    async function staffSocket(): Promise<Recorder> {
      const staff = await signedIn(t.url, DEMO.staff);
      const socket = await connectSocket(t.url, staff.cookieHeader);
      sockets.push(socket);
      return new Recorder(socket);
    }

    test('when an order is placed, then its payment URL is a Checkout Session made from the order, with an idempotency key', async () => {
      const c = await customer(t);
      const me = (await c.get('/api/auth/me')).body.user;
      const [a, b] = (await c.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock >= 5);
      const res = await c.post('/api/orders', {
        centreId,
        items: [
          { productId: a!.id, quantity: 2 },
          { productId: b!.id, quantity: 1, donate: true },
        ],
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const { order, payment } = res.body;
      const [row] = await paymentRows(order.id);
      const session = fake.sessionFor(order.id);

      assert.equal(payment.url, session.url);
      assert.match(payment.url!, new RegExp(`^${fake.url}/c/pay/cs_test_`));
      assert.equal(order.payment!.provider, 'stripe');
      assert.equal(order.payment!.status, 'pending');
      assert.equal(row!.provider_ref, session.id);

      const creates = fake.callsTo('POST', '/v1/checkout/sessions').filter((call) => call.body.client_reference_id === order.id);
      assert.equal(creates.length, 1);
      const [call] = creates;
      assert.equal(call!.idempotencyKey, `checkout-${row!.id}`);
      const sent = call!.body;
      assert.equal(sent.mode, 'payment');
      assert.deepEqual(sent.line_items, [
        { quantity: '2', price_data: { currency: 'eur', unit_amount: String(a!.priceCents), product_data: { name: a!.name } } },
        { quantity: '1', price_data: { currency: 'eur', unit_amount: String(b!.priceCents), product_data: { name: b!.name } } },
      ]);
      assert.equal(session.amount_total, order.totalCents);
      assert.equal(sent.client_reference_id, order.id);
      assert.equal(sent.metadata.orderId, order.id);
      assert.equal(sent.metadata.paymentId, row!.id);
      assert.equal(sent.customer_email, me.email);
      assert.equal(sent.success_url, `${t.url.replace('127.0.0.1', 'localhost')}/orders/${order.id}?payment=return`);
      assert.equal(sent.cancel_url, `${t.url.replace('127.0.0.1', 'localhost')}/orders/${order.id}?payment=canceled`);
      // The hold is 30 minutes, under Stripe's minimum: the session lasts 30 minutes (and a minute's margin) from placement.
      assert.equal(order.holdExpiresAt, new Date(clock.now().getTime() + 30 * MINUTE).toISOString());
      assert.equal(Number(sent.expires_at), Math.ceil((Date.parse(order.createdAt) + 31 * MINUTE) / 1000));

      // Reading the order again does not make another session.
      await c.get(`/api/orders/${order.id}`);
      assert.equal(fake.callsTo('POST', '/v1/checkout/sessions').filter((x) => x.body.client_reference_id === order.id).length, 1);
    });

    test('when retries of one order arrive at the same moment, then one Checkout Session is made and every answer has its URL', async () => {
      const c = await customer(t);
      const p = await payableProduct(3);
      const body = { centreId, items: [{ productId: p.id, quantity: 1 }] };
      const results = await Promise.all(Array.from({ length: 6 }, () => c.post('/api/orders', body, { 'idempotency-key': 'double-click' })));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
      const orderId = results[0]!.body.order.id;
      const sessions = [...fake.sessions.values()].filter((s) => s.client_reference_id === orderId);
      assert.equal(sessions.length, 1);
      assert.deepEqual([...new Set(results.map((r) => r.body.payment.url))], [sessions[0]!.url]);
      assert.equal(results[0]!.body.order.status, 'pending_payment');
    });

    test('when an order is under Stripe’s €0.50 minimum, then placing it answers 502 payment_provider_error and nothing stays held', async (ctx) => {
      const c = await customer(t);
      const { items } = (await c.get('/api/products?pageSize=100')).body;
      const cheap = items.find((i: { stock: number; priceCents: number }) => i.stock >= 1 && i.priceCents > 0 && i.priceCents < 50);
      if (!cheap) return ctx.skip('no product under €0.50 in the demo catalogue');
      const res = await c.post('/api/orders', { centreId, items: [{ productId: cheap.id, quantity: 1 }] });
      assert.equal(res.status, 502);
      assert.equal(asError(res).error.code, 'payment_provider_error');
      assert.equal(await stock(cheap.id), cheap.stock);
      assert.ok((await c.get('/api/orders')).body.items.every((o: { status: string }) => o.status === 'canceled'));
    });

    test('when the browser comes back from Checkout, then the order is not paid until Stripe says so', async () => {
      const { client, order, session } = await place();
      fake.pay(session.id); // paid at Stripe, but no webhook yet
      for (const q of ['payment=return', 'payment=canceled']) {
        const page = await client.get(`/orders/${order.id}?${q}`);
        // The shop's page itself (503 "front end not built" only when dist/ is missing, when a
        // file is run alone without `vite build`): never an error, never a payment decision.
        assert.equal(page.status, existsSync(path.join(WEB_DIST_DIR, 'shop', 'index.html')) ? 200 : 503, `page answered ${page.status}`);
      }
      const again = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(again.status, 'pending_payment');
      assert.equal(again.payment!.status, 'pending');
      assert.deepEqual(
        (await paymentRows(order.id)).map((r) => r.status),
        ['pending'],
      );

      const res = await deliver(completed(fake.session(session.id)));
      assert.equal(res.status, 200);
      assert.equal((await client.get(`/api/orders/${order.id}`)).body.status, 'paid');
    });

    test('when an event is signed with the right secret, then 200 and the order is paid', async () => {
      const { client, order, session } = await place();
      const paid = fake.pay(session.id);
      const res = await deliver(completed(paid));
      assert.equal(res.status, 200);
      assert.equal(res.body.outcome, 'applied');
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'paid');
      assert.equal(after.payment!.status, 'succeeded');
      assert.deepEqual(
        after.history.map((h: { status: string }) => h.status),
        ['pending_payment', 'paid'],
      );
      const [row] = await paymentRows(order.id);
      assert.equal(row!.payment_intent, paid.payment_intent);
    });

    test('when the signature does not verify (wrong secret, tampered body, stale timestamp, none), then 400 invalid_signature and nothing happens', async () => {
      const { client, order, session } = await place();
      const other = await place();
      const event = completed(fake.pay(session.id));
      const attempts = {
        'wrong secret': await deliver(event, { secret: 'whsec_someone_else' }),
        'tampered body': await deliver(event, { body: (payload) => payload.replaceAll(order.id, other.order.id) }),
        'stale timestamp': await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
        'no signature': await deliver(event, { headers: { 'stripe-signature': '' } }),
        'not json': await deliver(event, { headers: { 'content-type': 'text/plain' } }),
      };
      for (const [what, res] of Object.entries(attempts)) {
        assert.equal(res.status, 400, what);
        assert.equal(res.body.error.code, 'invalid_signature', what);
      }
      assert.deepEqual(await eventRows(event.id), []);
      assert.equal((await client.get(`/api/orders/${order.id}`)).body.status, 'pending_payment');
      assert.equal((await other.client.get(`/api/orders/${other.order.id}`)).body.status, 'pending_payment');
      // The genuine delivery still works: the refused ones recorded nothing.
      assert.equal((await deliver(event)).body.outcome, 'applied');
      assert.equal((await client.get(`/api/orders/${order.id}`)).body.status, 'paid');
    });

    test('when the same checkout.session.completed arrives three times at once, then one payment, one event row, one payment:received', async () => {
      const staff = await staffSocket();
      const { client, order, session } = await place();
      const event = completed(fake.pay(session.id));

      const results = await Promise.all([deliver(event), deliver(event), deliver(event)]);
      assert.deepEqual(
        results.map((r) => r.status),
        [200, 200, 200],
      );
      assert.deepEqual(results.map((r) => r.body.outcome).sort(), ['applied', 'duplicate', 'duplicate']);

      const rows = await paymentRows(order.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.status, 'succeeded');
      assert.equal((await eventRows(event.id)).length, 1);
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'paid');
      assert.deepEqual(
        after.history.map((h: { status: string }) => h.status),
        ['pending_payment', 'paid'],
      );

      const received = await staff.waitFor('payment:received', (p) => p.orderId === order.id);
      assert.equal(received.amountCents, order.totalCents);
      assert.equal(received.providerRef, session.id);
      // A later payment as a marker: once staff have its event, a duplicate of the first would have arrived.
      const marker = await place();
      await deliver(completed(fake.pay(marker.session.id)));
      await staff.waitFor('payment:received', (p) => p.orderId === marker.order.id);
      assert.equal(staff.named('payment:received').filter((p) => p.orderId === order.id).length, 1);
    });

    test('when checkout.session.expired arrives, then the order is canceled and its stock returns; a repeat changes nothing', async () => {
      const { client, order, product, session } = await place(2);
      assert.equal(await stock(product.id), product.stock - 2);
      const event = fake.event('checkout.session.expired', fake.expire(session.id));

      assert.equal((await deliver(event)).status, 200);
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      assert.equal(after.history.at(-1)!.actorRole, 'payment');
      assert.equal(after.payment!.status, 'failed');
      assert.equal(await stock(product.id), product.stock);

      assert.equal((await deliver(event)).body.outcome, 'duplicate');
      assert.equal(await stock(product.id), product.stock);
      assert.equal((await client.get(`/api/orders/${order.id}`)).body.history.length, 2);
      assert.equal(fake.callsTo('POST', `/v1/checkout/sessions/${session.id}/expire`).length, 0, 'Stripe had expired it already');
      assert.deepEqual(await stockMismatches(t), []);
    });

    test('when checkout.session.expired arrives after completed, then the paid order is left alone', async () => {
      const { client, order, product, session } = await place();
      const paid = fake.pay(session.id);
      await deliver(completed(paid));
      const res = await deliver(fake.event('checkout.session.expired', { ...paid, status: 'expired' }));
      assert.equal(res.status, 200);
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'paid');
      assert.equal(after.payment!.status, 'succeeded');
      assert.equal(await stock(product.id), product.stock - 1);
    });

    test('when a customer cancels a paid order, then exactly one refund is asked of Stripe for the payment intent and the amount, and recorded', async () => {
      const { client, order, product, session } = await place(2);
      const paid = fake.pay(session.id);
      await deliver(completed(paid));
      const [row] = await paymentRows(order.id);

      const res = await client.post(`/api/orders/${order.id}/cancel`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'canceled');
      assert.equal(res.body.payment!.status, 'refunded');
      assert.equal(res.body.payment!.refundedCents, order.totalCents);

      const refunds = refundCallsFor(paid.payment_intent);
      assert.equal(refunds.length, 1);
      assert.equal(refunds[0]!.body.amount, String(order.totalCents));
      assert.equal(refunds[0]!.idempotencyKey, `refund-${row!.id}`);
      assert.equal(await stock(product.id), product.stock);

      // Stripe then reports the refund it made for us: recorded already, nothing more happens.
      const reported = await deliver(fake.event('charge.refunded', fake.chargeOf(paid)));
      assert.equal(reported.status, 200);
      assert.equal(refundCallsFor(paid.payment_intent).length, 1);
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.history.filter((h: { status: string }) => h.status === 'canceled').length, 1);
      assert.equal(after.payment!.refundedCents, order.totalCents);
      assert.equal(await stock(product.id), product.stock);
    });

    test('when staff cancel a paid order, then it is refunded through Stripe once', async () => {
      const { order, session } = await place();
      const paid = fake.pay(session.id);
      await deliver(completed(paid));
      const staff = await signedIn(t.url, DEMO.staff);
      const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'canceled', note: 'Rupture chez le fournisseur' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.payment!.status, 'refunded');
      assert.equal(refundCallsFor(paid.payment_intent).length, 1);
      assert.equal(refundCallsFor(paid.payment_intent)[0]!.body.amount, String(order.totalCents));
    });

    test('when Stripe refuses a refund, then the cancel fails with 502 and the order stays paid with its stock held', async () => {
      const { client, order, product, session } = await place();
      const paid = fake.pay(session.id);
      await deliver(completed(paid));
      fake.failNext('POST', /^\/v1\/refunds$/, 400, { message: 'Simulated refusal' });
      const res = await client.post(`/api/orders/${order.id}/cancel`);
      assert.equal(res.status, 502);
      assert.equal(asError(res).error.code, 'payment_provider_error');
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'paid');
      assert.equal(after.payment!.status, 'succeeded');
      assert.equal(after.payment!.refundedCents, 0);
      assert.equal(await stock(product.id), product.stock - 1);
      assert.equal(fake.charges.get(fake.chargeOf(paid).id)!.amount_refunded, 0);
    });

    test('when a refund is made outside (only charge.refunded arrives), then it is recorded and a full one cancels the order', async () => {
      const { client, order, product, session } = await place(2);
      const paid = fake.pay(session.id);
      await deliver(completed(paid));

      // A partial refund from the dashboard: recorded, the order goes on.
      const partial = await deliver(fake.event('charge.refunded', fake.refundOutside(session.id, 100)));
      assert.equal(partial.status, 200);
      let after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'paid');
      assert.equal(after.payment!.status, 'succeeded');
      assert.equal(after.payment!.refundedCents, 100);

      // The rest: the money is all back, so the order is off and its stock returns.
      const full = await deliver(fake.event('charge.refunded', fake.refundOutside(session.id)));
      assert.equal(full.status, 200);
      after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      assert.equal(after.payment!.status, 'refunded');
      assert.equal(after.payment!.refundedCents, order.totalCents);
      assert.equal(await stock(product.id), product.stock);
      assert.equal(refundCallsFor(paid.payment_intent).length, 0, 'we asked Stripe for nothing');
      assert.deepEqual(await stockMismatches(t), []);
    });

    test('when charge.refunded arrives before checkout.session.completed, then the payment is found through Stripe and both events end consistent', async () => {
      const { client, order, product, session } = await place();
      const paid = fake.pay(session.id);
      const refunded = await deliver(fake.event('charge.refunded', fake.refundOutside(session.id)));
      assert.equal(refunded.status, 200);
      assert.equal(refunded.body.outcome, 'applied');
      assert.ok(fake.callsTo('GET', '/v1/checkout/sessions').some((c) => c.query.payment_intent === paid.payment_intent));
      let after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      assert.equal(after.payment!.refundedCents, order.totalCents);
      assert.equal(await stock(product.id), product.stock);

      const late = await deliver(completed(paid));
      assert.equal(late.status, 200);
      after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      assert.equal(after.payment!.status, 'refunded');
      assert.equal(refundCallsFor(paid.payment_intent).length, 0);
      assert.equal(await stock(product.id), product.stock);
    });

    test('when a payment arrives for an order already canceled, then the money is refunded automatically', async () => {
      const { client, order, session } = await place();
      const paid = fake.pay(session.id); // paid at Stripe while…
      assert.equal((await client.post(`/api/orders/${order.id}/cancel`)).status, 200); // …the customer cancels
      const res = await deliver(completed(paid));
      assert.equal(res.status, 200);
      const refunds = refundCallsFor(paid.payment_intent);
      assert.equal(refunds.length, 1);
      assert.equal(refunds[0]!.body.amount, String(order.totalCents));
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      assert.equal(after.payment!.status, 'refunded');
    });

    test('when a delayed payment method completes Checkout, then the order waits for async_payment_succeeded; a failure leaves it open for another try', async () => {
      const first = await place();
      const processing = fake.pay(first.session.id, { paid: false });
      assert.equal((await deliver(completed(processing))).body.outcome, 'applied');
      let view = (await first.client.get(`/api/orders/${first.order.id}`)).body;
      assert.equal(view.status, 'pending_payment');
      assert.equal(view.payment!.status, 'pending');
      assert.equal((await paymentRows(first.order.id))[0]!.payment_intent, processing.payment_intent);
      const settled = fake.pay(first.session.id);
      await deliver(fake.event('checkout.session.async_payment_succeeded', settled));
      view = (await first.client.get(`/api/orders/${first.order.id}`)).body;
      assert.equal(view.status, 'paid');

      const second = await place();
      const waiting = fake.pay(second.session.id, { paid: false });
      await deliver(completed(waiting));
      await deliver(fake.event('checkout.session.async_payment_failed', waiting));
      view = (await second.client.get(`/api/orders/${second.order.id}`)).body;
      assert.equal(view.status, 'pending_payment');
      assert.equal(view.payment!.status, 'failed');
      const retry = await second.client.post(`/api/orders/${second.order.id}/pay`);
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      // Both attempts may carry the same created_at (the test clock stands still): tell them apart by session.
      const rows = await paymentRows(second.order.id);
      const failedAttempt = rows.find((r) => r.provider_ref === second.session.id);
      const newAttempt = rows.find((r) => r.provider_ref !== second.session.id);
      assert.equal(rows.length, 2);
      assert.equal(failedAttempt?.status, 'failed');
      assert.equal(newAttempt?.status, 'pending');
      assert.equal(retry.body.payment.url, fake.session(newAttempt!.provider_ref).url);
      assert.equal(fake.callsTo('POST', '/v1/checkout/sessions').at(-1)!.idempotencyKey, `checkout-${newAttempt!.id}`);
    });

    test('when events concern payments we do not know or types we ignore, then 2xx and nothing changes', async () => {
      const { session } = await place();
      // A session of some other application on the same Stripe account.
      const stranger = { ...fake.pay(session.id), id: 'cs_test_not_ours', metadata: {}, client_reference_id: null };
      const unknownSession = await deliver(completed(stranger));
      assert.equal(unknownSession.status, 200);
      assert.equal(unknownSession.body.outcome, 'unknown_payment');
      const charge = {
        id: 'ch_test_not_ours',
        object: 'charge',
        amount: 500,
        amount_refunded: 500,
        refunded: true,
        payment_intent: 'pi_test_not_ours',
        metadata: {},
      };
      const unknownCharge = await deliver(fake.event('charge.refunded', charge));
      assert.equal(unknownCharge.status, 200);
      assert.equal(unknownCharge.body.outcome, 'unknown_payment');
      const ignored = await deliver(fake.event('payment_intent.created', { id: 'pi_test_x', object: 'payment_intent' }));
      assert.equal(ignored.status, 200);
      assert.equal(ignored.body.outcome, 'ignored');
    });

    // Moves the shared clock: keep it last.
    test('when the hold runs out before payment, then the sweep cancels the order and expires its Checkout Session once', async () => {
      const { client, order, product, session } = await place();
      clock.advance(31 * MINUTE);
      await t.server.sweepExpiredHolds();
      const after = (await client.get(`/api/orders/${order.id}`)).body;
      assert.equal(after.status, 'canceled');
      // (Other tests' unpaid orders were swept too: look at this order's own stock movement.)
      const released = await sql(t, "SELECT delta FROM stock_movements WHERE order_id = $1 AND product_id = $2 AND reason = 'order_release'", [
        order.id,
        product.id,
      ]);
      assert.deepEqual(released, [{ delta: 1 }]);
      assert.equal(fake.callsTo('POST', `/v1/checkout/sessions/${session.id}/expire`).length, 1);
      assert.equal(fake.session(session.id).status, 'expired');
      // Stripe's own expired event follows: nothing more to do.
      assert.equal((await deliver(fake.event('checkout.session.expired', fake.session(session.id)))).status, 200);
      assert.equal((await client.get(`/api/orders/${order.id}`)).body.history.length, 2);
    });
  });

describe('Stripe Checkout expiry', () => {
  const placedAt = new Date('2026-11-26T10:00:00Z');
  const hold = (minutes: number) => new Date(placedAt.getTime() + minutes * MINUTE);
  const seconds = (ms: number) => Math.ceil(ms / 1000);

  test('when the hold is longer than Stripe’s minimum, then the session ends with the hold', () => {
    assert.equal(sessionExpiry(hold(60), placedAt, 60), seconds(hold(60).getTime()));
  });

  test('when the hold is shorter than 30 minutes, then the session lasts Stripe’s minimum (and a minute)', () => {
    assert.equal(sessionExpiry(hold(10), placedAt, 10), seconds(placedAt.getTime() + 31 * MINUTE));
    assert.equal(sessionExpiry(hold(30), placedAt, 30), seconds(placedAt.getTime() + 31 * MINUTE));
  });

  test('when the same order’s session is asked for a few seconds apart, then the parameters are identical', () => {
    const a = sessionExpiry(hold(30), new Date(placedAt.getTime() + 200), 30);
    const b = sessionExpiry(hold(30), new Date(placedAt.getTime() + 20_000), 30);
    assert.equal(a, b);
  });

  test('when a new attempt is made later in the hold, then Stripe’s minimum counts from now', () => {
    const now = new Date(placedAt.getTime() + 10 * MINUTE);
    assert.equal(sessionExpiry(hold(30), now, 30), seconds(now.getTime() + 31 * MINUTE));
  });

  test('when the hold is longer than a day, then the session stops within Stripe’s 24 hours', () => {
    assert.equal(sessionExpiry(hold(3000), placedAt, 3000), seconds(placedAt.getTime() + 24 * 60 * MINUTE - 5 * MINUTE));
  });
});

describe('Stripe configuration', () => {
  const logger = createLogger('silent');
  const deps = { clock: new ManualClock(), logger, publicUrl: () => 'http://localhost:3000' };

  test('when STRIPE_SECRET_KEY is set without a webhook secret, then the server refuses to start', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/ps-config', STRIPE_SECRET_KEY: 'sk_test_x' });
    assert.equal(config.paymentProvider, 'stripe');
    assert.throws(() => choosePaymentProvider(config, deps), /STRIPE_WEBHOOK_SECRET/);
  });

  test('when PAYMENT_PROVIDER=stripe has no secret key, then the server refuses to start', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/ps-config', PAYMENT_PROVIDER: 'stripe' });
    assert.throws(() => choosePaymentProvider(config, deps), /STRIPE_SECRET_KEY/);
  });

  test('when both are set, then the provider is Stripe', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/ps-config', STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    assert.equal(choosePaymentProvider(config, deps).name, 'stripe');
  });
});

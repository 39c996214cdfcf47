import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError } from './helpers/client.ts';
import { firstCentreId, productWithStock, setStock, sql } from './helpers/fixtures.ts';
import type { Diagnostics } from '../src/contract/index.ts';

/**
 * Issue 21: what placing an order costs the database, in round trips, as the driver counts
 * them (every statement sent is one). A placement is one statement (place_order), plus the
 * session lookup when the session is not in the node's cache (SESSION_CACHE_MS, on here as in
 * production: a buyer ordering back to back is looked up once); with the PostgreSQL adapter,
 * one NOTIFY tells the other nodes. A change that adds a statement to every order fails here.
 *
 * The counters are the node's own, so anything else the node does meanwhile counts too: the
 * periodic sweep is pushed out of the way (SWEEP_INTERVAL_SECONDS), and SLACK leaves room for
 * the mail queue's own periodic look (MAIL queue, every 15 s) and the adapter's heartbeat.
 */
const SLACK = 3;
const ORDERS = 10;

describe('placing an order, in round trips', () => {
  const t = serverForSuite({
    env: { SESSION_CACHE_MS: '10000', SWEEP_INTERVAL_SECONDS: '3600', LIMIT_UNPAID_ORDERS: '100', LIMIT_HELD_UNITS: '10000' },
  });

  async function signedIn(email: string, password: string): Promise<ApiClient> {
    const c = new ApiClient(t.url);
    assert.equal((await c.login(email, password)).status, 200);
    // The first request after sign-in notes the session's use (a write, once per SESSION_TOUCH_SECONDS).
    assert.equal((await c.get('/api/orders')).status, 200);
    return c;
  }

  const diagnostics = async (admin: ApiClient): Promise<Diagnostics> => {
    const res = await admin.get<Diagnostics>('/api/admin/diagnostics');
    assert.equal(res.status, 200);
    return res.body;
  };

  test('when a customer places orders, then each costs one round trip (its session already read) and one NOTIFY', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 100);
    const admin = await signedIn(DEMO.admin.email, DEMO.admin.password);
    const buyer = await signedIn(DEMO.customer.email, DEMO.customer.password);

    const before = await diagnostics(admin);
    const dbBefore = t.server.db.roundTrips();
    for (let i = 0; i < ORDERS; i++) {
      const res = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    const spent = t.server.db.roundTrips() - dbBefore;
    const after = await diagnostics(admin);

    assert.ok(spent >= ORDERS, `${spent} round trips for ${ORDERS} orders`);
    assert.ok(spent <= ORDERS + SLACK, `${spent} round trips for ${ORDERS} orders (${ORDERS} expected)`);
    assert.equal(after.driver, t.server.db.driver);
    // The route reads the same counter.
    assert.ok(after.database.roundTrips - before.database.roundTrips >= spent);
    if (t.server.db.driver === 'pg') {
      const notifications = after.socketAdapter!.roundTrips - before.socketAdapter!.roundTrips;
      assert.ok(notifications >= ORDERS && notifications <= ORDERS + SLACK, `${notifications} adapter round trips for ${ORDERS} orders`);
    } else {
      assert.equal(after.socketAdapter, null);
    }
    const [held] = await sql<{ n: number }>(t, "SELECT count(*)::int AS n FROM stock_movements WHERE product_id = $1 AND reason = 'order_hold'", [p.id]);
    assert.ok(held!.n >= ORDERS);
  });

  test('when an order is refused (no stock), then it costs the same one round trip and nothing is left behind', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 0);
    const buyer = await signedIn(DEMO.customer.email, DEMO.customer.password);
    const orders = (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM orders'))[0]!.n;

    const dbBefore = t.server.db.roundTrips();
    const res = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    const spent = t.server.db.roundTrips() - dbBefore;

    assert.equal(res.status, 409);
    assert.equal(asError(res).error.code, 'insufficient_stock');
    assert.deepEqual(asError(res).error.details, [{ productId: p.id, available: 0 }]);
    assert.ok(spent >= 1 && spent <= 1 + SLACK, `${spent} round trips`);
    assert.equal((await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM orders'))[0]!.n, orders);
  });

  test('when orders are refused one after another, then each goes back to a connection already open (PostgreSQL: a refusal must not cost a new connection)', async () => {
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 1);
    await setStock(t, p.id, 0);
    const buyer = await signedIn(DEMO.customer.email, DEMO.customer.password);
    const refuse = async () => {
      const res = await buyer.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
      assert.equal(res.status, 409);
    };
    const appConnections = async () =>
      (
        await sql<{ pid: number; opened: Date }>(
          t,
          "SELECT pid, backend_start AS opened FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'panier-solidaire' ORDER BY pid",
        )
      ).map((c) => ({ pid: c.pid, opened: new Date(c.opened).getTime() }));
    await refuse();
    if (t.server.db.driver !== 'pg') return; // PGlite: one embedded connection, nothing to open or drop.
    // pg-pool's own query() drops the connection after any error its statement gets: each
    // refusal then cost a new backend, and a rush of refused buyers waited for connections
    // until they were answered 503 (issue 21's race).
    const before = await appConnections();
    assert.ok(before.length > 0, 'the refused order’s connection went back to the pool');
    const since = Math.max(...before.map((c) => c.opened));
    for (let i = 0; i < 20; i++) await refuse();
    const after = await appConnections();
    for (const c of before)
      assert.ok(
        after.some((a) => a.pid === c.pid),
        `connection ${c.pid} is still open after 20 refusals`,
      );
    assert.deepEqual(
      after.filter((c) => c.opened > since),
      [],
      'no connection opened for the refusals',
    );
  });

  test('when the diagnostics are asked without the admin role, then 401 or 403', async () => {
    assert.equal((await new ApiClient(t.url).get('/api/admin/diagnostics')).status, 401);
    const buyer = await signedIn(DEMO.customer.email, DEMO.customer.password);
    assert.equal((await buyer.get('/api/admin/diagnostics')).status, 403);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { assertStockAndOrdersWhole } from '../helpers/invariants.ts';
import { ApiClient, DEMO, asError } from '../helpers/client.ts';
import { PG_ADMIN_URL } from '../helpers/database.ts';
import { waitUntil } from '../helpers/wait.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { connectSocket, Recorder, type ClientSocket } from '../helpers/sockets.ts';

const readyz = (node: ServerProcess) => fetch(`${node.url}/readyz`).then((r) => r.status);

/**
 * Two nodes on one PostgreSQL database that only their own login role uses, so that
 * "every connection of the server's database user" can be cut — the realistic stand-in for
 * a PostgreSQL restart — without touching anyone else on the shared server.
 */
describe('a node whose PostgreSQL goes away stays up and recovers by itself', () => {
  const role = `ps_outage_${randomBytes(5).toString('hex')}`;
  const dbName = role;
  let admin: pg.Client; // superuser, on the test database: cuts and restores the role
  let inspect: pg.Client; // superuser, on the nodes' database: checks what was written
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let dataDir: string;
  const exits: string[] = [];
  let staff: ApiClient;
  let staffSocket: ClientSocket;
  let staffEvents: Recorder;
  let centreId: string;
  let products: Array<{ id: string; stock: number }>;

  before(async () => {
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`CREATE DATABASE ${dbName} OWNER ${role}`);
    const url = new URL(PG_ADMIN_URL);
    url.username = role;
    url.pathname = `/${dbName}`;
    const asSuperuser = new URL(PG_ADMIN_URL);
    asSuperuser.pathname = `/${dbName}`;
    inspect = new pg.Client({ connectionString: asSuperuser.toString() });
    await inspect.connect();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ps-outage-'));
    // Anti-hoarding limits (when present) would refuse the storm's orders for another reason.
    const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir, LIMIT_UNPAID_ORDERS: '100000', LIMIT_HELD_UNITS: '1000000' };
    nodeA = await startServerProcess(env);
    nodeB = await startServerProcess(env);
    for (const [name, node] of [
      ['A', nodeA],
      ['B', nodeB],
    ] as const) {
      void node.exited.then(({ code, signal }) => exits.push(`node ${name} exited (${code ?? signal}):\n${node.output().slice(-3000)}`));
    }
    staff = new ApiClient(nodeB.url);
    assert.equal((await staff.login(DEMO.staff.email, DEMO.staff.password)).status, 200);
    staffSocket = await connectSocket(nodeB.url, staff.cookieHeader);
    staffEvents = new Recorder(staffSocket);
    const shopper = new ApiClient(nodeA.url);
    centreId = (await shopper.get('/api/centres')).body[0]!.id;
    products = (await shopper.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock > 20);
  });

  after(async () => {
    staffSocket?.disconnect();
    nodeA?.child.kill('SIGTERM');
    nodeB?.child.kill('SIGTERM');
    await Promise.all([nodeA?.exited, nodeB?.exited]);
    await inspect?.end();
    await admin.query(`ALTER ROLE ${role} LOGIN`).catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The adapter's LISTEN connections of both nodes (each node names its own `panier-socket-…`). */
  async function listenPids(): Promise<number[]> {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE usename = $1 AND application_name LIKE 'panier-socket-%' AND state = 'idle' AND query LIKE 'LISTEN %'`,
      [role],
    );
    return rows.map((r) => r.pid);
  }

  /** An order placed on node A is heard by the staff socket connected to node B. */
  async function assertCrossNodeOrderEvent() {
    const buyer = new ApiClient(nodeA.url);
    await buyer.register();
    const placed = await buyer.post('/api/orders', { centreId, items: [{ productId: products[0]!.id, quantity: 1 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const heard = await staffEvents.waitFor('order:created', (o) => o.id === placed.body.order.id);
    assert.equal(heard.number, placed.body.order.number);
  }

  test('when only the realtime LISTEN connections are terminated, again and again, then both nodes stay up and cross-node events resume', async () => {
    for (let round = 0; round < 4; round++) {
      await waitUntil('both nodes LISTEN', async () => (await listenPids()).length === 2);
      const before = await listenPids();
      const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)', [before]);
      assert.equal(rowCount, 2);
      await waitUntil('both nodes LISTEN again on new connections', async () => {
        const now = await listenPids();
        return now.length === 2 && now.every((pid) => !before.includes(pid));
      });
    }
    assert.deepEqual(exits, []);
    await assertCrossNodeOrderEvent();
  });

  test('when every connection of the database user is cut mid-storm, then no node exits, they answer 503 while cut and recover by themselves, and no confirmed order is lost', async () => {
    const customers = await Promise.all(
      [nodeA, nodeB, nodeA, nodeB].map(async (node) => {
        const c = new ApiClient(node.url);
        await c.register();
        return c;
      }),
    );
    let stop = false;
    const confirmed: string[] = [];
    const refusals = new Map<string, number>();
    const storm = Promise.all(
      customers.map(async (client, i) => {
        for (let n = 0; !stop; n++) {
          const items = [products[(i + n) % products.length]!, products[(i + n + 1) % products.length]!].map((p) => ({ productId: p.id, quantity: 1 }));
          const res = await client.post('/api/orders', { centreId, items }).catch(() => undefined);
          if (res?.status === 201) confirmed.push(res.body.order.id);
          else if (res) {
            const key = `${res.status} ${asError(res)?.error?.code}`;
            refusals.set(key, (refusals.get(key) ?? 0) + 1);
          }
          if (res && res.status !== 201) await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    await waitUntil('a few orders confirmed before the cut', async () => confirmed.length >= 8);

    // The cut: the role may not log in, and every session it has is terminated.
    await admin.query(`ALTER ROLE ${role} NOLOGIN`);
    await waitUntil('no connection of the role left', async () => {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1', [role]);
      return rows[0]!.n === 0;
    });
    const confirmedBeforeCut = confirmed.length;

    for (const node of [nodeA, nodeB]) {
      await waitUntil(`${node.url} /readyz answers 503`, async () => (await readyz(node)) === 503);
      assert.equal((await fetch(`${node.url}/healthz`)).status, 503);
      const refused = await new ApiClient(node.url).request('GET', '/api/orders', undefined, { cookie: customers[0]!.cookieHeader });
      assert.equal(refused.status, 503);
      assert.equal(refused.body.error.code, 'database_unavailable');
      const order = await new ApiClient(node.url).request(
        'POST',
        '/api/orders',
        { centreId, items: [{ productId: products[0]!.id, quantity: 1 }] },
        { cookie: customers[1]!.cookieHeader },
      );
      assert.equal(order.status, 503);
      assert.equal(order.body.error.code, 'database_unavailable');
    }
    assert.ok((refusals.get('503 database_unavailable') ?? 0) > 0, `the storm saw: ${JSON.stringify([...refusals])}`);
    assert.deepEqual(exits, []);

    // Back: both nodes find the database again without any help.
    await admin.query(`ALTER ROLE ${role} LOGIN`);
    await waitUntil('node A ready again', async () => (await readyz(nodeA)) === 200);
    await waitUntil('node B ready again', async () => (await readyz(nodeB)) === 200);
    await waitUntil('orders confirmed again after the cut', async () => confirmed.length > confirmedBeforeCut + 4);
    stop = true;
    await storm;
    assert.deepEqual(exits, []);

    // Every order answered 201 is there, whole, and stock still adds up.
    const { rows } = await inspect.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[])', [confirmed]);
    assert.equal(rows[0]!.n, confirmed.length);
    await assertStockAndOrdersWhole(inspect);

    // Realtime across nodes is back too: the adapters LISTEN again.
    await waitUntil('both nodes LISTEN again', async () => (await listenPids()).length === 2);
    await assertCrossNodeOrderEvent();
    assert.deepEqual(exits, []);
  });
});

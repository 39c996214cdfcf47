import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { assertStockAndOrdersWhole } from '../helpers/invariants.ts';
import { ApiClient } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';

/**
 * The storm's customers never pay: lift the anti-hoarding limits (LIMIT_UNPAID_ORDERS,
 * LIMIT_HELD_UNITS) so every order is a real placement, not a 409.
 */
const STORM_LIMITS = { LIMIT_UNPAID_ORDERS: '100000', LIMIT_HELD_UNITS: '1000000' };

/** Several customers place orders as fast as they can until stopped; returns every order answered 201. */
async function orderStorm(customers: ApiClient[], shouldStop: () => boolean) {
  const centreId = (await customers[0]!.get('/api/centres')).body[0]!.id;
  const products = (await customers[0]!.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock > 20);
  const confirmed: Array<{ client: ApiClient; id: string; lines: number }> = [];
  await Promise.all(
    customers.map(async (client, i) => {
      for (let n = 0; !shouldStop(); n++) {
        const items = [products[(i + n) % products.length], products[(i + n + 1) % products.length]].map((p) => ({ productId: p!.id, quantity: 1 }));
        try {
          const res = await client.post('/api/orders', { centreId, items });
          if (res.status === 201) confirmed.push({ client, id: res.body.order.id, lines: res.body.order.items.length });
        } catch {
          return; // the server died mid-request: that order was never confirmed
        }
      }
    }),
  );
  return confirmed;
}

async function crashMidStorm(server: ServerProcess) {
  const customers = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const c = new ApiClient(server.url);
      await c.register();
      return c;
    }),
  );
  let killed = false;
  const storm = orderStorm(customers, () => killed);
  // Let a good number of orders through, then pull the plug without warning.
  for (let polls = 0; !killed; polls++) {
    // A storm that cannot place orders must fail the test, not hang it.
    if (polls > 2_400) throw new Error('the storm placed fewer than 5 orders in 2 minutes');
    await new Promise((r) => setTimeout(r, 50));
    const count = await customers[0]!
      .get('/api/orders')
      .then((r) => r.body.items?.length ?? 0)
      .catch(() => 0);
    if (count >= 5) {
      server.child.kill('SIGKILL');
      killed = true;
    }
  }
  const confirmed = await storm;
  assert.equal((await server.exited).signal, 'SIGKILL');
  return { customers, confirmed };
}

async function assertConfirmedOrdersSurvived(url: string, confirmed: Array<{ client: ApiClient; id: string; lines: number }>) {
  assert.ok(confirmed.length >= 5, `storm confirmed ${confirmed.length} orders`);
  for (const o of confirmed) {
    const client = new ApiClient(url);
    // Same person, new process: the session cookie still works (sessions live in the database).
    const res = await client.request('GET', `/api/orders/${o.id}`, undefined, { cookie: o.client.cookieHeader });
    assert.equal(res.status, 200, `order ${o.id} lost`);
    assert.equal(res.body.items.length, o.lines);
  }
}

describe('the embedded database survives crashes and signals', () => {
  let dataDir: string;
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('when the server is killed -9 mid-storm, then it restarts healthy with every confirmed order and consistent stock', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ps-crash-'));
    const first = await startServerProcess({ DATA_DIR: dataDir, ...STORM_LIMITS });
    const { confirmed } = await crashMidStorm(first);

    const second = await startServerProcess({ DATA_DIR: dataDir, ...STORM_LIMITS });
    assert.match(second.output(), /stale data folder lock/);
    assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
    await assertConfirmedOrdersSurvived(second.url, confirmed);

    // Ctrl-C: stops cleanly with exit code 0, and starts again.
    second.child.kill('SIGINT');
    assert.deepEqual(await second.exited, { code: 0, signal: null });

    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
    try {
      await assertStockAndOrdersWhole(db);
    } finally {
      await db.close();
    }

    const third = await startServerProcess({ DATA_DIR: dataDir, ...STORM_LIMITS });
    assert.equal((await fetch(`${third.url}/healthz`)).status, 200);
    assert.doesNotMatch(third.output(), /stale data folder lock/);

    // A second server on the same folder is refused clearly; the first keeps working.
    await assert.rejects(startServerProcess({ DATA_DIR: dataDir, ...STORM_LIMITS }), /déjà utilisé par un autre serveur/);
    assert.equal((await fetch(`${third.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${third.url}/api/products`)).status, 200);

    third.child.kill('SIGTERM');
    assert.deepEqual(await third.exited, { code: 0, signal: null });
  });

  test('when the server on PostgreSQL is killed -9 mid-storm, then it restarts with no manual step and loses nothing confirmed', async () => {
    const database = await createTestDatabase();
    try {
      const env = { DATABASE_URL: database.url, DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ps-crash-pg-')), ...STORM_LIMITS };
      const first = await startServerProcess(env);
      const { confirmed } = await crashMidStorm(first);
      const second = await startServerProcess(env);
      assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
      await assertConfirmedOrdersSurvived(second.url, confirmed);
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      await assertStockAndOrdersWhole(c);
      await c.end();
      second.child.kill('SIGTERM');
      assert.deepEqual(await second.exited, { code: 0, signal: null });
      await rm(env.DATA_DIR, { recursive: true, force: true });
    } finally {
      await database.drop();
    }
  });
});

/**
 * The race alone, watched: 1,000 buyers with fresh sessions post one order each at the same
 * instant for 100 units. Prints the answers and, every 250 ms, how many answers came and how
 * long /healthz took (the server's event loop), and the CPU each process used during the race,
 * to see where a rush spends its time. Against a fresh database on the local PostgreSQL.
 *   node --import tsx bench/race-probe.ts
 *   RACE_BUYERS=2000                       more buyers (still 100 units)
 *   RACE_LOG=info                          the server's request log into /tmp/race-server.log
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   a CPU profile (bench/profile.ts reads it)
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/database.ts';
import { cpuSnapshot, ROOT, startNode } from './lib.ts';

const BUYERS = Number(process.env.RACE_BUYERS ?? 1000);
const database = await createTestDatabase();
if (process.env.RACE_LOG) process.env.BENCH_SERVER_LOG = '/tmp/race-server.log';
const node = await startNode(
  {
    DATABASE_URL: database.url,
    DATA_DIR: path.join(ROOT, '.bench-data'),
    LIMIT_UNPAID_ORDERS: '1000000',
    LIMIT_HELD_UNITS: '1000000000',
    LOG_LEVEL: process.env.RACE_LOG ?? 'warn',
  },
  process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean),
);
const db = new pg.Client({ connectionString: database.url });
await db.connect();
const hash = (await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE role = 'customer' LIMIT 1")).rows[0]!.password_hash;
const users = await db.query<{ id: string }>(
  `INSERT INTO users (name, email, password_hash) SELECT 'Race ' || g, 'race' || g || '@bench.local', $1 FROM generate_series(1, $2) g RETURNING id`,
  [hash, BUYERS],
);
const tokens = users.rows.map(() => randomBytes(32).toString('base64url'));
await db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) SELECT t, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS x(t, u)`, [
  tokens.map((t) => createHash('sha256').update(t).digest('hex')),
  users.rows.map((u) => u.id),
]);
const productId = (await db.query<{ id: string }>('SELECT id FROM products WHERE on_sale ORDER BY name DESC LIMIT 1')).rows[0]!.id;
const current = (await db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [productId])).rows[0]!.stock;
await db.query('UPDATE products SET stock = 100 WHERE id = $1', [productId]);
await db.query("INSERT INTO stock_movements (product_id, delta, reason) VALUES ($1, $2, 'adjustment')", [productId, 100 - current]);
const centreId = (await db.query<{ id: string }>('SELECT id FROM centres LIMIT 1')).rows[0]!.id;

const cpu0 = cpuSnapshot(node.child.pid!);
const t0 = performance.now();
const done: number[] = [];
const timeline: string[] = [];
let racing = true;
const watch = (async () => {
  while (racing) {
    const s = performance.now();
    await fetch(`${node.url}/healthz`).then((r) => r.arrayBuffer());
    timeline.push(`${Math.round(s - t0)} ms: ${done.length} answered, /healthz ${Math.round(performance.now() - s)} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
})();
const answers = new Map<string, number>();
await Promise.all(
  tokens.map((token) =>
    fetch(`${node.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ps_session=${token}` },
      body: JSON.stringify({ centreId, items: [{ productId, quantity: 1 }] }),
    }).then(async (r) => {
      const body = await r.text();
      done.push(performance.now() - t0);
      const key = r.status === 201 || r.status === 409 ? String(r.status) : `${r.status} ${body.slice(0, 60)}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }),
  ),
);
racing = false;
await watch;
const cpu1 = cpuSnapshot(node.child.pid!);
console.log('CPU ms during the race:', {
  server: cpu1.server - cpu0.server,
  postgres: cpu1.postgres - cpu0.postgres,
  loadGenerator: Math.round(cpu1.loadGenerator - cpu0.loadGenerator),
});
console.log(Object.fromEntries(answers), `settled in ${Math.round(performance.now() - t0)} ms`);
console.log(timeline.join('\n'));
await db.end();
await node.stop();
await database.drop();

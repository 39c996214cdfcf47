/**
 * `node --import tsx bench/request-floor.ts` — what the simplest requests cost the server,
 * for reading the checkout figures: CPU per request (server process and PostgreSQL) for an
 * Express route with one query, with and without a session lookup. Same set-up as
 * `npm run bench` (real PostgreSQL, the server as its own process).
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase } from '../test/helpers/database.ts';
import { cpuSnapshot, ROOT, round, startNode } from './lib.ts';

const database = await createTestDatabase();
const node = await startNode({ DATABASE_URL: database.url, DATA_DIR: path.join(ROOT, '.bench-data') });
try {
  const login = await fetch(`${node.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'client@demo.panier-solidaire.fr', password: 'client-demo-2026' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const cases: Array<[string, string, Record<string, string>]> = [
    ['GET /healthz (Express, SELECT 1)', '/healthz', {}],
    ['GET /api/categories (API middleware, one query)', '/api/categories', {}],
    ['GET /api/auth/me (API middleware, session lookup)', '/api/auth/me', { cookie }],
  ];
  for (const [label, url, headers] of cases) {
    const before = cpuSnapshot(node.child.pid!);
    const r = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ url: node.url + url, connections: 20, duration: 5, headers }, (err, res) => (err ? reject(err) : resolve(res))),
    );
    const after = cpuSnapshot(node.child.pid!);
    const n = r.requests.total;
    console.log(
      `${label}: ${Math.round(r.requests.average)} req/s, server ${round((after.server - before.server) / n, 2)} ms CPU/request, PostgreSQL ${round((after.postgres - before.postgres) / n, 2)} ms`,
    );
  }
} finally {
  await node.stop();
  await database.drop();
}

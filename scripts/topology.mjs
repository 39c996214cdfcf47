#!/usr/bin/env node
// The production topology without containers: one PostgreSQL (the local server), two
// app nodes, and a small TCP proxy in front that spreads connections over both
// (websockets pass through untouched). What deploy/compose.yaml runs, for a laptop or a test.
//
//   node scripts/topology.mjs            # DATABASE_URL defaults to a fresh database on 127.0.0.1:5432
//   PROXY_PORT=8080 DATABASE_URL=postgres://… node scripts/topology.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

let createdDb;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const admin = process.env.TOPOLOGY_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  createdDb = `ps_topology_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${createdDb}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${createdDb}`;
  databaseUrl = u.toString();
}

// The proxy binds first (port 0 = any free one), so no node can take its port.
const nodes = [];
let next = 0;
// Round robin per connection: a websocket is one long connection and stays on its node.
const proxy = net.createServer((client) => {
  const target = nodes[next++ % nodes.length];
  const upstream = net.connect(target.port, '127.0.0.1');
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
await new Promise((resolve, reject) => {
  proxy.once('error', reject);
  proxy.listen(Number(process.env.PROXY_PORT ?? 0), '127.0.0.1', resolve);
});
const proxyPort = proxy.address().port;
const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${proxyPort}`;
for (let i = 0; i < 2; i++) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  nodes.push({ port, child, url: `http://127.0.0.1:${port}` });
}
for (const n of nodes) {
  for (let i = 0; ; i++) {
    if (n.child.exitCode !== null || i > 1200) {
      console.error(`node on port ${n.port} did not start`);
      for (const other of nodes) other.child.kill('SIGKILL');
      process.exit(1);
    }
    if (
      await fetch(`${n.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

console.log(JSON.stringify({ ready: true, proxy: publicUrl, nodes: nodes.map((n) => n.url), databaseUrl }));

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  proxy.close();
  await Promise.all(
    nodes.map(
      (n) =>
        new Promise((r) => {
          if (n.child.exitCode !== null) return r();
          n.child.once('exit', r);
          n.child.kill('SIGTERM');
        }),
    ),
  );
  if (createdDb) {
    const c = new pg.Client({ connectionString: process.env.TOPOLOGY_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${createdDb} WITH (FORCE)`);
    await c.end();
  }
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

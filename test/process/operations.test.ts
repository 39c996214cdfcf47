import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, DEMO } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startServerProcess } from '../helpers/process.ts';
import { connectSocket, Recorder } from '../helpers/sockets.ts';

/** Runs main.ts with an environment and returns its exit code and output (for start-up refusals). */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** One HTTP request on a connection of its own (no keep-alive), so a proxy sees a new connection each time. */
function fresh(url: string, method: string, body?: unknown, cookie?: string): Promise<{ status: number; body: any; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      url,
      { method, agent: false, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie']?.[0]?.split(';')[0];
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, cookie: setCookie });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('operations', () => {
  test('when production lacks what it needs, then the server refuses to start and names the variable', async () => {
    const base = { NODE_ENV: 'production', DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ps-prod-')) };
    const noUrl = await runMain(base);
    assert.equal(noUrl.code, 1);
    assert.match(noUrl.output, /PUBLIC_URL/);
    const demo = await runMain({ ...base, PUBLIC_URL: 'https://panier.example.org' });
    assert.equal(demo.code, 1);
    assert.match(demo.output, /STRIPE_SECRET_KEY/);
    const noWebhook = await runMain({ ...base, PUBLIC_URL: 'https://panier.example.org', STRIPE_SECRET_KEY: 'sk_test_x' });
    assert.equal(noWebhook.code, 1);
    assert.match(noWebhook.output, /STRIPE_WEBHOOK_SECRET/);
    const badPort = await runMain({ ...base, PORT: 'eighty' });
    assert.equal(badPort.code, 1);
    assert.match(badPort.output, /PORT/);
    await rm(base.DATA_DIR, { recursive: true, force: true });
  });

  test('when SIGTERM arrives during requests in flight, then they complete and the process exits 0', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ps-term-'));
    try {
      const server = await startServerProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir });
      const buyers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const c = new ApiClient(server.url);
          await c.register();
          return c;
        }),
      );
      const centreId = (await buyers[0]!.get('/api/centres')).body[0]!.id;
      const products = (await buyers[0]!.get('/api/products?pageSize=100')).body.items.filter((p: { stock: number }) => p.stock > 10);
      let firstAnswered!: () => void;
      const first = new Promise<void>((r) => (firstAnswered = r));
      const inFlight = buyers.map((c, i) =>
        c.post('/api/orders', { centreId, items: [{ productId: products[i % products.length]!.id, quantity: 1 }] }).then((res) => {
          firstAnswered();
          return res.status;
        }),
      );
      await first;
      server.child.kill('SIGTERM');
      const statuses = await Promise.all(inFlight);
      assert.deepEqual([...new Set(statuses)], [201], 'every request sent before SIGTERM got its answer');
      // No stopwatch: the drain's own bounds (SHUTDOWN_*_SECONDS) end it; the guard only
      // turns a hang into a clear failure instead of the runner's timeout.
      const hung = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the process never exited after SIGTERM')), 120_000).unref());
      const exit = await Promise.race([server.exited, hung]);
      assert.deepEqual(exit, { code: 0, signal: null });
      // What was answered 201 is really there, seen through a new process.
      const again = await startServerProcess({ DATABASE_URL: database.url, DATA_DIR: dataDir });
      const res = await fetch(`${again.url}/api/orders`, { headers: { cookie: buyers[0]!.cookieHeader } });
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 1);
      assert.equal((await fetch(`${again.url}/readyz`)).status, 200);
      again.child.kill('SIGTERM');
      assert.equal((await again.exited).code, 0);
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('when the two-node topology runs behind its proxy, then a customer order reaches staff whichever node they are on', async () => {
    const child = spawn(process.execPath, ['scripts/topology.mjs'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', SEED_DEMO_SLOTS: 'false' },
    });
    try {
      const ready = await new Promise<{ proxy: string; nodes: string[] }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
          if (line) resolve(JSON.parse(line));
        });
        child.once('exit', (code) => reject(new Error(`topology exited ${code}`)));
      });
      assert.equal(ready.nodes.length, 2);
      const staffLogin = await fresh(`${ready.proxy}/api/auth/login`, 'POST', DEMO.staff);
      assert.equal(staffLogin.status, 200);
      const staff = new Recorder(await connectSocket(ready.proxy, staffLogin.cookie));

      const reg = await fresh(`${ready.proxy}/api/auth/register`, 'POST', { name: 'Topo', email: 'topo@example.fr', password: 'motdepasse-topo' });
      assert.equal(reg.status, 201);
      const centreId = (await fresh(`${ready.proxy}/api/centres`, 'GET')).body[0].id;
      const product = (await fresh(`${ready.proxy}/api/products?pageSize=100`, 'GET')).body.items.find((p: { stock: number }) => p.stock > 3);
      // Each request on a new connection: the proxy alternates nodes, so these two orders are
      // placed on different nodes — the staff socket (on one of them) must hear of both.
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const placed = await fresh(`${ready.proxy}/api/orders`, 'POST', { centreId, items: [{ productId: product.id, quantity: 1 }] }, reg.cookie);
        assert.equal(placed.status, 201, JSON.stringify(placed.body));
        ids.push(placed.body.order.id);
      }
      for (const id of ids) await staff.waitFor('order:created', (o) => o.id === id);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});

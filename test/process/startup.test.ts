import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../helpers/database.ts';
import { startServerProcess } from '../helpers/process.ts';
import { waitUntil } from '../helpers/wait.ts';

/** A stack trace line, which an operator must never get instead of a message. */
const STACK = /^\s+at .+[:(]/m;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves once the output matches (or rejects if the process exits first). */
  waitFor(pattern: RegExp): Promise<void>;
}

/** Runs main.ts with only the given environment (plus PATH and HOME), as an operator would. */
function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const onData = (c: Buffer) => {
    output += c.toString();
    for (const w of waiters.filter((w) => w.pattern.test(output))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // Not a speed check: a start that should have stopped but serves instead must fail the test, not hang it.
  const giveUp = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(giveUp);
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`exited (${code}) before ${pattern}:\n${output}`)));
      }),
  };
}

async function stop(run: Run): Promise<number | null> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
  return run.exited;
}

/** A port nothing listens on (taken from the system, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A TCP relay on `port` to the real PostgreSQL server: "the database comes up" on demand. */
async function relayToPostgres(port: number, target: URL): Promise<Server> {
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  relay.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  await new Promise<void>((r) => relay.listen(port, '127.0.0.1', r));
  return relay;
}

describe('start-up', () => {
  test('when DATABASE_URL cannot be reached, then the start retries, exits 1 naming DATABASE_URL and never prints its password', async () => {
    const port = await freePort();
    const run = runMain({ DATABASE_URL: `postgres://boutique:Tr3s-Secret@127.0.0.1:${port}/boutique`, DB_CONNECT_TIMEOUT_SECONDS: '2' });
    assert.equal(await run.exited, 1);
    const out = run.output();
    assert.match(out, /Base de données injoignable : DATABASE_URL=postgres:\/\/boutique:\*\*\*@127\.0\.0\.1/);
    assert.match(out, /DB_CONNECT_TIMEOUT_SECONDS/);
    assert.match(out, /database not reachable yet, retrying/, 'one short log line per attempt');
    assert.doesNotMatch(out, /Tr3s-Secret/);
    assert.doesNotMatch(out, STACK);
  });

  test('when the database comes up during the wait, then the server starts on it', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const url = new URL(database.url);
    const late = new URL(database.url);
    late.host = `127.0.0.1:${port}`;
    const run = runMain({ DATABASE_URL: late.toString(), DB_CONNECT_TIMEOUT_SECONDS: '120', LOG_LEVEL: 'info' });
    let relay: Server | undefined;
    try {
      await run.waitFor(/database not reachable yet, retrying/);
      relay = await relayToPostgres(port, url);
      await run.waitFor(/Panier Solidaire is ready/);
      assert.match(run.output(), /database reachable/);
      assert.equal(await stop(run), 0);
    } finally {
      await stop(run);
      await new Promise((r) => (relay ? relay.close(r) : r(undefined)));
      await database.drop();
    }
  });

  test('when configuration values are wrong, then the start stops in French naming each variable, without a stack', async () => {
    for (const [name, env] of [
      ['NODE_ENV', { NODE_ENV: 'prod' }],
      ['TRUST_PROXY', { TRUST_PROXY: 'banana' }],
      ['SMTP_URL', { SMTP_URL: 'nonsense' }],
    ] as const) {
      const run = runMain(env);
      assert.equal(await run.exited, 1, name);
      assert.match(run.output(), new RegExp(`Configuration invalide :\\n  ${name} : attendu`));
      assert.doesNotMatch(run.output(), STACK);
      assert.doesNotMatch(run.output(), /Cannot create property/);
    }
  });

  test('when production starts with only the required variables and empty optional ones, then it warns loudly and creates no demo account', async () => {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ps-prod-'));
    const port = await freePort();
    // What deploy/compose.yaml passes for variables left out of .env: empty strings.
    const empty = Object.fromEntries(
      ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'MAIL_FROM', 'SMTP_URL', 'TRUST_PROXY', 'OIDC_ISSUER', 'LOG_LEVEL', 'STRIPE_SECRET_KEY'].map((n) => [n, '']),
    );
    const run = runMain({
      ...empty,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: 'https://panier.example.org',
      ALLOW_DEMO_PAYMENTS: 'true',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
    });
    try {
      await run.waitFor(/Panier Solidaire is ready/);
      const out = run.output();
      assert.match(out, /"level":40.*PRODUCTION WITH DEMO PAYMENTS/);
      assert.match(out, /"level":40.*PRODUCTION WITHOUT SMTP_URL/);
      assert.match(out, /ATTENTION : paiements de démonstration en production \(ALLOW_DEMO_PAYMENTS=true\)/);
      assert.match(out, /ATTENTION : SMTP_URL n’est pas défini/);
      assert.doesNotMatch(out, /Comptes de démonstration/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026' }),
      });
      assert.equal(login.status, 401);
      assert.equal(await stop(run), 0);
    } finally {
      await stop(run);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('when the embedded data folder is in use by another server, then the second start says so clearly, without a stack', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ps-lock-'));
    const first = await startServerProcess({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    try {
      const second = runMain({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
      assert.equal(await second.exited, 1);
      assert.match(second.output(), /Le dossier de données .* est déjà utilisé par un autre serveur Panier Solidaire/);
      assert.doesNotMatch(second.output(), STACK);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('when the server says it is ready, then the postcode lookup loads in the background and a lookup at once still answers', async () => {
    const database = await createTestDatabase();
    const run = await startServerProcess({ DATABASE_URL: database.url });
    try {
      // Right after "ready", before (or while) the communes load: the lookup waits for that load.
      const res = await fetch(`${run.url}/api/centres?postcode=75018`);
      assert.equal(res.status, 200);
      const centres = (await res.json()) as Array<{ name: string; distanceKm: number }>;
      assert.match(centres[0]!.name, /Paris 18e/);
      await waitUntil('the postcode lookup says it is ready', async () => /postcode lookup ready/.test(run.output()));
      const out = run.output();
      assert.ok(out.indexOf('Panier Solidaire is ready') < out.indexOf('postcode lookup ready'), 'loaded after readiness, not before');
      assert.match(out, /"postcodes":\d{4,}.*postcode lookup ready/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      await database.drop();
    }
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import argon2 from 'argon2';
import pg from 'pg';
import sharp from 'sharp';
import { ApiClient, DEMO } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface CommandResult {
  code: number | null;
  stdout: string;
  output: string;
}

/**
 * `npm run <script> -- args` as an operator types it, with only the variables given
 * (no NODE_ENV=test, no PUBLIC_URL, no Stripe keys leaking in from the test runner).
 */
function npmRun(script: string, args: string[], env: Record<string, string>, stdin?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '-s', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (c) => {
      stdout += c;
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, output }));
  });
}

const STACK_LINE = /^\s+at /m;

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  assert.equal((await server.exited).code, 0);
}

/** What must survive a backup or a migration: a customer, their order, an uploaded image, the order sequence. */
interface ShopData {
  customer: { email: string; password: string };
  orderNumber: string;
  imageUrl: string;
  image: Buffer;
}

async function placeOrder(client: ApiClient): Promise<string> {
  const centreId = (await client.get('/api/centres')).body[0]!.id;
  const product = (await client.get('/api/products?pageSize=100')).body.items.find((p: { stock: number }) => p.stock > 5);
  const res = await client.post('/api/orders', { centreId, items: [{ productId: product!.id, quantity: 1 }] });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.order.number;
}

async function writeShopData(url: string): Promise<ShopData> {
  const client = new ApiClient(url);
  const customer = await client.register('Cliente Sauvegarde', `sauvegarde-${Date.now()}@example.fr`, 'motdepasse-sauvegarde');
  const orderNumber = await placeOrder(client);
  const admin = new ApiClient(url);
  assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
  const productId = (await admin.get('/api/products?pageSize=1')).body.items[0]!.id;
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 90 } } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
  const up = await fetch(`${url}/api/admin/products/${productId}/image`, { method: 'POST', body: form, headers: { cookie: admin.cookieHeader } });
  assert.equal(up.status, 200);
  const imageUrl = ((await up.json()) as { imageUrl: string }).imageUrl;
  const image = Buffer.from(await (await fetch(url + imageUrl)).arrayBuffer());
  return { customer, orderNumber, imageUrl, image };
}

/** Through a real server on the restored or migrated database: sign in, list orders, image, next order number. */
async function assertShopData(url: string, data: ShopData): Promise<void> {
  const client = new ApiClient(url);
  assert.equal((await client.login(data.customer.email, data.customer.password)).status, 200);
  const orders = (await client.get('/api/orders')).body.items.map((o: { number: string }) => o.number);
  assert.deepEqual(orders, [data.orderNumber]);
  const served = await fetch(url + data.imageUrl);
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), data.image);
  const next = await placeOrder(client);
  const seq = (n: string) => Number(n.replace(/\D/g, ''));
  assert.ok(seq(next) > seq(data.orderNumber), `order numbers continue: ${next} after ${data.orderNumber}`);
}

describe('operator commands', () => {
  const cleanups: Array<() => Promise<void>> = [];
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  const database = async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    return db.url;
  };
  after(async () => {
    for (const clean of cleanups.reverse()) await clean().catch(() => undefined);
  });

  test('when NODE_ENV=production and only DATABASE_URL is set, then npm run migrate applies the migrations', async () => {
    const url = await database();
    const res = await npmRun('migrate', [], { NODE_ENV: 'production', DATABASE_URL: url });
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /migration\(s\) appliquée\(s\)/);
    const again = await npmRun('migrate', [], { NODE_ENV: 'production', DATABASE_URL: url });
    assert.match(again.stdout, /aucune migration en attente/);
  });

  test('when create-admin gets the password piped on stdin, then the admin exists with it and the password is never printed', async () => {
    const url = await database();
    const password = 'Tr3s-secret-piped';
    const res = await npmRun('create-admin', ['anne@asso.example.fr', 'Anne Admin'], { NODE_ENV: 'production', DATABASE_URL: url }, `${password}\n`);
    assert.equal(res.code, 0, res.output);
    assert.match(res.stdout, /Compte administrateur prêt : anne@asso\.example\.fr/);
    assert.ok(!res.output.includes(password));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT role, password_hash FROM users WHERE email = $1', ['anne@asso.example.fr']);
    await client.end();
    assert.equal(rows[0].role, 'admin');
    assert.ok(await argon2.verify(rows[0].password_hash, password));
  });

  test('when the password is typed on a terminal, then it is not echoed and must be typed twice alike', async () => {
    const url = await database();
    const password = 'Tape-au-clavier-42';
    // `script` gives the command a real terminal (pty); we type only once each prompt is shown,
    // as a person does: what the terminal echoes back would be in the output.
    const run = (second: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn('script', ['-qec', 'npm run -s create-admin -- paul@asso.example.fr "Paul Admin"', '/dev/null'], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', DATABASE_URL: url, TERM: 'dumb' },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let output = '';
        let step = 0;
        const onOutput = (c: Buffer) => {
          output += c;
          if (step === 0 && output.includes('Mot de passe')) {
            step = 1;
            child.stdin.write(`${password}\r`);
          }
          if (step === 1 && output.includes('Retapez')) {
            step = 2;
            child.stdin.write(`${second}\r`);
          }
        };
        child.stdout.on('data', onOutput);
        child.stderr.on('data', onOutput);
        child.on('exit', (code) => resolve({ code, output }));
      });
    const mismatch = await run('autre-chose-tapee');
    assert.notEqual(mismatch.code, 0);
    assert.match(mismatch.output, /diffèrent/);
    const ok = await run(password);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /Compte administrateur prêt/);
    assert.ok(!ok.output.includes(password) && !mismatch.output.includes(password), 'the password never appears on the terminal');
  });

  test('when PostgreSQL is backed up while the server runs, then a restore into an empty database serves the same shop; a non-empty one is refused', async () => {
    const sourceUrl = await database();
    const server = await startServerProcess({ DATABASE_URL: sourceUrl, DATA_DIR: await tempDir('ps-ops-pg-') });
    const data = await writeShopData(server.url);
    const dir = await tempDir('ps-ops-bk-');
    const backup = await npmRun('backup', ['--out', path.join(dir, 'shop.dump')], { NODE_ENV: 'production', DATABASE_URL: sourceUrl });
    assert.equal(backup.code, 0, backup.output);
    assert.equal(backup.stdout.trim(), path.join(dir, 'shop.dump'));
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
    await stop(server);

    const refused = await npmRun('restore', [path.join(dir, 'shop.dump')], { DATABASE_URL: sourceUrl });
    assert.equal(refused.code, 1);
    assert.match(refused.output, /Restauration refusée : la base .* n'est pas vide/);
    assert.doesNotMatch(refused.output, STACK_LINE);

    const targetUrl = await database();
    const restore = await npmRun('restore', [path.join(dir, 'shop.dump')], { NODE_ENV: 'production', DATABASE_URL: targetUrl });
    assert.equal(restore.code, 0, restore.output);
    const restored = await startServerProcess({ DATABASE_URL: targetUrl, DATA_DIR: await tempDir('ps-ops-pg2-') });
    try {
      await assertShopData(restored.url, data);
    } finally {
      await stop(restored);
    }
  });

  describe('an embedded install', () => {
    let dataDir: string;
    let server: ServerProcess;
    let data: ShopData;
    let backupFile: string;
    before(async () => {
      dataDir = await tempDir('ps-ops-emb-');
      server = await startServerProcess({ DATA_DIR: dataDir });
      cleanups.push(async () => void server.child.kill('SIGKILL'));
      data = await writeShopData(server.url);
      backupFile = path.join(await tempDir('ps-ops-bk-'), 'copie.tar.gz');
    });

    test('when the server runs, then migrate and create-admin say the data folder is locked, without a stack trace', async () => {
      const migrate = await npmRun('migrate', [], { NODE_ENV: 'production', DATA_DIR: dataDir });
      assert.equal(migrate.code, 1);
      assert.match(migrate.output, /est déjà utilisé par un autre serveur Panier Solidaire/);
      assert.doesNotMatch(migrate.output, STACK_LINE);
      const admin = await npmRun('create-admin', ['x@asso.example.fr'], { NODE_ENV: 'production', DATA_DIR: dataDir, ADMIN_PASSWORD: 'motdepasse-long' });
      assert.equal(admin.code, 1);
      assert.match(admin.output, /est déjà utilisé par un autre serveur Panier Solidaire/);
      assert.doesNotMatch(admin.output, STACK_LINE);
    });

    test('when it is backed up while the server runs, then a restore into a new DATA_DIR serves the same shop; a folder with data is refused', async () => {
      const backup = await npmRun('backup', ['--out', backupFile], { NODE_ENV: 'production', DATA_DIR: dataDir });
      assert.equal(backup.code, 0, backup.output);
      assert.equal(backup.stdout.trim(), backupFile);
      assert.equal((await stat(backupFile)).mode & 0o777, 0o600);
      // The shop kept running through the backup.
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);

      const refused = await npmRun('restore', [backupFile], { DATA_DIR: dataDir });
      assert.equal(refused.code, 1);
      assert.match(refused.output, /Restauration refusée : le dossier de données/);

      const target = path.join(await tempDir('ps-ops-rest-'), 'nouveau');
      const restore = await npmRun('restore', [backupFile], { NODE_ENV: 'production', DATA_DIR: target });
      assert.equal(restore.code, 0, restore.output);
      const restored = await startServerProcess({ DATA_DIR: target });
      try {
        await assertShopData(restored.url, data);
      } finally {
        await stop(restored);
      }
    });

    test('when it is moved to PostgreSQL, then every table count matches and a server on PostgreSQL serves the same shop', async () => {
      await stop(server);
      const url = await database();
      const moved = await npmRun('migrate-to-postgres', [], { NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: url });
      assert.equal(moved.code, 0, moved.output);
      assert.match(moved.stdout, /^\s+orders\s+\d+\s+\d+\s+ok$/m);
      assert.match(moved.stdout, /^\s+product_images\s+1\s+1\s+ok$/m);
      assert.doesNotMatch(moved.stdout, /DIFFÉRENT/);
      const again = await npmRun('migrate-to-postgres', [], { DATA_DIR: dataDir, DATABASE_URL: url });
      assert.equal(again.code, 1);
      assert.match(again.output, /Migration refusée : la base .* n'est pas vide/);

      const onPostgres = await startServerProcess({ DATABASE_URL: url, DATA_DIR: await tempDir('ps-ops-mv-') });
      try {
        await assertShopData(onPostgres.url, data);
      } finally {
        await stop(onPostgres);
      }
    });
  });
});

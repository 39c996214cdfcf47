/**
 * Issue 14, "Done when": a production install on an EMPTY PostgreSQL database, started
 * with only the required variables, can be set up and sell through the HTTP API alone.
 *
 * The server runs as its own process (`node src/server/main.ts`, what `npm start` runs),
 * with NODE_ENV=production and an environment holding only:
 *   DATABASE_URL, PUBLIC_URL, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET (required in production),
 *   ADMIN_EMAIL / ADMIN_PASSWORD (optional, but the only way to a first admin without the
 *   `create-admin` command), STRIPE_API_URL (points the Stripe SDK at the local server of
 *   test/helpers/fake-stripe.ts), PORT/HOST, and DATA_DIR (a temporary folder, so the
 *   mail outbox of a production start without SMTP does not land in the working copy).
 * PUBLIC_URL is http on a port reserved beforehand, as a plain-http install would be
 * (with https the session cookie is Secure, which this http client would still send).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { FakeStripe } from '../helpers/fake-stripe.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET_KEY = 'sk_test_production_install';
const WEBHOOK_SECRET = 'whsec_production_install';
const ADMIN = { email: 'tresorier@restos-57.example', password: 'phrase-de-passe-du-tresorier' };

/** A free port now (the server takes it a moment later): PUBLIC_URL must name it before the start. */
async function reservePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let database: { url: string; drop: () => Promise<void> };
let fake: FakeStripe;
let dataDir: string;
let child: ChildProcess | undefined;
let exited: Promise<number | null> | undefined;
let output = '';
let base = '';

before(async () => {
  database = await createTestDatabase();
  fake = await FakeStripe.start({ secretKey: SECRET_KEY });
  dataDir = await mkdtemp(path.join(tmpdir(), 'ps-prod-'));
  const port = await reservePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    PUBLIC_URL: `http://localhost:${port}`,
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: fake.url,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    // Not a speed check: a start that never comes fails with the server's output instead of hanging.
    const giveUp = setTimeout(() => reject(new Error(`server not ready after 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Panier Solidaire is ready')) {
        clearTimeout(giveUp);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    void exited!.then((code) => {
      clearTimeout(giveUp);
      reject(new Error(`server exited (${code}) before ready:\n${output}`));
    });
  });
});

after(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

test('when a production server starts on an empty database, then an admin sets it up through the API and a customer buys and pays with Stripe', async () => {
  // An empty install: nothing to sell yet, no demo data, no demo account.
  const visitor = new ApiClient(base);
  assert.deepEqual((await visitor.get('/api/categories')).body, []);
  assert.equal((await visitor.get('/api/products')).body.total, 0);
  assert.equal((await visitor.post('/api/auth/login', { email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026' })).status, 401);

  // The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD; the checklist says what is missing.
  const admin = new ApiClient(base);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  assert.deepEqual((await admin.get('/api/admin/setup')).body, { categories: 0, centres: 0, centresWithoutHours: 0, productsOnSale: 0, staff: 0, done: false });

  // A category, a centre, a product with stock.
  const category = await admin.post('/api/admin/categories', { slug: 'epicerie', name: 'Épicerie', nameEn: 'Groceries' });
  assert.equal(category.status, 201, JSON.stringify(category.body));
  const centre = await admin.post('/api/admin/centres', {
    name: 'Restos du Cœur — Metz Centre',
    address: '3 rue des Jardins',
    postcode: '57000',
    city: 'Metz',
    lat: 49.1193,
    lng: 6.1757,
    // Its week: the slots customers choose from are cut from these hours.
    hours: [1, 2, 3, 4, 5, 6].map((day) => ({ day, opens: '09:00', closes: '12:00' })),
  });
  assert.equal(centre.status, 201, JSON.stringify(centre.body));
  const product = await admin.post('/api/admin/products', { name: 'Riz long grain', category: 'epicerie', unit: '1 kg', priceCents: 139, stock: 20 });
  assert.equal(product.status, 201, JSON.stringify(product.body));

  // A staff account: the volunteer signs up, the admin gives the role.
  const staff = new ApiClient(base);
  const volunteer = await staff.register('Camille Bénévole', 'camille@restos-57.example', 'camille-mot-de-passe');
  assert.equal((await admin.patch(`/api/admin/users/${volunteer.id}`, { role: 'staff' })).status, 200);
  assert.equal((await admin.get('/api/admin/setup')).body.done, true);

  // A customer finds the product, orders it and pays on Stripe Checkout.
  const buyer = new ApiClient(base);
  await buyer.register('Dominique Client', 'dominique@example.fr', 'dominique-mot-de-passe');
  assert.deepEqual((await buyer.get('/api/categories?lang=en')).body, [{ slug: 'epicerie', name: 'Groceries' }]);
  const found = (await buyer.get('/api/products?category=epicerie')).body.items;
  assert.deepEqual(
    found.map((p: { id: string; stock: number }) => [p.id, p.stock]),
    [[product.body.id, 20]],
  );
  const [slot] = (await buyer.get(`/api/centres/${centre.body.id}/slots`)).body;
  assert.ok(slot, 'the new centre offers pickup slots');
  const placed = await buyer.post('/api/orders', {
    centreId: centre.body.id,
    pickupSlotStart: slot.start,
    items: [{ productId: product.body.id, quantity: 3 }],
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const order = placed.body.order;
  assert.equal(order.status, 'pending_payment');
  const session = fake.sessionFor(order.id);
  assert.equal(placed.body.payment.url, session.url);
  assert.equal(session.amount_total, 3 * 139);

  // Stripe tells the server, with a real signed webhook.
  const paid = fake.pay(session.id);
  const payload = JSON.stringify(fake.event('checkout.session.completed', paid));
  const hook = await fetch(`${base}/api/payments/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': FakeStripe.signature(payload, WEBHOOK_SECRET) },
    body: payload,
  });
  assert.equal(hook.status, 200, await hook.text());

  assert.equal((await buyer.get(`/api/orders/${order.id}`)).body.status, 'paid');
  const queue = await staff.get('/api/staff/orders?status=paid');
  assert.equal(queue.status, 200, JSON.stringify(queue.body));
  const seen = queue.body.items.find((o: { id: string }) => o.id === order.id);
  assert.ok(seen, 'the staff account sees the paid order');
  assert.equal(seen.customer.email, 'dominique@example.fr');
  assert.equal((await staff.get('/api/staff/payments')).body.items[0]!.orderId, order.id);
  assert.equal((await visitor.get(`/api/products/${product.body.id}`)).body.stock, 17);
  assert.equal(child!.exitCode, null, 'the server is still running');
});

/**
 * Issue 19, point 5, in a real browser on a phone (390×844): the pickup mode lists the day's
 * orders, reads an order's QR code from the camera (Chromium's fake camera plays a video of
 * that QR code), goes offline, hands over two orders there (queued on the device; the page
 * opens again offline from the service worker with its list and queue), and when
 * the network returns sends them with the version each had: one goes through, the other had
 * been handed over meanwhile from another window — its conflict is shown, never overwritten.
 * The console is an installable app: manifest and service worker under /staff/, within the CSP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { assertAccessible, assertCleanPage, browserSuite } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { customer, productWithStock } from '../helpers/fixtures.ts';
import type { TestServer } from '../helpers/harness.ts';
import type { Centre, Order, PickupDay, PlacedOrder } from '../../src/contract/index.ts';

/**
 * A Y4M video (what Chromium's fake camera plays) showing `text` as a QR code, black on
 * white, in the middle of a 640×480 picture.
 */
function qrVideo(text: string): Buffer {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(360 / (size + 8));
  const side = (size + 8) * scale;
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) y[(y0 + (row + 4) * scale + dy) * width + x0 + (col + 4) * scale + dx] = 16;
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]);
}

interface Waiting {
  id: string;
  number: string;
  name: string;
  /** The customer's pickup code (what their QR code holds). */
  code: string;
}

let orders: Waiting[] = [];
let staff: ApiClient;
let admin: ApiClient;

/** Three orders of fresh customers, waiting at the last centre (moved there by staff through the real routes). */
async function prepare(server: TestServer): Promise<string[]> {
  staff = await signedIn(server.url, DEMO.staff);
  admin = await signedIn(server.url, DEMO.admin);
  const centre = (await new ApiClient(server.url).get<Centre[]>('/api/centres')).body.at(-1)!;
  const waitingStatus = (await staff.get<PickupDay>('/api/staff/pickups')).body.waitingStatus;
  const path = ['in_preparation', 'in_delivery', 'delivered'];
  for (let i = 0; i < 3; i++) {
    const c = await customer(server);
    const name: string = (await c.get('/api/auth/me')).body.user.name;
    const p = await productWithStock(server, 3);
    const placed = await c.post<PlacedOrder>('/api/orders', { centreId: centre.id, items: [{ productId: p.id, quantity: 2 }] });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const id = placed.body.order.id;
    assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
    for (const status of path.slice(0, path.indexOf(waitingStatus) + 1))
      assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200);
    const code: string = (await c.get<Order>(`/api/orders/${id}`)).body.pickupCode ?? '';
    assert.match(code, /^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    orders.push({ id, number: placed.body.order.number, name, code });
  }
  const file = join(mkdtempSync(join(tmpdir(), 'pickup-camera-')), 'qr.y4m');
  writeFileSync(file, qrVideo(orders[0]!.code));
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

const suite = browserSuite(undefined, {
  env: { LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '500' },
  browserArgs: async (server) => {
    orders = [];
    return prepare(server);
  },
});

test('when the pickup mode scans a QR code, hands over two orders offline and comes back online, then one is sent and the other shows its conflict', async () => {
  const [scanned, second, untouched] = orders as [Waiting, Waiting, Waiting];
  const w = await suite.openPage({ width: 390, height: 844 });
  const { page, context } = w;
  await context.grantPermissions(['camera'], { origin: suite.server.url });
  const signIn = await context.request.post(`${suite.server.url}/api/auth/login`, { data: DEMO.staff });
  assert.equal(signIn.status(), 200);
  await page.goto(`${suite.server.url}/staff/retraits`);
  await page.getByRole('heading', { level: 1, name: 'Retraits du jour' }).waitFor();
  const cardOf = (o: Waiting) => page.locator(`.pickups__order[data-order="${o.id}"]`);
  for (const o of orders) await cardOf(o).getByText(o.name).waitFor();
  await cardOf(scanned).getByText(`${scanned.number} · 1 ligne · 2 articles`).waitFor();

  // An installable app: its manifest and service worker, from our origin.
  const manifest = await context.request.get(`${suite.server.url}/staff/manifest.webmanifest`);
  assert.equal(manifest.status(), 200);
  assert.equal((await manifest.json()).start_url, '/staff/retraits');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${suite.server.url}/staff/`);
  await assertAccessible(page, 'the pickup mode on a phone');

  // The camera reads the first order's QR code: the order is found, its « Remis » gets the focus.
  await page.getByRole('button', { name: 'Scanner un code' }).click();
  await page.locator('.pickups__found').getByText(`Commande ${scanned.number} : ${scanned.name}, 1 ligne.`).waitFor();
  await page.locator(`.pickups__order.is-found[data-order="${scanned.id}"]`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Remis : ${scanned.name}, commande ${scanned.number}`);
  assert.ok(await page.locator('.pickups__camera').isHidden(), 'the camera stops once the order is found');
  await page.getByRole('button', { name: 'Scanner un code', pressed: false }).waitFor();

  // Offline: both hand-overs are kept on the device.
  await context.setOffline(true);
  await page.getByText(/^Hors ligne : liste enregistrée/).waitFor();
  await page.keyboard.press('Enter');
  await cardOf(second)
    .getByRole('button', { name: `Remis : ${second.name}, commande ${second.number}` })
    .click();
  await page.getByText('2 remises en attente d’envoi').waitFor();
  for (const o of [scanned, second]) await cardOf(o).getByText('Remise gardée sur cet appareil, en attente d’envoi').waitFor();
  // Still offline, the page opens again: the service worker serves it, the list and the queue are kept.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Retraits du jour' }).waitFor();
  await page.getByText(/^Hors ligne : liste enregistrée à \d{2}:\d{2}\./).waitFor();
  await page.getByText('2 remises en attente d’envoi').waitFor();
  for (const o of [scanned, second]) await cardOf(o).getByText('Remise gardée sur cet appareil, en attente d’envoi').waitFor();
  await cardOf(untouched).getByText(untouched.name).waitFor();

  // Meanwhile, another window hands the second order over.
  const list = (await admin.get<PickupDay>('/api/staff/pickups')).body;
  const seen = list.centres.flatMap((c) => c.slots.flatMap((s) => s.orders)).find((o) => o.id === second.id)!;
  const other = await admin.post<Order>(`/api/staff/orders/${second.id}/status`, { status: list.collectedStatus, expectedVersion: seen.version });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  const adminName: string = (await admin.get('/api/auth/me')).body.user.name;

  // Back online: the queue goes out; the first is handed over, the second is a conflict, shown.
  await context.setOffline(false);
  const conflict = page.getByRole('alert').filter({ hasText: 'Conflits : remises non enregistrées' });
  await conflict.getByText(new RegExp(`Commande ${second.number} \\(${second.name}\\) : déjà remise par ${adminName} à \\d{2}:\\d{2}\\.`)).waitFor();
  await cardOf(scanned)
    .getByText(/^Remise à \d{2}:\d{2} par Karim Benali$/)
    .waitFor();
  await page.getByText('remises en attente d’envoi').waitFor({ state: 'detached' });
  await cardOf(untouched)
    .getByRole('button', { name: `Remis : ${untouched.name}, commande ${untouched.number}` })
    .waitFor();
  assert.ok(await cardOf(untouched).getByRole('button').isEnabled(), 'the order nobody handed over still waits');

  // The server holds one hand-over each: the first by this phone, the second by the other window only.
  const historyOf = async (id: string) =>
    (await staff.get<Order & { history: Array<{ status: string; actorName: string; note: string | null }> }>(`/api/staff/orders/${id}`)).body;
  const first = await historyOf(scanned.id);
  assert.equal(first.status, list.collectedStatus);
  assert.deepEqual(
    first.history.filter((e) => e.status === list.collectedStatus).map((e) => e.actorName),
    ['Karim Benali'],
  );
  const secondNow = await historyOf(second.id);
  assert.deepEqual(
    secondNow.history.filter((e) => e.status === list.collectedStatus).map((e) => e.actorName),
    [adminName],
  );

  // The conflict stays until the person says they saw it.
  await conflict.getByRole('button', { name: 'Compris' }).click();
  await conflict.waitFor({ state: 'detached' });
  await assertAccessible(page, 'the pickup mode after the sync');
  assertCleanPage(w, 'the pickup mode');
  await context.close();
});

test('when a hand-over reaches the server but its answer is lost, then the queue sends it again under the same key and it counts as done, not as a conflict', async () => {
  const untouched = orders[2]!;
  const w = await suite.openPage({ width: 390, height: 844 });
  const { page, context } = w;
  assert.equal((await context.request.post(`${suite.server.url}/api/auth/login`, { data: DEMO.staff })).status(), 200);
  await page.goto(`${suite.server.url}/staff/retraits`);
  const card = page.locator(`.pickups__order[data-order="${untouched.id}"]`);
  const remis = card.getByRole('button', { name: `Remis : ${untouched.name}, commande ${untouched.number}` });
  await remis.waitFor();

  // The first send goes through to the server, which hands the order over; the phone never hears back.
  const sent: Array<{ status: number; key: string | undefined }> = [];
  let answerLost = () => {};
  const lost = new Promise<void>((resolve) => {
    answerLost = resolve;
  });
  const statusRoute = `**/api/staff/orders/${untouched.id}/status`;
  await context.route(statusRoute, async (route) => {
    const answer = await route.fetch();
    sent.push({ status: answer.status(), key: route.request().headers()['idempotency-key'] });
    if (sent.length > 1) return route.fulfill({ response: answer });
    await route.abort('connectionreset');
    answerLost();
  });
  await remis.click();
  await page.getByText('1 remise en attente d’envoi').waitFor();
  let guard: NodeJS.Timeout | undefined;
  await Promise.race([
    lost,
    new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new Error('the hand-over was never sent')), 30_000);
    }),
  ]);
  clearTimeout(guard);
  assert.equal(sent[0]?.status, 200, 'the server has the hand-over already');
  // Still queued on the phone: it could not know the server had it.
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('panier-solidaire.staff.pickups.queue') ?? '[]').length), 1);

  // The network comes back: the same hand-over goes out again, under the same key, and is done.
  // (Should the `online` event beat the end of the first send, the page's 15-second retry sends it.)
  await context.setOffline(true);
  await context.setOffline(false);
  await page.getByText(/remises? en attente d’envoi/).waitFor({ state: 'detached', timeout: 25_000 });
  await card.getByText(/^Remise à \d{2}:\d{2} par Karim Benali$/).waitFor();
  assert.ok(sent.length >= 2, 'sent again');
  assert.deepEqual(
    sent.slice(1).map((s) => s.status),
    sent.slice(1).map(() => 200),
    'each resend is answered as done',
  );
  assert.ok(sent[0]!.key && sent.every((s) => s.key === sent[0]!.key), 'every send carries the same Idempotency-Key');
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Conflits : remises non enregistrées' }).count(), 0, 'no conflict with oneself');
  const detail = (await staff.get<Order & { history: Array<{ status: string; actorName: string }> }>(`/api/staff/orders/${untouched.id}`)).body;
  assert.deepEqual(
    detail.history.filter((e) => e.status === 'collected').map((e) => e.actorName),
    ['Karim Benali'],
    'handed over once',
  );
  await context.unroute(statusRoute);
  assertCleanPage(w, 'the pickup mode after a lost answer');
  await context.close();
});

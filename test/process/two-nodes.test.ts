import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, DEMO } from '../helpers/client.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { connectSocket, Recorder } from '../helpers/sockets.ts';

describe('two server nodes on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let dataDir: string;
  before(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'ps-nodes-'));
    const env = { DATABASE_URL: database.url, DATA_DIR: dataDir };
    // Both start at once: migrations and the demo seed must still run exactly once.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    for (const s of started) {
      if (s.status !== 'fulfilled') continue;
      s.value.child.kill('SIGTERM');
      await s.value.exited;
    }
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    // Started together to prove migrations and seed are safe; now the real pair for the test.
    [nodeA, nodeB] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });
  after(async () => {
    nodeA?.child.kill('SIGTERM');
    nodeB?.child.kill('SIGTERM');
    await Promise.all([nodeA?.exited, nodeB?.exited]);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('when an order is placed through one node, then staff and shoppers on the other hear of it', async () => {
    const staff = new ApiClient(nodeB.url);
    assert.equal((await staff.login(DEMO.staff.email, DEMO.staff.password)).status, 200);
    const staffSocket = await connectSocket(nodeB.url, staff.cookieHeader);
    const shopperSocket = await connectSocket(nodeB.url);
    const staffEvents = new Recorder(staffSocket);
    const shopperEvents = new Recorder(shopperSocket);

    const buyer = new ApiClient(nodeA.url);
    await buyer.register();
    const products = (await buyer.get('/api/products?pageSize=100')).body;
    assert.equal(products.total, (await new ApiClient(nodeB.url).get('/api/products?pageSize=100')).body.total, 'seeded once');
    const p = products.items.find((i: { stock: number }) => i.stock > 2);
    const centreId = (await buyer.get('/api/centres')).body[0]!.id;
    const { body } = await buyer.post('/api/orders', { centreId, items: [{ productId: p!.id, quantity: 1 }] });

    const created = await staffEvents.waitFor('order:created', (o) => o.id === body.order.id);
    assert.equal(created.number, body.order.number);
    assert.deepEqual(await shopperEvents.waitFor('stock:changed', (e) => e.productId === p!.id), { productId: p!.id, stock: p!.stock - 1 });

    // And back: staff act on node B, the customer's socket on node A hears it.
    const buyerSocket = await connectSocket(nodeA.url, buyer.cookieHeader);
    const buyerEvents = new Recorder(buyerSocket);
    await buyer.post(`/api/payments/demo/${body.order.id}`, { outcome: 'succeeded' });
    await staffEvents.waitFor('payment:received', (pay) => pay.orderId === body.order.id);
    await staff.post(`/api/staff/orders/${body.order.id}/status`, { status: 'in_preparation' });
    await buyerEvents.waitFor('order:updated', (o) => o.id === body.order.id && o.status === 'in_preparation');
    for (const s of [staffSocket, shopperSocket, buyerSocket]) s.disconnect();
  });
});

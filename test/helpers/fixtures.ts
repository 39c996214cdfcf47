import pg from 'pg';
import { ApiClient, DEMO } from './client.ts';
import type { TestServer } from './harness.ts';
import type { Centre, CreateCentreBody, Order, PlacedOrder, Product, ProductPage } from '../../src/contract/index.ts';

/** A direct connection to a test server's own database, to arrange and to check invariants. */
export async function sql<T = any>(t: TestServer, text: string, params: unknown[] = []): Promise<T[]> {
  if (t.databaseUrl) {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
  return (await t.server.db.query<T>(text, params)).rows;
}

export async function firstCentreId(t: TestServer): Promise<string> {
  const res = await new ApiClient(t.url).get<Centre[]>('/api/centres');
  return res.body[0]!.id;
}

/**
 * Creates a centre through the admin API (POST /api/admin/centres): `fields` name it and give
 * what the test is about (hours, exceptions, slots); the address is a Paris one unless given.
 */
export function createCentre(admin: ApiClient, fields: Partial<CreateCentreBody> & { name: string }) {
  return admin.post('/api/admin/centres', { address: '1 rue du Test', postcode: '75011', city: 'Paris', lat: 48.8574, lng: 2.3795, ...fields });
}

/**
 * A centre open `hours` (weekly ranges) that takes 30-minute slots of five orders, created by
 * the admin; its id. A refused creation fails the set-up.
 */
export async function slotCentre(admin: ApiClient, name: string, hours: CreateCentreBody['hours']): Promise<string> {
  const created = await createCentre(admin, { name, hours, exceptions: [], slotCapacity: 5 });
  if (created.status !== 201) throw new Error(`the centre was not created: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** The product the shop's search finds for `q`: the one named exactly `q`, else the first found. */
export async function demoProduct(url: string, q: string): Promise<Product> {
  const { body } = await new ApiClient(url).get(`/api/products?q=${encodeURIComponent(q)}`);
  const found = body.items.find((p) => p.name === q) ?? body.items[0];
  if (!found) throw new Error(`the demo catalogue has no product for "${q}"`);
  return found;
}

/** A product on sale with at least `minStock` units. */
export async function productWithStock(t: TestServer, minStock = 5): Promise<Product> {
  const res = await new ApiClient(t.url).get<ProductPage>('/api/products?pageSize=100');
  const p = res.body.items.find((i) => i.stock >= minStock);
  if (!p) throw new Error('no product with enough stock');
  return p;
}

/** One signed-in demo admin per test server, for arranging through the admin API. */
const admins = new WeakMap<TestServer, Promise<ApiClient>>();
function adminOf(t: TestServer): Promise<ApiClient> {
  let admin = admins.get(t);
  if (!admin) {
    admin = (async () => {
      const c = new ApiClient(t.url);
      const res = await c.login(DEMO.admin.email, DEMO.admin.password);
      if (res.status !== 200) throw new Error(`the demo admin could not sign in: ${res.status}`);
      return c;
    })();
    admins.set(t, admin);
  }
  return admin;
}

/**
 * Sets a product's stock the way an operator does: an adjustment through the admin API
 * (POST /api/admin/products/:id/stock), so the movement, the audit entry and the live
 * stock event are the real ones.
 */
export async function setStock(t: TestServer, productId: string, stock: number): Promise<void> {
  const admin = await adminOf(t);
  const [row] = await sql<{ stock: number }>(t, 'SELECT stock FROM products WHERE id = $1', [productId]);
  const delta = stock - row!.stock;
  if (delta === 0) return;
  const res = await admin.post(`/api/admin/products/${productId}/stock`, { delta, reason: 'mise en place du test' });
  if (res.status !== 200) throw new Error(`stock adjustment refused: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Invariant 1: for every product, stock equals the sum of its movements, and never below zero. */
export async function stockMismatches(t: TestServer): Promise<unknown[]> {
  return sql(
    t,
    `SELECT p.id, p.stock, coalesce(sum(m.delta), 0)::int AS moved
       FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id
      GROUP BY p.id HAVING p.stock <> coalesce(sum(m.delta), 0) OR p.stock < 0`,
  );
}

export async function customer(t: TestServer): Promise<ApiClient> {
  const c = new ApiClient(t.url);
  await c.register();
  return c;
}

/**
 * Places an order of `quantity` units of one product in stock for `client`, at `centreId`,
 * and pays it with the demo provider; returns the order as paid and the product.
 */
export async function paidOrder(
  t: TestServer,
  client: ApiClient,
  centreId: string,
  line: { quantity?: number; donate?: boolean } = {},
): Promise<{ order: Order; product: Product }> {
  const quantity = line.quantity ?? 1;
  const product = await productWithStock(t, quantity + 1);
  const placed = await placeOrder(client, centreId, [{ productId: product.id, quantity, donate: line.donate ?? false }]);
  return { order: await payDemo(client, placed), product };
}

/** Places an order of these lines for `client` at `centreId` (201 or it throws); returns it unpaid. */
export async function placeOrder(client: ApiClient, centreId: string, items: Array<{ productId: string; quantity: number; donate: boolean }>): Promise<Order> {
  const placed = await client.post<PlacedOrder>('/api/orders', { centreId, items });
  if (placed.status !== 201) throw new Error(`order not placed: ${placed.status} ${JSON.stringify(placed.body)}`);
  return placed.body.order;
}

/** Pays an order with the demo provider, through the real settlement path (200 or it throws); returns it paid. */
export async function payDemo(client: ApiClient, order: { id: string }): Promise<Order> {
  const paid = await client.post<Order>(`/api/payments/demo/${order.id}`, { outcome: 'succeeded' });
  if (paid.status !== 200) throw new Error(`order not paid: ${paid.status} ${JSON.stringify(paid.body)}`);
  return paid.body;
}

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DRIVER } from './helpers/harness.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO } from './helpers/client.ts';
import { firstCentreId, sql } from './helpers/fixtures.ts';

/**
 * Issue 15, finding 5: a NUL byte in any string input reached PostgreSQL (which cannot
 * store it) and answered 500. Every string input refuses it with 400 validation_failed,
 * changing nothing; bidirectional controls are taken out of names.
 */

const centre = { name: 'Centre test', address: '1 rue du Test', postcode: '75001', city: 'Paris', openingHours: 'Lun 9h-12h', lat: 48.86, lng: 2.34 };

function assertNulRefused(res: { status: number; body: any }, what: string): void {
  assert.equal(res.status, 400, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.error.code, 'validation_failed', what);
}

for (const driver of [TEST_DRIVER]) {
  describe(`string input at the edge (${driver === 'pg' ? 'PostgreSQL' : 'PGlite'})`, () => {
    const t = serverForSuite({ driver });
    let admin: ApiClient;
    let staff: ApiClient;
    before(async () => {
      admin = new ApiClient(t.url);
      assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
      staff = new ApiClient(t.url);
      assert.equal((await staff.login(DEMO.staff.email, DEMO.staff.password)).status, 200);
    });

    test('when a query string, a route parameter or a search holds a NUL, then 400 validation_failed', async () => {
      const anyone = new ApiClient(t.url);
      const reads: Array<[ApiClient, string]> = [
        [anyone, '/api/products?q=a%00b'],
        [anyone, '/api/products?category=a%00b'],
        [anyone, '/api/products/a%00b'],
        [anyone, '/api/centres?q=%00'],
        [admin, '/api/admin/users?q=a%00b'],
        [admin, '/api/admin/orders?q=a%00b'],
        [admin, '/api/admin/products?q=a%00b'],
        [staff, '/api/staff/orders?q=a%00b'],
        [staff, '/api/staff/orders/%00'],
      ];
      for (const [client, path] of reads) assertNulRefused(await client.get(path), path);
      // The server is still well: the same reads without the NUL answer.
      assert.equal((await anyone.get('/api/products?q=ab')).status, 200);
    });

    test('when a JSON body holds a NUL (sign-up, login, centre, product, order), then 400 validation_failed and nothing is written', async () => {
      const email = `nul-${Date.now()}@example.fr`;
      const signUp = await new ApiClient(t.url).post('/api/auth/register', { name: 'Jean\u0000Nul', email, password: 'motdepasse-solide' });
      assertNulRefused(signUp, 'sign-up name');
      assert.equal((await sql(t, 'SELECT id FROM users WHERE email = $1', [email])).length, 0);
      assertNulRefused(await new ApiClient(t.url).post('/api/auth/login', { email: 'a\u0000@example.fr', password: 'x' }), 'login email');

      const centresBefore = await sql(t, 'SELECT count(*)::int AS n FROM centres');
      for (const field of ['name', 'address', 'city', 'openingHours'] as const) {
        assertNulRefused(await admin.post('/api/admin/centres', { ...centre, [field]: 'a\u0000b' }), `centre ${field}`);
      }
      assert.deepEqual(await sql(t, 'SELECT count(*)::int AS n FROM centres'), centresBefore);
      const centreId = await firstCentreId(t);
      assertNulRefused(await admin.patch(`/api/admin/centres/${centreId}`, { city: 'Pa\u0000ris' }), 'centre patch');
      assertNulRefused(await admin.post('/api/admin/products', { name: 'NulProduit\u0000', category: 'conserves', priceCents: 100 }), 'product name');
      // Keys count too, and nested values.
      assertNulRefused(await admin.post('/api/admin/products', { name: 'NulProduit', category: 'conserves', priceCents: 100, 'x\u0000': 1 }), 'key');
      const c = new ApiClient(t.url);
      await c.register();
      assertNulRefused(await c.post('/api/orders', { centreId, items: [{ productId: 'a\u0000', quantity: 1 }] }), 'order item');
      assert.equal((await sql(t, "SELECT count(*)::int AS n FROM products WHERE name LIKE 'NulProduit%'"))[0].n, 0);
    });

    test('when a name holds bidirectional override or isolate characters, then they are taken out (person, centre, product)', async () => {
      const controls = '\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f';
      const c = new ApiClient(t.url);
      const me = await c.register(`Alice${controls} \u202eecilA`);
      assert.equal(me.name, 'Alice ecilA');
      assert.equal(
        (await c.patch('/api/account', { name: '\u2067Bob\u2069 Martin' })).body.user?.name ?? (await c.get('/api/auth/me')).body.user.name,
        'Bob Martin',
      );
      const made = await admin.post('/api/admin/centres', { ...centre, name: `Centre\u202e du Nord${controls}` });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.body.name, 'Centre du Nord');
      const product = await admin.post('/api/admin/products', { name: `\u202eRiz${controls} rond`, category: 'conserves', priceCents: 100 });
      assert.equal(product.status, 201, JSON.stringify(product.body));
      assert.equal(product.body.name, 'Riz rond');
      // Other languages' letters stay: only the invisible controls go.
      assert.equal((await c.patch('/api/account', { name: 'مريم Zoé' })).status, 200);
      assert.equal((await c.get('/api/auth/me')).body.user.name, 'مريم Zoé');
    });
  });
}

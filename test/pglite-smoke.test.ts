import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO } from './helpers/client.ts';

// The same server on the embedded driver: migrations, seed, accounts and accent-free
// search must behave as they do on PostgreSQL.
describe('embedded PGlite driver (smoke)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ driver: 'pglite' });
  });
  after(() => t.close());

  test('when started without DATABASE_URL, then it runs on PGlite and is healthy', async () => {
    assert.equal(t.server.db.driver, 'pglite');
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
  });

  test('when a customer registers, logs out and logs in, then sessions work', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register('Smoke', 'smoke@example.fr', 'motdepasse-smoke');
    assert.equal((await c.post('/api/auth/logout')).status, 204);
    assert.equal((await c.get('/api/auth/me')).status, 401);
    assert.equal((await c.login('SMOKE@example.fr', 'motdepasse-smoke')).status, 200);
    assert.equal((await c.get('/api/auth/me')).body.user.id, u.id);
    const dup = await new ApiClient(t.url).post('/api/auth/register', { name: 'S', email: 'smoke@EXAMPLE.fr', password: 'motdepasse' });
    assert.equal(dup.status, 409);
    assert.equal((await new ApiClient(t.url).login(DEMO.admin.email, DEMO.admin.password)).body.user.role, 'admin');
  });

  test('when searching without accents or in capitals, then accented products are found', async () => {
    const c = new ApiClient(t.url);
    const all = await c.get('/api/products?pageSize=100');
    assert.ok(all.body.total >= 40);
    const accented = all.body.items.find((p: { name: string }) => /[éèê]/.test(p.name));
    const word = accented!.name.split(/\s+/).find((w: string) => /[éèê]/.test(w));
    const plain = word!.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const res = await c.get(`/api/products?q=${encodeURIComponent(plain)}`);
    assert.ok(res.body.items.some((p: { id: string }) => p.id === accented!.id));
    assert.equal((await c.get(`/api/products?q=${encodeURIComponent("' OR 1=1 --")}`)).body.total, 0);
  });

  test('when categories and centres are asked for, then the demo ones', async () => {
    const c = new ApiClient(t.url);
    assert.ok((await c.get('/api/categories')).body.length >= 6);
    assert.ok((await c.get('/api/centres')).body.length >= 8);
  });
});

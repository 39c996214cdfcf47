import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO } from './helpers/client.ts';

/**
 * SESSION_CACHE_MS (issue 21): a node reuses a session it looked up, so a burst of requests
 * costs one lookup — but what this node does to an account (sign-out, a role or a language
 * changed, an account disabled) is seen by the very next request. Here the cache lasts far
 * longer than the test, so nothing depends on timing.
 */
describe('the session cache', () => {
  const t = serverForSuite({ env: { SESSION_CACHE_MS: '10000', SWEEP_INTERVAL_SECONDS: '3600' } });
  /** Other periodic work of the node (the mail queue's look, every 15 s) may fall in the window. */
  const SLACK = 3;

  async function signedIn(email: string, password: string): Promise<ApiClient> {
    const c = new ApiClient(t.url);
    assert.equal((await c.login(email, password)).status, 200);
    assert.equal((await c.get('/api/auth/me')).status, 200);
    return c;
  }

  test('when one session sends a burst of requests, then its session is read once', async () => {
    const c = await signedIn(DEMO.customer.email, DEMO.customer.password);
    const before = t.server.db.roundTrips();
    for (let i = 0; i < 20; i++) assert.equal((await c.get('/api/auth/me')).status, 200);
    const spent = t.server.db.roundTrips() - before;
    assert.ok(spent <= SLACK, `${spent} round trips for 20 requests`);
  });

  test('when the person signs out, then the old cookie opens nothing at once', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    assert.equal((await c.get('/api/auth/me')).status, 200);
    const cookie = c.cookieHeader;
    assert.equal((await c.post('/api/auth/logout')).status, 204);
    assert.equal((await new ApiClient(t.url).get('/api/auth/me', { cookie })).status, 401);
  });

  test('when the person changes their language, then the next request sees it', async () => {
    const c = new ApiClient(t.url);
    await c.register();
    assert.equal((await c.get('/api/auth/me')).body.user.locale, 'fr');
    assert.equal((await c.patch('/api/account', { locale: 'en' })).status, 200);
    assert.equal((await c.get('/api/auth/me')).body.user.locale, 'en');
  });

  test('when someone else signs in or changes their own account, then the sessions kept for others stay kept', async () => {
    const c = await signedIn(DEMO.customer.email, DEMO.customer.password);
    const other = new ApiClient(t.url);
    await other.register();
    let spent = 0;
    for (let i = 0; i < 6; i++) {
      // Another account writes to itself (a sign-in's rotation, a name), then this one reads.
      assert.equal((await other.patch('/api/account', { name: `Quelqu’un d’autre ${i}` })).status, 200);
      const before = t.server.db.roundTrips();
      assert.equal((await c.get('/api/auth/me')).status, 200);
      spent += t.server.db.roundTrips() - before;
    }
    assert.ok(spent <= SLACK, `${spent} round trips: another account's writes dropped this session from the cache`);
  });

  test('when an admin disables an account or changes its role, then its next request follows at once', async () => {
    const admin = await signedIn(DEMO.admin.email, DEMO.admin.password);
    const c = new ApiClient(t.url);
    const registered = await c.register();
    const id = registered.id;
    assert.equal((await c.get('/api/staff/orders')).status, 403);
    assert.equal((await admin.patch(`/api/admin/users/${id}`, { role: 'staff' })).status, 200);
    assert.equal((await c.get('/api/staff/orders')).status, 200);
    assert.equal((await admin.patch(`/api/admin/users/${id}`, { disabled: true })).status, 200);
    assert.equal((await c.get('/api/auth/me')).status, 401);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from './helpers/harness.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError } from './helpers/client.ts';

/** The raw Set-Cookie line of the session cookie in an answer. */
const sessionCookieLine = (headers: Headers) => headers.getSetCookie().find((l) => l.startsWith('ps_session=')) ?? '';
const isSecure = (line: string) => line.split(';').some((a) => a.trim().toLowerCase() === 'secure');

/** A sign-in attempt as it reaches the node through one proxy hop, for a client at `address`. */
const viaProxy = (t: TestServer, address: string, body: { email: string; password: string }, proto = 'http') =>
  new ApiClient(t.url).post('/api/auth/login', body, { 'x-forwarded-for': address, 'x-forwarded-proto': proto });

describe('behind one proxy (TRUST_PROXY=1)', () => {
  const t = serverForSuite({ env: { TRUST_PROXY: '1' } });

  test('when the proxy says the client came over https, then the session cookie is Secure', async () => {
    const https = await viaProxy(t, '203.0.113.7', DEMO.customer, 'https');
    assert.equal(https.status, 200);
    assert.ok(isSecure(sessionCookieLine(https.headers)), sessionCookieLine(https.headers));
    const http = await viaProxy(t, '203.0.113.7', DEMO.customer, 'http');
    assert.equal(http.status, 200);
    assert.ok(!isSecure(sessionCookieLine(http.headers)), 'plain http on a local http site: no Secure (the browser would drop it)');
  });

  test('when 30 logins fail from 30 different client addresses, then a login from another address still works', async () => {
    const person = await new ApiClient(t.url).register();
    for (let i = 1; i <= 30; i++) {
      const failed = await viaProxy(t, `198.51.100.${i}`, { email: `nobody-${i}@example.fr`, password: 'pas-le-bon-mot' });
      assert.equal(failed.status, 401);
    }
    const ok = await viaProxy(t, '198.51.100.200', { email: person.email, password: person.password });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  test('when one client address fails repeatedly, then that address is throttled and another still signs in', async () => {
    const person = await new ApiClient(t.url).register();
    for (let i = 1; i <= 30; i++) {
      await viaProxy(t, '192.0.2.66', { email: `guess-${i}@example.fr`, password: 'pas-le-bon-mot' });
    }
    const blocked = await viaProxy(t, '192.0.2.66', { email: person.email, password: person.password });
    assert.equal(blocked.status, 429);
    assert.equal(asError(blocked).error.code, 'rate_limited');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    const other = await viaProxy(t, '192.0.2.67', { email: person.email, password: person.password });
    assert.equal(other.status, 200, JSON.stringify(other.body));
  });
});

describe('a site whose PUBLIC_URL is https', () => {
  // SEED_DEMO=true as the harness asks: the catalogue may come, the demo accounts never.
  const t = serverForSuite({ env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://panier.example.org' } });

  test('when someone signs in without any forwarded protocol, then the session cookie is still Secure', async () => {
    const c = new ApiClient(t.url);
    const reg = await c.request('POST', '/api/auth/register', { name: 'Léa', email: 'lea@example.fr', password: 'motdepasse-solide' });
    assert.equal(reg.status, 201);
    assert.ok(isSecure(sessionCookieLine(reg.headers)), sessionCookieLine(reg.headers));
    const login = await new ApiClient(t.url).login('lea@example.fr', 'motdepasse-solide');
    assert.equal(login.status, 200);
    assert.ok(isSecure(sessionCookieLine(login.headers)));
    const logout = await c.post('/api/auth/logout');
    assert.equal(logout.status, 204);
    assert.ok(isSecure(sessionCookieLine(logout.headers)));
  });

  test('when the demo accounts are tried, then none exists', async () => {
    for (const account of [DEMO.admin, DEMO.staff, DEMO.customer]) {
      const res = await new ApiClient(t.url).login(account.email, account.password);
      assert.equal(res.status, 401, account.email);
    }
    const products = await new ApiClient(t.url).get('/api/products');
    assert.ok(products.body.items.length > 0, 'the demo catalogue was asked for (SEED_DEMO=true) and is there');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite } from './helpers/suite.ts';

describe('HTTP edges: errors, limits and headers', () => {
  const t = serverForSuite({ env: { SEED_DEMO: 'false' } });

  test('when the database answers, then /healthz is ok', async () => {
    const res = await fetch(`${t.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  test('when JSON is malformed, then 400 invalid_json in the contract shape', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": ' });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error.code, 'invalid_json');
    assert.equal(typeof body.error.message, 'string');
  });

  test('when the body is too large, then 413 and a JSON error', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(200_000), email: 'big@example.fr', password: 'motdepasse' });
    const res = await fetch(`${t.url}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'payload_too_large');
  });

  test('when an /api route does not exist, then 404 JSON', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/products'],
      ['DELETE', '/api/auth/me'],
    ] as const) {
      const res = await fetch(t.url + path, { method });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal((await res.json()).error.code, 'not_found');
    }
  });

  test('when anything answers, then strict security headers and no x-powered-by', async () => {
    for (const path of ['/', '/api/products', '/api/nope', '/products/abc']) {
      const res = await fetch(t.url + path);
      assert.equal(res.headers.get('x-powered-by'), null, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(res.headers.get('x-request-id'));
    }
  });

  test('when the shop pages are asked for, then HTML with no inline script', async () => {
    for (const path of ['/', '/products/123', '/login', '/admin', '/staff']) {
      const res = await fetch(t.url + path);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.match(html, /<script type="module"[^>]* src="\/assets\//);
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${path} has an inline script`);
    }
  });

  test('when bodies have the wrong types, then 400, never 500', async () => {
    const bodies = ['null', '"text"', '42', '{"email": {"$ne": 1}, "password": []}', '{"email": "a@b.fr", "password": 12345678}'];
    for (const body of bodies) {
      const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(res.status, 400, body);
      const json = await res.json();
      assert.ok(!JSON.stringify(json).includes('at '), 'no stack trace');
    }
  });
});

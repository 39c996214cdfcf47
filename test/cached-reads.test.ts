import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { DEMO, signedIn } from './helpers/client.ts';

/**
 * Catalogue pages already made are answered before the middleware chain (the cached
 * lane). These tests hold that lane to the full path: same bytes, same headers, 304 on
 * a matching ETag, and never a page older than the last catalogue or stock change.
 */
describe('cached catalogue lane', () => {
  let t: TestServer;
  const laneHits: string[] = [];
  before(async () => {
    // Debug records of the lane go to this stream: how the tests know which path answered.
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const record = JSON.parse(line) as { msg?: string; req?: { url: string } };
          if (record.msg === 'cached read') laneHits.push(record.req!.url);
        }
        done();
      },
    });
    t = await startTestServer({ logger: pino({ level: 'debug' }, sink) });
  });
  after(() => t.close());

  const unstable = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);
  const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([k]) => !unstable.has(k)));

  test('when a page is asked for again, then the lane answers it with the same bytes and headers as the full path', async () => {
    const url = '/api/products?pageSize=5&page=2';
    const first = await fetch(t.url + url);
    const firstBody = await first.text();
    assert.deepEqual(laneHits, [], 'the first answer is made by the full path');
    const second = await fetch(t.url + url);
    const secondBody = await second.text();
    assert.deepEqual(laneHits, [url], 'the second comes from the lane');
    assert.equal(second.status, 200);
    assert.equal(secondBody, firstBody);
    assert.deepEqual(headersOf(second), headersOf(first));
    assert.match(second.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(second.headers.get('cache-control'), 'no-store');
    assert.match(second.headers.get('x-request-id') ?? '', /^[\w-]+$/);
    assert.notEqual(second.headers.get('x-request-id'), first.headers.get('x-request-id'));

    const notModified = await fetch(t.url + url, { headers: { 'if-none-match': second.headers.get('etag')! } });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), '');
  });

  test('when a URL was never validated, then the full path answers (a bad query is still a 400)', async () => {
    laneHits.length = 0;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${t.url}/api/products?pageSize=5000`);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'validation_failed');
    }
    const post = await fetch(`${t.url}/api/products?pageSize=5&page=2`, { method: 'POST' });
    assert.equal(post.status, 404);
    assert.deepEqual(laneHits, []);
  });

  test('when stock changes, then the very next page shows it, not the cached one', async () => {
    const url = '/api/products?pageSize=3';
    const before = (await (await fetch(t.url + url)).json()) as { items: Array<{ id: string; stock: number }> };
    await fetch(t.url + url); // now cached
    const admin = await signedIn(t.url, DEMO.admin);
    const product = before.items[0]!;
    const moved = await admin.post(`/api/admin/products/${product.id}/stock`, { delta: 7, reason: 'cached lane test' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    laneHits.length = 0;
    const afterChange = (await (await fetch(t.url + url)).json()) as { items: Array<{ id: string; stock: number }> };
    assert.equal(afterChange.items.find((p) => p.id === product.id)!.stock, product.stock + 7);
    assert.deepEqual(laneHits, [], 'the change cleared the cache: the full path made the new page');
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from './helpers/client.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { capturingLogger } from './helpers/logs.ts';

type Line = { msg: string; req?: { url: string; ip?: string }; res?: { statusCode: number }; userId?: string };

describe('request log', () => {
  let t: TestServer;
  const log = capturingLogger('info');
  const linesFor = (url: string) => (log.lines as Line[]).filter((l) => l.req?.url === url && l.res);
  // Written when the answer is finished, which may be just after the client has read it.
  const lineFor = async (url: string): Promise<Line> => {
    for (let i = 0; i < 200 && linesFor(url).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [line] = linesFor(url);
    assert.ok(line, `no log line for ${url}`);
    return line;
  };

  before(async () => {
    // Behind a reverse proxy on the same machine: the address is the one it forwards.
    t = await startTestServer({ driver: 'pglite', logger: log.logger, env: { TRUST_PROXY: 'loopback' } });
  });
  after(() => t?.close());

  test('when a signed-in customer calls the API, then its log line carries the user id and the client address', async () => {
    const customer = new ApiClient(t.url);
    const me = await customer.register();
    await customer.get('/api/orders?marker=signed-in', { 'x-forwarded-for': '203.0.113.7' });
    const line = await lineFor('/api/orders?marker=signed-in');
    assert.equal(line.userId, me.id);
    assert.equal(line.req!.ip, '203.0.113.7');
    assert.equal(line.res!.statusCode, 200);

    await new ApiClient(t.url).get('/api/centres?marker=anonymous');
    const anonymous = await lineFor('/api/centres?marker=anonymous');
    assert.equal(anonymous.userId, undefined);
    assert.equal(anonymous.req!.ip, '127.0.0.1');
  });

  test('when pages, probes and static files are requested, then pages are logged and probes and static files are not', async () => {
    for (const url of ['/healthz', '/readyz', '/favicon.ico', '/assets/missing.js', '/staff', '/admin/products', '/proofs/not-a-token', '/']) {
      await fetch(t.url + url).then((r) => r.arrayBuffer());
    }
    for (const page of ['/staff', '/admin/products', '/proofs/not-a-token', '/']) await lineFor(page);
    for (const quiet of ['/healthz', '/readyz', '/favicon.ico', '/assets/missing.js']) assert.deepEqual(linesFor(quiet), [], quiet);
  });
});

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO } from '../helpers/client.ts';
import { waitUntil } from '../helpers/wait.ts';
import { startServerProcess } from '../helpers/process.ts';

/**
 * A POST whose body is sent in two parts. `Expect: 100-continue` makes the server say when it
 * has read the headers, so the request is known to be in flight before the test moves on.
 */
async function slowPost(url: string, urlPath: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  const { hostname, port } = new URL(url);
  const req: ClientRequest = request({
    host: hostname,
    port,
    path: urlPath,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': bytes.length, expect: '100-continue' },
  });
  const answer = new Promise<{ status: number; headers: IncomingMessage['headers']; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  await new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const half = Math.floor(bytes.length / 2);
  req.write(bytes.subarray(0, half));
  return { answer, finish: () => req.end(bytes.subarray(half)) };
}

/** GET over a connection of its own; resolves with the status and headers. */
function get(url: string, urlPath: string): Promise<{ status: number; headers: IncomingMessage['headers'] }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const refusesConnections = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

describe('graceful shutdown behind a load balancer', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'ps-drain-'));
    dirs.push(d);
    return d;
  };

  test('when the server gets SIGTERM, then /readyz turns 503 while it still serves, a request in flight gets its full answer, and it exits 0', async () => {
    const server = await startServerProcess({ DATA_DIR: await dataDir(), SHUTDOWN_DRAIN_SECONDS: '2' });
    assert.equal((await get(server.url, '/readyz')).status, 200);
    const login = await slowPost(server.url, '/api/auth/login', { email: DEMO.staff.email, password: DEMO.staff.password });

    server.child.kill('SIGTERM');
    await waitUntil('/readyz answers 503', async () => (await get(server.url, '/readyz')).status === 503, 30_000);
    // Draining: the balancer has not noticed yet, so requests still come, and are answered —
    // on connections that close after their answer.
    const during = await get(server.url, '/api/centres');
    assert.equal(during.status, 200);
    assert.equal(during.headers.connection, 'close');
    assert.equal((await get(server.url, '/healthz')).status, 200);

    // The drain is over once the listener is closed; the request in flight still completes.
    await waitUntil('the listener is closed', () => refusesConnections(server.url), 30_000);
    login.finish();
    const answer = await login.answer;
    assert.equal(answer.status, 200, answer.text);
    assert.equal(JSON.parse(answer.text).user.email, DEMO.staff.email);

    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.match(server.output(), /"msg":"stopped"/);
  });

  test('when a client hangs mid-request at shutdown, then the server cuts it after the grace period and still exits 0', async () => {
    const server = await startServerProcess({ DATA_DIR: await dataDir(), SHUTDOWN_DRAIN_SECONDS: '0', SHUTDOWN_GRACE_SECONDS: '1' });
    const hanging = await slowPost(server.url, '/api/auth/login', { email: DEMO.staff.email, password: 'never finished' });
    const cut = hanging.answer.then(
      () => 'answered',
      () => 'cut',
    );

    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    assert.equal(await cut, 'cut');
    assert.match(server.output(), /connections cut/);
  });
});

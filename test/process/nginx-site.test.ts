import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:https';
import { startTestServer, type TestServer } from '../helpers/harness.ts';
import { capturingLogger } from '../helpers/logs.ts';

/**
 * deploy/nginx-site.conf run by the real nginx in front of a real node: what the operator
 * installs must give the application the visitor's real address and the https scheme,
 * whatever headers the visitor sends. Only the ports, the upstream and the certificate
 * paths are rewritten; every location block is the file's own.
 */
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

type Line = { req?: { url: string; ip?: string }; res?: { statusCode: number } };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function get(port: number, url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: url, headers: { host: 'panier.exemple.org', ...headers }, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('deploy/nginx-site.conf in front of a node', () => {
  let t: TestServer;
  let dir: string;
  let nginx: ChildProcess | undefined;
  let httpsPort: number;
  const log = capturingLogger('info');
  const lineFor = async (url: string): Promise<Line> => {
    const find = () => (log.lines as Line[]).find((l) => l.req?.url === url && l.res);
    for (let i = 0; i < 500 && !find(); i++) await new Promise((r) => setTimeout(r, 10));
    const line = find();
    assert.ok(line, `no log line for ${url}`);
    return line;
  };

  before(async () => {
    t = await startTestServer({ driver: 'pglite', logger: log.logger, env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://panier.exemple.org' } });
    dir = await mkdtemp(path.join(tmpdir(), 'nginx-site-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=panier.exemple.org',
        '-keyout',
        path.join(dir, 'privkey.pem'),
        '-out',
        path.join(dir, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    const [httpPort, port] = [await freePort(), await freePort()];
    httpsPort = port;
    const appPort = new URL(t.url).port;
    const site = (await readFile('deploy/nginx-site.conf', 'utf8'))
      .replace(/listen \[::\]:\d+[^;]*;/g, '')
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl;`)
      .replace('server 127.0.0.1:3000;', `server 127.0.0.1:${appPort};`)
      .replaceAll('/etc/letsencrypt/live/panier.exemple.org/', `${dir}/`);
    assert.ok(site.includes(`127.0.0.1:${appPort}`) && site.includes(`${dir}/privkey.pem`), 'the site file no longer has the expected shape');
    await writeFile(path.join(dir, 'site.conf'), site);
    await writeFile(
      path.join(dir, 'nginx.conf'),
      `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n` +
        `  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp;\n  include ${dir}/site.conf;\n}\n`,
    );
    execFileSync('mkdir', ['-p', path.join(dir, 'tmp')]);
    nginx = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`], { stdio: 'ignore' });
    // Ready once it answers on the HTTPS port.
    for (let i = 0; i < 500; i++) {
      const ok = await get(httpsPort, '/readyz', {}).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  after(async () => {
    nginx?.kill('SIGTERM');
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('when a visitor sends its own X-Forwarded-For through the site, then the node logs the real address, not the forged one', async () => {
    const r = await get(httpsPort, '/api/categories?marker=forged', { 'x-forwarded-for': '6.6.6.6' });
    assert.equal(r.status, 200);
    const line = await lineFor('/api/categories?marker=forged');
    assert.equal(line.req?.ip, '127.0.0.1');
  });
});

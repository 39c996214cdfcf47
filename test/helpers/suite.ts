import { after, before } from 'node:test';
import { startTestServer, type TestServer } from './harness.ts';
import { LocalSmtp } from './smtp.ts';

/**
 * One real test server for the enclosing describe(): started before its tests,
 * closed (database dropped) after them. The returned object is filled in by the
 * `before` hook, so tests use it exactly as the result of startTestServer().
 */
export function serverForSuite(opts?: Parameters<typeof startTestServer>[0]): TestServer {
  const server = {} as TestServer;
  before(async () => {
    Object.assign(server, await startTestServer(opts));
  });
  after(() => server.close());
  return server;
}

/** serverForSuite with a local SMTP server (t.smtp) that the app sends its mail to, closed after it. */
export function serverWithMailForSuite(opts: Parameters<typeof startTestServer>[0] = {}): TestServer & { smtp: LocalSmtp } {
  const server = {} as TestServer & { smtp: LocalSmtp };
  before(async () => {
    const smtp = await LocalSmtp.start();
    Object.assign(server, await startTestServer({ ...opts, env: { ...opts.env, SMTP_URL: smtp.url } }), { smtp });
  });
  after(async () => {
    await server.close();
    await server.smtp.close();
  });
  return server;
}

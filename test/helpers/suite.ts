import { after, before } from 'node:test';
import { startTestServer, type TestServer } from './harness.ts';

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

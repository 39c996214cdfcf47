import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/start.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createLogger, type Logger } from '../../src/shared/logger.ts';
import { createTestDatabase } from './database.ts';

export interface TestServer {
  url: string;
  server: RunningServer;
  /** The PostgreSQL URL of this file's own database (undefined on PGlite). */
  databaseUrl?: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The driver a test server runs on when the test does not pin one: the runner's matrix
 * (scripts/test.mjs) runs every API test file once with TEST_DRIVER=pg and once with
 * TEST_DRIVER=pglite, so each SQL statement is proven on both.
 */
export const TEST_DRIVER: 'pg' | 'pglite' = process.env.TEST_DRIVER === 'pglite' ? 'pglite' : 'pg';

/**
 * The configuration every in-process test server starts from: random port, demo data, quiet
 * logs, and sessions read on every request (SESSION_CACHE_MS=0): tests change accounts behind
 * the server's back, in SQL, and expect the next request to see it. test/session-cache.test.ts
 * runs with the cache on.
 */
export function testServerConfig(env: Record<string, string>) {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'true',
    // The suites place orders at the demo centres without a slot; slots are tested on centres
    // the tests create, and with SEED_DEMO_SLOTS=true where the demo itself is under test.
    SEED_DEMO_SLOTS: 'false',
    // Hundreds of servers start in the suite: the postcode data is read by the tests that look one up.
    POSTCODES_PRELOAD: 'false',
    SESSION_CACHE_MS: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

/**
 * Starts the real server in-process on a random port, on a fresh PostgreSQL
 * database of its own (or on PGlite in a temporary folder), seeded with the demo
 * data unless told otherwise. close() stops it and drops the database.
 */
export async function startTestServer(
  opts: { driver?: 'pg' | 'pglite'; env?: Record<string, string>; clock?: Clock; logger?: Logger } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ps-test-'));
  const driver = opts.driver ?? TEST_DRIVER;
  const database = driver === 'pglite' ? undefined : await createTestDatabase();
  const config = testServerConfig({ DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...opts.env });
  let server: RunningServer;
  try {
    server = await startServer({ config, clock: opts.clock, logger: opts.logger ?? createLogger(config.logLevel) });
  } catch (err) {
    await database?.drop();
    throw err;
  }
  return {
    url: server.url,
    server,
    databaseUrl: database?.url,
    dataDir,
    async close() {
      await server.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

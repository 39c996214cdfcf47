import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, migrate, type Database } from '../db/index.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { createAuthService, type AuthService } from '../modules/auth/index.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { seedDemo, DEMO_ACCOUNTS } from './seed-demo.ts';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  auth: AuthService;
  /** Stops taking connections, lets requests in flight finish, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
}

/** The composition root: every seam (database, clock, logger…) is chosen here and only here. */
export async function startServer({ config, clock = systemClock, logger = createLogger(config.logLevel) }: StartOptions): Promise<RunningServer> {
  await mkdir(config.uploadsDir, { recursive: true });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pgdata`,
    onBackgroundError: (err) => logger.error({ err }, 'background database error'),
    warn: (msg) => logger.warn(msg),
  });
  try {
    return await assemble(config, clock, logger, db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

async function assemble(config: Config, clock: Clock, logger: Logger, db: Database): Promise<RunningServer> {
  await migrate(db, (msg) => logger.info(msg));

  const auth = createAuthService({ db, clock, sessionDays: config.sessionDays, throttle: config.throttle });
  if (config.admin) {
    await auth.ensureAccount({ name: 'Administrateur', email: config.admin.email, password: config.admin.password, role: 'admin' });
  }
  if (config.seedDemo) await seedDemo(db, auth, logger);

  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const app = createApp({ config, db, logger, auth, publicUrl: () => publicUrl });
  const server: Server = createServer(app);
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (!config.publicUrl) publicUrl = `http://localhost:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get a grace period, then whatever is left is cut.
        setTimeout(() => server.closeAllConnections(), 8_000).unref();
      });
      await db.close();
    })());

  return { url: `http://127.0.0.1:${port}`, port, db, logger, auth, close };
}

export { DEMO_ACCOUNTS };

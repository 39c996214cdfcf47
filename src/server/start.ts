import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, migrate, type Database } from '../db/index.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { adminUserRoutes, createAuthService, type AuthService } from '../modules/auth/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { adminProductRoutes, uploadedImageRoutes } from '../modules/catalog/index.ts';
import { adminCentreRoutes } from '../modules/centres/index.ts';
import { EventBus } from '../shared/events.ts';
import { cartRoutes } from '../modules/cart/index.ts';
import { adminOrderRoutes, createOrdersService, loadOrderViews, orderRoutes, staffOrderRoutes, type OrdersService } from '../modules/orders/index.ts';
import { createPaymentGateway, createSettlement, demoPaymentRoutes, staffPaymentRoutes } from '../modules/payments/index.ts';
import { createProofs } from '../modules/proofs/index.ts';
import { postgresSocketAdapter } from './socket-adapter.ts';
import { createRealtime } from '../modules/realtime/index.ts';
import type { Server as SocketServer } from 'socket.io';
import { createApp } from './app.ts';
import { choosePaymentProvider, paymentWebhookRouters } from './payment-provider.ts';
import type { Config } from './config.ts';
import { seedDemo, DEMO_ACCOUNTS } from './seed-demo.ts';
import { assembleAccounts } from './accounts.ts';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  auth: AuthService;
  orders: OrdersService;
  events: EventBus;
  io: SocketServer;
  /** Cancels unpaid orders whose hold ran out (also run every 30 s). */
  sweepExpiredHolds(): Promise<number>;
  /** Sends the queued mails that are due now (also run when a mail is queued, every 15 s and at start). */
  deliverMail(): Promise<number>;
  /** Resolves once the mail run in progress is done. */
  mailIdle(): Promise<void>;
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
    poolSize: config.dbPoolSize,
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

  const events = new EventBus((err, event) => logger.error({ err, event: event.type }, 'event listener failed'));
  const auth = createAuthService({ db, clock, sessionDays: config.sessionDays, throttle: config.throttle, events });
  if (config.admin) {
    await auth.ensureAccount({ name: 'Administrateur', email: config.admin.email, password: config.admin.password, role: 'admin' });
  }
  if (config.seedDemo) await seedDemo(db, auth, logger);

  // Known for sure only after listen (PORT=0 in tests): read through a function.
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  let closing: Promise<void> | undefined;
  const provider = choosePaymentProvider(config, { clock, logger, publicUrl: () => publicUrl });
  const gateway = createPaymentGateway({ db, clock, provider, events, logger });
  const orders = createOrdersService({ db, clock, events, payments: gateway, logger, reservationMinutes: config.reservationMinutes });
  const settlement = createSettlement({ db, clock, provider, orders, events, logger });
  const proofs = await createProofs({ db, clock, publicUrl: () => publicUrl });
  // Mail (order events, reset links), password reset, OpenID Connect, the customer's own data.
  const accounts = assembleAccounts({ config, db, clock, logger, events, auth, orders, publicUrl: () => publicUrl });
  const { handle } = createApp({
    config,
    db,
    logger,
    auth,
    events,
    publicUrl: () => publicUrl,
    isShuttingDown: () => closing !== undefined,
    authProviders: accounts.providers,
    rawBodyRouters: paymentWebhookRouters(config, { settlement, logger }),
    apiRouters: [
      cartRoutes(db),
      orderRoutes(orders),
      demoPaymentRoutes({ db, settlement, orders, enabled: provider.name === 'demo' }),
      staffOrderRoutes({ db, orders, proofUrlFor: proofs.proofUrlFor }),
      staffPaymentRoutes({ db, clock }),
      proofs.apiRoutes,
      adminProductRoutes({ db, events }),
      adminUserRoutes({ db, events, orderViews: (ids) => loadOrderViews(db, ids, { withCustomer: true }) }),
      adminCentreRoutes(db),
      adminOrderRoutes(db),
      auditRoutes(db),
      ...accounts.routers,
    ],
    pageRouters: [proofs.pageRoutes, uploadedImageRoutes(db)],
  });
  const server: Server = createServer(handle);
  server.keepAliveTimeout = 5_000;

  const adapter = config.databaseUrl ? postgresSocketAdapter(config.databaseUrl, logger) : undefined;
  const realtime = createRealtime({
    httpServer: server,
    db,
    auth,
    logger,
    publicOrigin: () => new URL(publicUrl).origin,
    configure: adapter?.configure,
    clustered: adapter !== undefined,
  });
  await adapter?.ready();
  events.subscribe((event) => {
    realtime.handle(event).catch((err) => logger.error({ err, event: event.type }, 'realtime delivery failed'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (!config.publicUrl) publicUrl = `http://localhost:${port}`;

  // Holds that ran out are released within a minute (RESERVATION_MINUTES); any node may sweep.
  const sweepExpiredHolds = () => orders.expireHolds();
  const sweeper = setInterval(() => {
    sweepExpiredHolds().catch((err) => logger.error({ err }, 'hold sweep failed'));
    auth.pruneThrottle().catch(() => undefined);
  }, 30_000);
  sweeper.unref();
  // Mails queued before this start (a crash, a mail server that was down) go out now.
  accounts.mail.start();

  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweeper);
      // Requests in flight get a grace period, then whatever is left is cut.
      const cut = setTimeout(() => server.closeAllConnections(), 8_000);
      cut.unref();
      await realtime.close(); // disconnects sockets and closes the HTTP server
      clearTimeout(cut);
      await adapter?.close();
      await accounts.close();
      await db.close();
    })());

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    logger,
    auth,
    orders,
    events,
    io: realtime.io,
    sweepExpiredHolds,
    deliverMail: accounts.mail.deliverDue,
    mailIdle: accounts.mail.idle,
    close,
  };
}

export { DEMO_ACCOUNTS };

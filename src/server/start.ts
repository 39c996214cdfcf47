import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, migrate, type Database } from '../db/index.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { adminUserRoutes, createAuthService, namesByIds, requireAdmin, type AuthService } from '../modules/auth/index.ts';
import { adminAssociationRoutes, getAssociation } from '../modules/association/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { adminCategoryRoutes, adminProductRoutes, uploadedImageRoutes } from '../modules/catalog/index.ts';
import { createNeeds } from '../modules/needs/index.ts';
import { createImpactLive, givingRoutes } from '../modules/giving/index.ts';
import { createReceipts } from '../modules/receipts/index.ts';
import { adminCentreRoutes, centreRoutes, preloadCommunes } from '../modules/centres/index.ts';
import { pageRoutes } from '../modules/pages/index.ts';
import { diagnosticsRoutes, firstRunRoutes } from './first-run.ts';
import { EventBus } from '../shared/events.ts';
import { createCarts } from '../modules/cart/index.ts';
import {
  adminOrderRoutes,
  createOrdersService,
  orderCountsByCustomer,
  orderIdsOfCustomer,
  orderRoutes,
  staffOrderRoutes,
  createPickupCodes,
  loadPickupKey,
  type OrdersService,
  type StaffOrderView,
} from '../modules/orders/index.ts';
import { createPaymentGateway, createSettlement, demoPaymentRoutes, receivedSince, staffPaymentRoutes } from '../modules/payments/index.ts';
import { createProofs } from '../modules/proofs/index.ts';
import { pickupRoutes } from '../modules/pickup/index.ts';
import { postgresSocketAdapter } from './socket-adapter.ts';
import { createRealtime } from '../modules/realtime/index.ts';
import type { Server as SocketServer } from 'socket.io';
import type { Express } from 'express';
import { createApp } from './app.ts';
import { choosePaymentProvider, paymentWebhookRouters } from './payment-provider.ts';
import type { Config } from './config.ts';
import { seedDemo, DEMO_ACCOUNTS } from './seed-demo.ts';
import { assembleAccounts } from './accounts.ts';
import { mailOrderStatusChanges } from '../modules/mail/index.ts';
import { listenForBackups } from './backup/socket.ts';
import { boundedStep, drainHttpServer } from './drain.ts';

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  logger: Logger;
  auth: AuthService;
  orders: OrdersService;
  events: EventBus<StaffOrderView>;
  io: SocketServer;
  /** The Express application (tests walk its routes against the OpenAPI document). */
  app: Express;
  /** The demo accounts that exist after this start's demo seed (none without SEED_DEMO or on https). */
  demoAccounts: ReadonlyArray<(typeof DEMO_ACCOUNTS)[number]>;
  /** Forgets guest carts past GUEST_CART_DAYS (also run by the sweep). */
  purgeGuestCarts(): Promise<number>;
  /** Cancels unpaid orders whose hold ran out (also run every 30 s). */
  sweepExpiredHolds(): Promise<number>;
  /** Pickup reminders and uncollected orders offered to the centre (also run by the sweep). */
  sweepPickups(): Promise<{ reminders: number; offered: number }>;
  /** Sends the queued mails that are due now (also run when a mail is queued, every 15 s and at start). */
  deliverMail(): Promise<number>;
  /** Resolves once the mail run in progress is done. */
  mailIdle(): Promise<void>;
  /**
   * The graceful stop (SIGTERM): /readyz turns 503 at once, the node keeps serving for
   * SHUTDOWN_DRAIN_SECONDS, then stops taking connections, lets requests in flight finish
   * (SHUTDOWN_GRACE_SECONDS at most), closes realtime sockets and the database.
   */
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
    // Expected when PostgreSQL restarts: one line per lost connection, the pool opens new ones.
    onConnectionLost: (err) => logger.warn({ err: err.message }, 'database connection lost; requests answer 503 until it is back'),
    warn: (msg) => logger.warn(msg),
    poolSize: config.dbPoolSize,
    acquireTimeoutMs: config.dbAcquireTimeoutSeconds * 1000,
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

  const events = new EventBus<StaffOrderView>((err, event) => logger.error({ err, event: event.type }, 'event listener failed'));
  const auth = createAuthService({
    db,
    clock,
    sessionDays: config.sessionDays,
    touchSeconds: config.sessionTouchSeconds,
    sessionCacheMs: config.sessionCacheMs,
    throttle: config.throttle,
    signupPerMinute: config.signupPerMinute,
    events,
    disabledContact: async () => (await getAssociation(db)).contactEmail || undefined,
  });
  // A session kept by this node is forgotten as soon as its account's access changes.
  events.subscribe((e) => {
    if (e.type === 'user.access_changed') auth.forgetSessionsOf(e.userId);
  });
  if (config.admin) {
    await auth.ensureAccount({ name: 'Administrateur', email: config.admin.email, password: config.admin.password, role: 'admin' });
  }
  const demoAccounts = config.seedDemo ? await seedDemo(db, auth, logger, { accounts: config.demoAccounts, slots: config.seedDemoSlots }) : [];

  // Known for sure only after listen (PORT=0 in tests): read through a function.
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  let closing: Promise<void> | undefined;
  const provider = choosePaymentProvider(config, { clock, logger, publicUrl: () => publicUrl });
  const gateway = createPaymentGateway({ db, clock, provider, events, logger });
  const orders = createOrdersService({
    db,
    clock,
    events,
    payments: gateway,
    logger,
    reservationMinutes: config.reservationMinutes,
    limits: config.limits,
    pickup: config.pickup,
    pickupCodes: createPickupCodes(await loadPickupKey(db)),
  });
  const settlement = createSettlement({ db, clock, provider, orders, events, logger });
  const proofs = await createProofs({ db, clock, views: orders.views, publicUrl: () => publicUrl });
  // Mail (order events, reset links), password reset, OpenID Connect, the customer's own data.
  const accounts = assembleAccounts({ config, db, clock, logger, events, auth, orders, publicUrl: () => publicUrl });
  // Customers hear of their orders' status changes by mail, queued inside the change's transaction.
  mailOrderStatusChanges({ orders, queue: accounts.mail.queue, publicUrl: () => publicUrl, logger });
  // Centres' needs fill as gifts are paid (and empty as paid orders are canceled), in that transaction.
  const needs = createNeeds({ db, events, views: orders.views });
  orders.onStatusChange(needs.onStatusChange);
  // Tax receipts (when the association enables them): numbered in the payment's transaction, last,
  // so the year's counter row stays locked only until that commit.
  const receipts = createReceipts({ db, clock, logger, exportMaxRows: config.exportMaxRows });
  orders.onStatusChange(receipts.onStatusChange);
  settlement.onPartialRefund(receipts.onPartialRefund);
  // The shop's live impact counter: every paid gift (or paid gift taken back) moves it, coalesced.
  const impact = createImpactLive({ db, clock, events, logger, kgPerMeal: config.impactKgPerMeal, intervalMs: config.impactLiveIntervalMs });
  orders.onStatusChange(impact.onStatusChange);
  const carts = createCarts({
    db,
    clock,
    settings: { ...config.limits, guestCartDays: config.guestCarts.days, guestCartsPerMinute: config.guestCarts.perMinute },
  });
  const adapter = config.databaseUrl ? postgresSocketAdapter(config.databaseUrl, logger, config.dbAcquireTimeoutSeconds * 1000) : undefined;
  const { app, handle } = createApp({
    config,
    db,
    logger,
    auth,
    events,
    publicUrl: () => publicUrl,
    isShuttingDown: () => closing !== undefined,
    authProviders: accounts.providers,
    onSignedIn: carts.mergeOnSignIn,
    rawBodyRouters: paymentWebhookRouters(config, { settlement, logger }),
    apiRouters: [
      centreRoutes(db, clock, config.pickup),
      carts.router,
      orderRoutes(orders, { clock, pickup: config.pickup, db }),
      demoPaymentRoutes({ db, settlement, orders, enabled: provider.name === 'demo' }),
      staffOrderRoutes({
        db,
        orders,
        clock,
        proofUrlFor: proofs.proofUrlFor,
        paymentsSince: (since) => receivedSince(db, since),
        reminderSeconds: config.staffReminderSeconds,
        exportMaxRows: config.exportMaxRows,
      }),
      staffPaymentRoutes({ db, clock, exportMaxRows: config.exportMaxRows }),
      proofs.apiRoutes,
      pickupRoutes({ db, views: orders.views, clock }),
      adminProductRoutes({ db, events }),
      adminUserRoutes({
        db,
        events,
        orders: {
          countsByCustomer: (userIds) => orderCountsByCustomer(db, userIds),
          latestViews: async (userId) => orders.views.load(db, await orderIdsOfCustomer(db, userId, 50), { withCustomer: true }),
        },
      }),
      adminCentreRoutes(db, clock),
      adminCategoryRoutes({ db, events }),
      firstRunRoutes(db),
      diagnosticsRoutes(db, adapter),
      adminOrderRoutes({ db, orders, exportMaxRows: config.exportMaxRows }),
      adminAssociationRoutes(db),
      auditRoutes(db, requireAdmin, namesByIds),
      pageRoutes({ db, clock }),
      ...needs.routers,
      givingRoutes({ db, clock, kgPerMeal: config.impactKgPerMeal }),
      ...receipts.routers,
      ...accounts.routers,
    ],
    pageRouters: [proofs.pageRoutes, uploadedImageRoutes(db)],
  });
  const server: Server = createServer(handle);
  server.keepAliveTimeout = 5_000;

  const realtime = createRealtime({
    httpServer: server,
    db,
    auth,
    views: orders.views,
    logger,
    publicOrigin: () => new URL(publicUrl).origin,
    configure: adapter?.configure,
    clustered: adapter !== undefined,
    recheckSeconds: config.sessionRecheckSeconds,
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
  // `npm run backup` of the embedded database asks this process for the copy (backup/socket.ts).
  const backups = await listenForBackups({ db, dataDir: config.dataDir, logger });

  // Holds that ran out are released within a minute (RESERVATION_MINUTES); any node may sweep.
  // The same sweep purges expired sessions and old login failures (SWEEP_INTERVAL_SECONDS).
  const sweepExpiredHolds = () => orders.expireHolds();
  const sweepPickups = () => orders.sweepPickups();
  const sweeper = setInterval(() => {
    sweepExpiredHolds().catch((err) => logger.error({ err }, 'hold sweep failed'));
    sweepPickups().catch((err) => logger.error({ err }, 'pickup sweep failed'));
    auth.purgeExpiredSessions().catch((err) => logger.error({ err }, 'session purge failed'));
    auth.pruneThrottle().catch(() => undefined);
    carts.purgeExpired().catch((err) => logger.error({ err }, 'guest cart purge failed'));
  }, config.sweepIntervalSeconds * 1000);
  sweeper.unref();
  // Mails queued before this start (a crash, a mail server that was down) go out now.
  accounts.mail.start();
  // The postcode and town lookup (centres near me) reads its data now, in the background, rather
  // than inside the first customer's request; a lookup arriving before it is done waits for it.
  const communesStarted = Date.now();
  if (config.preloadPostcodes) {
    preloadCommunes().then(
      (known) => logger.info({ ...known, ms: Date.now() - communesStarted }, 'postcode lookup ready (French communes loaded)'),
      (err: unknown) => logger.error({ err }, 'postcode lookup data could not be loaded; lookups will retry'),
    );
  }

  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweeper);
      impact.close();
      await drainHttpServer(server, {
        drainMs: config.shutdown.drainSeconds * 1000,
        graceMs: config.shutdown.graceSeconds * 1000,
        stopAccepting: () => realtime.close(), // disconnects sockets and closes the HTTP server
        logger,
      });
      await boundedStep('socket adapter', 5_000, async () => adapter?.close(), logger);
      await boundedStep('backup socket', 5_000, () => backups.close(), logger);
      await boundedStep('mail', 5_000, () => accounts.close(), logger);
      await boundedStep('database', 5_000, () => db.close(), logger);
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
    app,
    demoAccounts,
    sweepExpiredHolds,
    sweepPickups,
    purgeGuestCarts: carts.purgeExpired,
    deliverMail: accounts.mail.deliverDue,
    mailIdle: accounts.mail.idle,
    close,
  };
}

export { DEMO_ACCOUNTS };

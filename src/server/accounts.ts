import path from 'node:path';
import type { Router } from 'express';
import type { Database, Queryable, Transaction } from '../db/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import type { OrdersService, StaffOrderView } from '../modules/orders/index.ts';
import type { Logger } from '../shared/logger.ts';
import {
  accountRoutes,
  createEmailVerification,
  createOidc,
  createOwnAccount,
  createPasswordReset,
  findUserById,
  oidcRoutes,
  type AuthService,
} from '../modules/auth/index.ts';
import { accountDataRoutes, createAccountData } from '../modules/account/index.ts';
import { createStockAlerts, stockAlertRoutes } from '../modules/stock-alerts/index.ts';
import {
  createMailQueue,
  createMailSender,
  createOutboxMailer,
  createSmtpMailer,
  emailVerificationMail,
  passwordResetMail,
  signedMailer,
  type Mailer,
  type MailMessage,
  type Recipient,
} from '../modules/mail/index.ts';
import { getAssociation } from '../modules/association/index.ts';
import type { Config } from './config.ts';

/** The mailer seam: SMTP when SMTP_URL is set, else `.eml` files under DATA_DIR/outbox/. */
export function chooseMailer(config: Config, logger: Logger): Mailer {
  if (config.smtpUrl) {
    logger.info({ via: 'smtp' }, 'mails : serveur SMTP');
    return createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
  }
  const dir = path.join(config.dataDir, 'outbox');
  logger.info({ via: 'outbox', dir }, 'mail: written as .eml files (SMTP_URL not set)');
  return createOutboxMailer({ dir, from: config.mailFrom });
}

/**
 * Mail, password reset, OpenID Connect and the customer's own data, wired together:
 * the routers to mount, the providers to list, the durable mail queue (whose worker
 * start.ts starts once the server listens, and to which start.ts subscribes the order
 * mails), and what to wait for at shutdown.
 */
export function assembleAccounts(deps: {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  events: EventBus<StaffOrderView>;
  auth: AuthService;
  /** The customer's own data: their orders' export and erasure. */
  orders: Pick<OrdersService, 'exportFor' | 'eraseFor'>;
  publicUrl: () => string;
  mailer?: Mailer;
}) {
  const { config, db, clock, logger, events, auth, publicUrl } = deps;
  // Every mail is signed by the association (name, address, contact) as its details are when it goes.
  const mailer = signedMailer(
    deps.mailer ?? chooseMailer(config, logger),
    () => getAssociation(db),
    (err) => logger.warn({ err }, 'association details not read: mail sent without its footer'),
  );
  // Order mails are written to the database first and survive a mail server that is down
  // or a restart (mail_queue). Reset links are not: their token works for an hour, and the
  // database keeps only its hash so that a leaked table or backup opens no account; a copy
  // in mail_queue would undo that. They are sent once, directly; a lost one is simply
  // asked for again.
  const queue = createMailQueue({ db, clock, mailer, logger });
  const direct = createMailSender(mailer, logger);

  const reset = createPasswordReset({
    db,
    clock,
    events,
    publicUrl,
    sendResetLink: (to, link) => direct.send(passwordResetMail({ name: to.name, email: to.email, locale: to.locale }, link)),
    limits: { perAccount: 3, perAddress: config.throttle.perAddress, windowSeconds: config.throttle.windowSeconds },
    onBackgroundError: (err) => logger.error({ err }, 'password reset link not issued'),
  });
  // Verification links carry a live token too: sent directly, never stored (a lost one is resent).
  const verification = createEmailVerification({
    db,
    clock,
    publicUrl,
    sendLink: (to, link, hours) => direct.send(emailVerificationMail({ name: to.name, email: to.email, locale: to.locale }, link, hours)),
    hours: config.emailVerification.hours,
    resends: { perWindow: config.emailVerification.resends, windowSeconds: config.throttle.windowSeconds },
  });
  auth.onSignUp(async (user) => {
    // The account exists and the session opens even if the link cannot be stored: it can be resent.
    await verification.afterSignUp(user).catch((err: unknown) => logger.error({ err, userId: user.id }, 'email verification link not issued'));
  });
  const own = createOwnAccount({ db, clock, throttle: config.throttle, events });
  const data = createAccountData({
    db,
    clock,
    events,
    own,
    orders: deps.orders,
    forgetMail: async (address) => {
      await queue.forget(address);
      await mailer.forget(address);
    },
  });
  const oidc = config.oidc ? createOidc({ db, clock, settings: config.oidc, production: config.production, publicUrl, events }) : undefined;

  // "Prévenez-moi": committed stock changes that leave a product above zero mail its waiting requests.
  const stockAlerts = createStockAlerts({
    db,
    clock,
    logger,
    publicUrl,
    recipient: async (q: Queryable, userId: string): Promise<Recipient | undefined> => {
      const u = await findUserById(q, userId);
      return u && !u.disabled_at ? { name: u.name, email: u.email, locale: u.locale } : undefined;
    },
    queue: (message: MailMessage, tx: Transaction) => queue.enqueue(message, tx),
  });
  events.subscribe((event) => {
    // A new order's hold only takes units: it never brings a product back in stock.
    if (event.type === 'stock.changed' && event.orderId === undefined) void stockAlerts.onStockChanged(event); // logs its own failures
  });

  const routers: Router[] = [accountRoutes({ auth, reset, own, verification }), accountDataRoutes(data), stockAlertRoutes(stockAlerts)];
  if (oidc) routers.push(oidcRoutes({ oidc, auth, logger }));
  return {
    routers,
    providers: () => (oidc ? [oidc.provider] : []),
    mail: {
      /** The durable queue: the composition root subscribes the order mails to it. */
      queue,
      /** Starts the queue's worker: a first run (mails left by the last process), then every 15 s. */
      start: () => queue.start(),
      /** Sends the queued mails that are due now; resolves with how many went out. */
      deliverDue: () => queue.run(),
      /** Resolves once the queue's run in progress is done, and the links asked for are handed to the mailer and sent. */
      idle: async () => {
        await reset.idle();
        await direct.drain();
        await queue.idle();
      },
    },
    async close() {
      await reset.idle();
      await queue.close();
      await direct.drain();
      mailer.close();
    },
  };
}

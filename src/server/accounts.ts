import path from 'node:path';
import type { Router } from 'express';
import type { Database } from '../db/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventBus } from '../shared/events.ts';
import type { Logger } from '../shared/logger.ts';
import {
  accountRoutes,
  createOidc,
  createOwnAccount,
  createPasswordReset,
  findUserById,
  oidcRoutes,
  type AuthService,
} from '../modules/auth/index.ts';
import { accountDataRoutes, createAccountData } from '../modules/account/index.ts';
import { createMailQueue, createMailSender, createOrderMails, createOutboxMailer, createSmtpMailer, passwordResetMail, type Mailer } from '../modules/mail/index.ts';
import { loadOrderViews } from '../modules/orders/index.ts';
import type { Config } from './config.ts';

/** The mailer seam: SMTP when SMTP_URL is set, else `.eml` files under DATA_DIR/outbox/. */
export function chooseMailer(config: Config, logger: Logger): Mailer {
  if (config.smtpUrl) {
    logger.info({ via: 'smtp' }, 'mails : serveur SMTP');
    return createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
  }
  const dir = path.join(config.dataDir, 'outbox');
  logger.info({ via: 'outbox', dir }, 'mails : fichiers .eml (SMTP_URL non défini)');
  return createOutboxMailer({ dir, from: config.mailFrom });
}

/**
 * Mail, password reset, OpenID Connect and the customer's own data, wired together:
 * the routers to mount, the providers to list, the domain-event listener that mails
 * customers about their orders (through the durable mail queue, whose worker start.ts
 * starts once the server listens), and what to wait for at shutdown.
 */
export function assembleAccounts(deps: {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  auth: AuthService;
  publicUrl: () => string;
  mailer?: Mailer;
}) {
  const { config, db, clock, logger, events, auth, publicUrl } = deps;
  const mailer = deps.mailer ?? chooseMailer(config, logger);
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
  });
  const own = createOwnAccount({ db, clock, throttle: config.throttle });
  const data = createAccountData({
    db,
    clock,
    events,
    own,
    forgetMail: async (address) => {
      await queue.forget(address);
      await mailer.forget(address);
    },
  });
  const oidc = config.oidc
    ? createOidc({ db, clock, settings: config.oidc, production: config.production, publicUrl })
    : undefined;

  const orderMails = createOrderMails({
    loadOrder: async (orderId) => (await loadOrderViews(db, [orderId], { withCustomer: true }))[0],
    recipient: async (userId) => {
      const u = await findUserById(db, userId);
      return u && !u.disabled_at ? { name: u.name, email: u.email, locale: u.locale } : undefined;
    },
    send: (m) => queue.enqueue(m),
    publicUrl,
  });
  // Handlers in flight are awaited at shutdown, before the database closes under them.
  const handling = new Set<Promise<void>>();
  const unsubscribe = events.subscribe((event) => {
    const p = orderMails(event).catch((err) => logger.error({ err, event: event.type }, 'order mail failed'));
    handling.add(p);
    void p.finally(() => handling.delete(p));
  });

  const routers: Router[] = [accountRoutes({ reset, own }), accountDataRoutes(data)];
  if (oidc) routers.push(oidcRoutes({ oidc, auth, logger }));
  const handlersDone = async () => {
    while (handling.size) await Promise.allSettled([...handling]);
  };
  return {
    routers,
    providers: () => (oidc ? [oidc.provider] : []),
    mail: {
      /** Starts the queue's worker: a first run (mails left by the last process), then every 15 s. */
      start: () => queue.start(),
      /** Sends the queued mails that are due now; resolves with how many went out. */
      deliverDue: () => queue.run(),
      /** Resolves once the order mails being written and the queue's run are done. */
      async idle() {
        await handlersDone();
        await queue.idle();
      },
    },
    async close() {
      unsubscribe();
      await handlersDone();
      await queue.close();
      await direct.drain();
      mailer.close();
    },
  };
}

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
import { createMailSender, createOrderMails, createOutboxMailer, createSmtpMailer, passwordResetMail, type Mailer } from '../modules/mail/index.ts';
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
 * customers about their orders, and what to wait for at shutdown.
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
  const mail = createMailSender(mailer, logger);

  const reset = createPasswordReset({
    db,
    clock,
    events,
    publicUrl,
    sendResetLink: (to, link) => mail.send(passwordResetMail({ name: to.name, email: to.email, locale: to.locale }, link)),
    limits: { perAccount: 3, perAddress: config.throttle.perAddress, windowSeconds: config.throttle.windowSeconds },
  });
  const own = createOwnAccount({ db, clock, throttle: config.throttle });
  const data = createAccountData({ db, clock, events, own, forgetMail: (address) => mailer.forget(address) });
  const oidc = config.oidc
    ? createOidc({ db, clock, settings: config.oidc, production: config.production, publicUrl })
    : undefined;

  const orderMails = createOrderMails({
    loadOrder: async (orderId) => (await loadOrderViews(db, [orderId], { withCustomer: true }))[0],
    recipient: async (userId) => {
      const u = await findUserById(db, userId);
      return u && !u.disabled_at ? { name: u.name, email: u.email, locale: u.locale } : undefined;
    },
    send: (m) => mail.send(m),
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
  return {
    routers,
    providers: () => (oidc ? [oidc.provider] : []),
    async close() {
      unsubscribe();
      await Promise.allSettled([...handling]);
      await mail.drain();
      mailer.close();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../../shared/logger.ts';

/** One message, already written: plain text and a simple HTML version of the same words. */
export interface MailMessage {
  to: { name?: string; address: string };
  subject: string;
  text: string;
  html: string;
}

/**
 * The mailer seam, chosen at the composition root: SMTP through nodemailer when SMTP_URL
 * is set, else an outbox folder of `.eml` files (a laptop needs no mail server).
 */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Sends (or writes) one message; rejects when the server refuses it. */
  send(message: MailMessage): Promise<void>;
  /** Forgets what is kept about an address (the outbox's files), when its account is deleted. */
  forget(address: string): Promise<void>;
  close(): void;
}

const addressHash = (address: string) => createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);

export function createSmtpMailer(opts: { url: string; from: string }): Mailer {
  // SMTP_URL is nodemailer's connection URL: smtp://user:pass@host:587, smtps://…:465,
  // with options in the query (e.g. ?pool=true).
  const transport = nodemailer.createTransport(opts.url, { from: opts.from });
  return {
    kind: 'smtp',
    async send(m) {
      await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    async forget() {
      // Nothing is kept here once the server has taken the message.
    },
    close: () => transport.close(),
  };
}

/**
 * No SMTP server: each message is built as a real RFC 5322 message by nodemailer (its
 * stream transport) and written to `dir` as an `.eml` file any mail client opens. The
 * file name carries a hash of the recipient, so an erased account's mails can be found
 * and removed without reading them.
 */
export function createOutboxMailer(opts: { dir: string; from: string }): Mailer & { readonly dir: string } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from: opts.from });
  let ready: Promise<unknown> | undefined;
  return {
    kind: 'outbox',
    dir: opts.dir,
    async send(m) {
      ready ??= mkdir(opts.dir, { recursive: true, mode: 0o700 });
      await ready;
      const info = await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(opts.dir, `${stamp}-${addressHash(m.to.address)}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
    },
    async forget(address) {
      const tag = `-${addressHash(address)}-`;
      let files: string[];
      try {
        files = await readdir(opts.dir);
      } catch {
        return;
      }
      await Promise.all(files.filter((f) => f.includes(tag) && f.endsWith('.eml')).map((f) => unlink(path.join(opts.dir, f)).catch(() => undefined)));
    },
    close: () => transport.close(),
  };
}

/** What is logged about a message: its recipient and subject, never its body (reset links carry tokens). */
export const mailLogMeta = (message: MailMessage, mailer: Mailer) => ({ to: message.to.address, subject: message.subject, via: mailer.kind });
/** The log line of a message handed over (to the SMTP server, or to the outbox folder). */
export const mailSentLog = (mailer: Mailer) => (mailer.kind === 'outbox' ? 'mail écrit dans la boîte d’envoi' : 'mail envoyé');

/**
 * Sends once, in memory, in the background: used only for password-reset links, which must
 * not be stored (see src/server/accounts.ts); order mails go through the durable queue
 * (queue.ts). The caller never waits for the mail server and never fails because of it.
 * Each message is logged with its recipient and subject, failures too. `drain()` waits for
 * the messages in flight (server shutdown, tests).
 */
export function createMailSender(mailer: Mailer, logger: Logger) {
  const inFlight = new Set<Promise<void>>();
  return {
    mailer,
    send(message: MailMessage): void {
      const meta = mailLogMeta(message, mailer);
      const p = mailer.send(message).then(
        () => logger.info(meta, mailSentLog(mailer)),
        (err: unknown) => logger.error({ ...meta, err: { message: (err as Error)?.message, code: (err as { code?: string })?.code } }, 'mail not sent'),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    async drain(): Promise<void> {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;

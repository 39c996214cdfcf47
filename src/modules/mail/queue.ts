import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import { mailLogMeta, mailSentLog, type Mailer, type MailMessage } from './mailer.ts';

/** How the queue retries; every duration in milliseconds. */
export interface MailRetryPolicy {
  /** Attempts before a mail is given up: 12 is about six hours of retries with the delays below. */
  maxAttempts: number;
  /** The wait after the first failure, doubled at each further one… */
  firstDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /**
   * How long a claimed mail is left to the node sending it before another node may try it.
   * Longer than any send can take (nodemailer gives up on a silent socket after 10 min), so
   * it only runs out when that node died mid-send.
   */
  leaseMs: number;
  /** How often each node looks at the queue, besides when it queues a mail and at start. */
  intervalMs: number;
  /** Sent and given-up rows are deleted this long after (the address stays on them until then). */
  keepMs: number;
}

export const MAIL_RETRY: MailRetryPolicy = {
  maxAttempts: 12,
  firstDelayMs: 60_000,
  maxDelayMs: 3_600_000,
  leaseMs: 15 * 60_000,
  intervalMs: 15_000,
  keepMs: 30 * 24 * 3_600_000,
};

/** The wait before the next attempt once `attempts` have failed: 1 min, 2, 4, 8… capped at 1 h. */
export function retryDelay(attempts: number, policy: MailRetryPolicy = MAIL_RETRY): number {
  return Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

interface ClaimedMail {
  id: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  /** Counting this one: the claim's fencing token, every later write checks it is unchanged. */
  attempts: number;
}

/**
 * One due mail, claimed in one statement: SKIP LOCKED passes over a row another node is
 * claiming this very moment, and pushing next_attempt_at forward (the lease) hides the row
 * from every later claim while it is being sent. The attempt is counted here, so a mail
 * whose node dies mid-send still uses up its attempts.
 */
const CLAIM = `
  UPDATE mail_queue SET attempts = attempts + 1, next_attempt_at = $2
   WHERE id = (SELECT id FROM mail_queue
                WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $1
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id, to_address, to_name, subject, text_body, html_body, attempts`;

const errorText = (err: unknown) => {
  const e = err as { message?: string; code?: string } | undefined;
  return `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(err)}`.slice(0, 1000);
};

/**
 * The durable mail queue: a mail is a row of `mail_queue` first, then delivered through the
 * mailer seam (SMTP or the `.eml` outbox) by whichever node claims it. A mail server that is
 * down, or a restart, delays a mail and never loses it; failures are retried with
 * exponential backoff and given up (logged as an error) after `maxAttempts`. Once sent, the
 * bodies are cleared; finished rows are deleted after `keepMs`.
 *
 * Each node runs the queue when it queues a mail, every `intervalMs` and at start; one run
 * at a time per node, any number of nodes at once. A failed send ends the run (the next
 * waits for the timer): a server that is down costs one attempt per tick, not one per mail.
 */
export function createMailQueue(deps: { db: Database; clock: Clock; mailer: Mailer; logger: Logger; policy?: Partial<MailRetryPolicy> }) {
  const { db, clock, mailer, logger } = deps;
  const policy: MailRetryPolicy = { ...MAIL_RETRY, ...deps.policy };
  const later = (ms: number) => new Date(clock.now().getTime() + ms);
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;
  let again = false;
  let purgedAt = -Infinity;

  /** Claims, sends and settles one due mail. */
  async function deliverOne(): Promise<'sent' | 'failed' | 'none'> {
    const now = clock.now();
    const { rows } = await db.query<ClaimedMail>(CLAIM, [now, new Date(now.getTime() + policy.leaseMs)]);
    const mail = rows[0];
    if (!mail) return 'none';
    const message: MailMessage = {
      to: { name: mail.to_name ?? undefined, address: mail.to_address },
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body,
    };
    const meta = { ...mailLogMeta(message, mailer), mailId: mail.id, attempt: mail.attempts };
    let failure: string;
    if (mail.attempts > policy.maxAttempts) {
      failure = 'the node sending the last attempt stopped before finishing it';
    } else {
      try {
        await mailer.send(message);
        const done = await db.query('UPDATE mail_queue SET sent_at = $3, text_body = NULL, html_body = NULL WHERE id = $1 AND attempts = $2', [
          mail.id,
          mail.attempts,
          clock.now(),
        ]);
        if (done.rowCount) logger.info(meta, mailSentLog(mailer));
        else logger.warn(meta, 'mail sent, but its queue row was deleted or taken over meanwhile');
        return 'sent';
      } catch (err) {
        failure = errorText(err);
      }
    }
    const giveUp = mail.attempts >= policy.maxAttempts;
    const next = later(giveUp ? 0 : retryDelay(mail.attempts, policy));
    await db.query('UPDATE mail_queue SET last_error = $3, next_attempt_at = $4, given_up_at = $5 WHERE id = $1 AND attempts = $2', [
      mail.id,
      mail.attempts,
      failure,
      next,
      giveUp ? clock.now() : null,
    ]);
    if (giveUp) logger.error({ ...meta, error: failure }, `mail given up after ${mail.attempts} attempts`);
    else logger.warn({ ...meta, error: failure, nextAttemptAt: next.toISOString() }, 'mail not sent, will retry');
    return 'failed';
  }

  /** One pass: finished rows past their keeping time go (hourly), then due mails until none or a failure. */
  async function pass(): Promise<number> {
    if (clock.now().getTime() - purgedAt >= 3_600_000) {
      purgedAt = clock.now().getTime();
      await db.query('DELETE FROM mail_queue WHERE coalesce(sent_at, given_up_at) < $1', [later(-policy.keepMs)]);
    }
    let sent = 0;
    while (!stopped) {
      const outcome = await deliverOne();
      if (outcome !== 'sent') break;
      sent++;
    }
    return sent;
  }

  /**
   * Runs the queue now (one run at a time: asked during a run, the run goes round once
   * more) and resolves with how many mails it sent once nothing more is due.
   */
  function run(): Promise<number> {
    if (!started || stopped) return Promise.resolve(0);
    if (current !== undefined) {
      again = true;
      return current;
    }
    current = (async () => {
      let sent = 0;
      try {
        do {
          again = false;
          sent += await pass();
        } while (again && !stopped);
      } catch (err) {
        logger.error({ err }, 'file des mails : tour interrompu');
      } finally {
        current = undefined;
      }
      return sent;
    })();
    return current;
  }

  return {
    /**
     * Keeps the message in the database — in the caller's transaction when given one, so the
     * mail exists exactly when what it tells of does — and runs the queue (sent at once when
     * the server is fine).
     */
    async enqueue(message: MailMessage, within?: Transaction): Promise<void> {
      const now = clock.now();
      await (within ?? db).query(
        `INSERT INTO mail_queue (to_address, to_name, subject, text_body, html_body, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [message.to.address, message.to.name ?? null, message.subject, message.text, message.html, now],
      );
      // Written inside a transaction, it can be sent once that commits (never if it rolls back).
      if (within) within.afterCommit(() => void run());
      else void run();
    },
    run,
    /** Starts the timer and a first run: mails queued before a restart go out now. */
    start(): void {
      if (started || stopped) return;
      started = true;
      timer = setInterval(() => void run(), policy.intervalMs);
      timer.unref();
      void run();
    },
    /** Resolves once no run is going on. */
    async idle(): Promise<void> {
      while (current !== undefined) await current;
    },
    /** Deletes every row addressed to `address`, sent or not (the account is being erased). */
    async forget(address: string): Promise<void> {
      await db.query('DELETE FROM mail_queue WHERE lower(to_address) = lower($1)', [address.trim()]);
    },
    /** Stops the timer and waits for the send in flight; what is left waits for the next start. */
    async close(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      while (current !== undefined) await current;
    },
  };
}

export type MailQueue = ReturnType<typeof createMailQueue>;

import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';

export interface ThrottleLimits {
  /** Failures from one client address, whatever the accounts (LOGIN_FAILURES_PER_ADDRESS). */
  perAddress: number;
  /** Failures on one account from one address (LOGIN_FAILURES_PER_ACCOUNT_ADDRESS). */
  perAccountAddress: number;
  /** Failures on one account from every address together: the ceiling (LOGIN_FAILURES_PER_ACCOUNT). */
  perAccount: number;
  /** The sliding window the counts live in (LOGIN_THROTTLE_MINUTES). */
  windowSeconds: number;
  /** Longest wait the progressive delay imposes after an account's last failure (LOGIN_DELAY_MAX_SECONDS). */
  maxDelaySeconds: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
/**
 * Per account and address. The email is hashed: a fixed-length prefix lets every
 * address's count of one account be found and cleared (an email may contain ':' or '%').
 */
const pairPrefix = (email: string) => `acct-ip:${sha256(email.trim().toLowerCase())}:`;

/** Seconds until the oldest of the `limit` most recent entries under `key` leaves the window, once `limit` are there. */
async function recentCount(db: Queryable, key: string, since: Date, limit: number): Promise<{ n: number; oldest: Date | null; latest: Date | null }> {
  const r = await db.query<{ n: number; oldest: Date | null; latest: Date | null }>(
    `SELECT count(*)::int AS n, min(at) AS oldest, max(at) AS latest FROM
       (SELECT at FROM auth_failures WHERE key = $1 AND at > $2 ORDER BY at DESC LIMIT $3) recent`,
    [key, since, limit],
  );
  return r.rows[0] ?? { n: 0, oldest: null, latest: null };
}

const secondsUntil = (when: number, now: Date) => Math.max(1, Math.ceil((when - now.getTime()) / 1000));

/** Forgets every failed-login count of an account (a password reset proved the owner; the account is erased). */
export async function clearAccountThrottle(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM auth_failures WHERE key = $1 OR starts_with(key, $2)', [accountKey(email), pairPrefix(email)]);
}

/**
 * Login throttling, counted in the database so that every node agrees. Three counts in
 * a sliding window: per client address (a password sprayer), per account and address
 * (a guesser at one account), and per account from everywhere (a guesser with many
 * addresses). The per-account count does not lock the owner out: below its ceiling it
 * only imposes a short, progressive delay after the last failure (1 s, 2 s, 4 s… up to
 * maxDelaySeconds) once the account has had `perAccountAddress` failures, so someone who
 * fails five times from one address stops nobody else. Returns the seconds to wait.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits,
  ) {}

  private keys(email: string, ip: string) {
    return { address: `ip:${ip}`, pair: `${pairPrefix(email)}${ip}`, account: accountKey(email) };
  }

  async retryAfter(email: string, ip: string): Promise<number | undefined> {
    const now = this.clock.now();
    const windowMs = this.limits.windowSeconds * 1000;
    const since = new Date(now.getTime() - windowMs);
    const keys = this.keys(email, ip);
    let wait = 0;
    for (const [key, limit] of [
      [keys.address, this.limits.perAddress],
      [keys.pair, this.limits.perAccountAddress],
    ] as const) {
      const c = await recentCount(this.db, key, since, limit);
      if (c.n >= limit && c.oldest) wait = Math.max(wait, secondsUntil(c.oldest.getTime() + windowMs, now));
    }
    const account = await recentCount(this.db, keys.account, since, this.limits.perAccount);
    if (account.n >= this.limits.perAccount && account.oldest) {
      wait = Math.max(wait, secondsUntil(account.oldest.getTime() + windowMs, now));
    } else if (account.n > this.limits.perAccountAddress && account.latest) {
      const delay = Math.min(this.limits.maxDelaySeconds, 2 ** (account.n - this.limits.perAccountAddress - 1));
      const until = account.latest.getTime() + delay * 1000;
      if (until > now.getTime()) wait = Math.max(wait, secondsUntil(until, now));
    }
    return wait > 0 ? wait : undefined;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    await this.db.query('INSERT INTO auth_failures (key, at) VALUES ($1, $4), ($2, $4), ($3, $4)', [keys.address, keys.pair, keys.account, this.clock.now()]);
  }

  /**
   * A successful login forgives the account's failures from everywhere (the delay ends)
   * and this address's own count for it; other addresses keep theirs, so a guesser is
   * not handed fresh tries each time the owner signs in. The address's count stays.
   */
  async clearAccount(email: string, ip?: string): Promise<void> {
    const keys = this.keys(email, ip ?? '');
    await this.db.query('DELETE FROM auth_failures WHERE key = $1 OR key = $2', [keys.account, ip === undefined ? keys.account : keys.pair]);
  }

  async prune(): Promise<void> {
    const since = new Date(this.clock.now().getTime() - this.limits.windowSeconds * 1000);
    await this.db.query('DELETE FROM auth_failures WHERE at <= $1', [since]);
  }
}

/**
 * Sign-ups per client address in a sliding minute (SIGNUP_PER_MINUTE), counted in the
 * database like failed logins so every node agrees. A refused sign-up is not counted.
 * Count and record happen under a lock per address, so a burst sent at once, to any
 * nodes, cannot slip past the limit between the two.
 */
export class SignupThrottle {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  /** Counts one sign-up from `ip`, or returns the seconds to wait when the minute is full. */
  async take(ip: string): Promise<number | undefined> {
    const key = `signup-ip:${ip}`;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      const now = this.clock.now();
      const c = await recentCount(tx, key, new Date(now.getTime() - 60_000), this.perMinute);
      if (c.n >= this.perMinute && c.oldest) return secondsUntil(c.oldest.getTime() + 60_000, now);
      await tx.query('INSERT INTO auth_failures (key, at) VALUES ($1, $2)', [key, now]);
      return undefined;
    });
  }
}

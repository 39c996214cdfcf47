import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions } from './sessions.ts';
import { clearAccountThrottle } from './throttle.ts';
import { findUserByEmail } from './users-repo.ts';

const TOKEN_TTL_MS = 60 * 60 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Throttle keys of reset requests (in auth_failures, pruned with the login counts). The email is hashed. */
export const resetThrottleKeys = (email: string, ip?: string) => ({
  account: `reset:${sha256(email.trim().toLowerCase())}`,
  address: ip === undefined ? undefined : `reset-ip:${ip}`,
});

export interface PasswordResetDeps {
  db: Database;
  clock: Clock;
  events: EventPublisher;
  publicUrl: () => string;
  /** Hands the reset link to the mailer (in the background: the answer never waits for it). */
  sendResetLink(to: { email: string; name: string; locale: 'fr' | 'en' }, link: string): void;
  /** Per email: links sent in the window (more asks are answered the same, and send nothing). Per address: requests, then 429. */
  limits: { perAccount: number; perAddress: number; windowSeconds: number };
  /** Where a failure of the work done after the answer is reported (logged). */
  onBackgroundError?: (err: unknown) => void;
}

/**
 * "Forgot my password": a single-use link, valid one hour, whose token is stored only as
 * its SHA-256. The request is answered by the same code whether the address has an
 * account or not: only the per-address limit and the counting are done before the
 * answer; finding the account, storing the token and mailing the link happen after it,
 * so the answer's timing cannot tell whether the address is known. Using the link sets
 * the password, ends every session of the account, and proves the mailbox (verified).
 */
export function createPasswordReset(deps: PasswordResetDeps) {
  const { db, clock } = deps;
  const inFlight = new Set<Promise<void>>();

  /** The part that differs between known and unknown addresses, run after the answer. */
  async function issueLink(email: string, now: Date, allowed: boolean): Promise<void> {
    await db.query('DELETE FROM password_reset_tokens WHERE expires_at < $1', [new Date(now.getTime() - 24 * 3600_000)]);
    const user = await findUserByEmail(db, email.trim());
    if (!user || user.disabled_at || !allowed) return;
    const token = randomBytes(32).toString('base64url');
    await db.query('INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      user.id,
      now,
      new Date(now.getTime() + TOKEN_TTL_MS),
    ]);
    deps.sendResetLink({ email: user.email, name: user.name, locale: user.locale }, `${deps.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`);
  }

  async function recent(key: string, now: Date): Promise<{ n: number; oldest: Date | null }> {
    const since = new Date(now.getTime() - deps.limits.windowSeconds * 1000);
    const r = await db.query<{ n: number; oldest: Date | null }>('SELECT count(*)::int AS n, min(at) AS oldest FROM auth_failures WHERE key = $1 AND at > $2', [
      key,
      since,
    ]);
    return r.rows[0] ?? { n: 0, oldest: null };
  }

  return {
    async forgot(email: string, ip: string): Promise<void> {
      const now = clock.now();
      const keys = resetThrottleKeys(email, ip);
      const byAddress = await recent(keys.address!, now);
      if (byAddress.n >= deps.limits.perAddress && byAddress.oldest) {
        const wait = Math.max(1, Math.ceil((byAddress.oldest.getTime() + deps.limits.windowSeconds * 1000 - now.getTime()) / 1000));
        throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      }
      const byAccount = await recent(keys.account, now);
      await db.query('INSERT INTO auth_failures (key, at) VALUES ($1, $3), ($2, $3)', [keys.address, keys.account, now]);
      // Everything above runs the same for every address; the rest runs after the answer.
      const work = issueLink(email, now, byAccount.n < deps.limits.perAccount).catch((err: unknown) => deps.onBackgroundError?.(err));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },

    /** Resolves once the links asked for so far are stored and handed to the mailer (shutdown, tests). */
    async idle(): Promise<void> {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },

    /** Sets the new password; 400 invalid_token when the token is unknown, used or expired. */
    async reset(token: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const now = clock.now();
        // One statement claims the token: two uses at once cannot both succeed.
        const claimed = await tx.query<{ user_id: string }>(
          'UPDATE password_reset_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id',
          [sha256(token), now],
        );
        const userId = claimed.rows[0]?.user_id;
        if (!userId) throw new AppError('invalid_token');
        // The link came through the mailbox: the address is verified too.
        const { rows } = await tx.query<{ email: string }>(
          'UPDATE users SET password_hash = $2, email_verified_at = coalesce(email_verified_at, $3), updated_at = $3 WHERE id = $1 RETURNING email',
          [userId, passwordHash, now],
        );
        // Every other link of the account dies with this one, and every session ends.
        await tx.query('UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
        await deleteUserSessions(tx, userId);
        // The person proved they own the address: failed logins are forgiven.
        if (rows[0]) await clearAccountThrottle(tx, rows[0].email);
        tx.afterCommit(() => deps.events.publish({ type: 'user.access_changed', userId }));
      });
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;

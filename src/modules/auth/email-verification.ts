import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { findUserById, toPublicUser, USER_COLUMNS, type PublicUser, type UserRow } from './users-repo.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface EmailVerificationDeps {
  db: Database;
  clock: Clock;
  publicUrl: () => string;
  /** Hands the link to the mailer (in the background: the answer never waits for it). */
  sendLink(to: { email: string; name: string; locale: 'fr' | 'en' }, link: string, hours: number): void;
  /** How long a link works (EMAIL_VERIFY_HOURS). */
  hours: number;
  /** Resends one account may ask for in the window (EMAIL_VERIFY_RESENDS), then 429. */
  resends: { perWindow: number; windowSeconds: number };
}

/**
 * Proof that the person behind an account reads its mailbox: a single-use link sent at
 * sign-up (and again on request), whose token is stored only as its SHA-256, for the
 * address it was sent to. OpenID Connect relies on it (see oidc.ts: an account whose
 * address was never proven is taken over, not linked). Ordering never needs it.
 */
export function createEmailVerification(deps: EmailVerificationDeps) {
  const { db, clock } = deps;

  /** A new link for this account's current address, mailed in the background. */
  async function sendLink(user: Pick<UserRow, 'id' | 'email' | 'name' | 'locale'>): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await db.query('DELETE FROM email_verification_tokens WHERE expires_at < $1', [new Date(now.getTime() - 24 * 3600_000)]);
    await db.query('INSERT INTO email_verification_tokens (token_hash, user_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      sha256(token),
      user.id,
      user.email,
      now,
      new Date(now.getTime() + deps.hours * 3600_000),
    ]);
    deps.sendLink(
      { email: user.email, name: user.name, locale: user.locale },
      `${deps.publicUrl()}/verify-email?token=${encodeURIComponent(token)}`,
      deps.hours,
    );
  }

  return {
    /** After a sign-up with a password: the first link. */
    afterSignUp: sendLink,

    /**
     * Another link, for the signed-in owner (POST /api/auth/email/resend). Nothing is sent
     * when the address is already verified; past EMAIL_VERIFY_RESENDS asks in the window,
     * 429 rate_limited (the person is signed in: telling them to wait reveals nothing).
     */
    async resend(userId: string): Promise<void> {
      const user = await findUserById(db, userId);
      if (!user || user.disabled_at) throw new AppError('unauthenticated');
      if (user.email_verified_at) return;
      const now = clock.now();
      const key = `verify-resend:${user.id}`;
      const windowMs = deps.resends.windowSeconds * 1000;
      const { rows } = await db.query<{ n: number; oldest: Date | null }>(
        'SELECT count(*)::int AS n, min(at) AS oldest FROM auth_failures WHERE key = $1 AND at > $2',
        [key, new Date(now.getTime() - windowMs)],
      );
      const recent = rows[0];
      if (recent && recent.n >= deps.resends.perWindow && recent.oldest) {
        const wait = Math.max(1, Math.ceil((recent.oldest.getTime() + windowMs - now.getTime()) / 1000));
        throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      }
      await db.query('INSERT INTO auth_failures (key, at) VALUES ($1, $2)', [key, now]);
      await sendLink(user);
    },

    /**
     * Uses a link: the account is verified, every other link of it dies. 400 invalid_token
     * when the token is unknown, used, expired, or was sent to an address the account no
     * longer has.
     */
    async verify(token: string): Promise<PublicUser> {
      return db.transaction(async (tx) => {
        const now = clock.now();
        // One statement claims the token: two uses at once cannot both succeed.
        const claimed = await tx.query<{ user_id: string; email: string }>(
          'UPDATE email_verification_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id, email',
          [sha256(token), now],
        );
        const link = claimed.rows[0];
        if (!link) throw new AppError('invalid_token');
        const { rows } = await tx.query<UserRow>(
          `UPDATE users SET email_verified_at = coalesce(email_verified_at, $3), updated_at = $3
            WHERE id = $1 AND lower(email) = lower($2) RETURNING ${USER_COLUMNS}`,
          [link.user_id, link.email, now],
        );
        if (!rows[0]) throw new AppError('invalid_token');
        await tx.query('UPDATE email_verification_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [link.user_id, now]);
        return toPublicUser(rows[0]);
      });
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;

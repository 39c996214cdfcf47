import type { AccountSummary } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { AppError } from '../../shared/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { resetThrottleKeys } from './password-reset.ts';
import { deleteOtherSessions, liveSessionsOf, type SessionUser } from './sessions.ts';
import { clearAccountThrottle, LoginThrottle, type ThrottleLimits } from './throttle.ts';
import { findUserById, postalAddressesByIds, toPublicUser, type PostalAddressRow, type PublicUser, type UserRow } from './users-repo.ts';

/**
 * What a signed-in person does to their own account: see how they sign in, change their
 * name and language, change their password (the current one asked again), and prove it
 * is them before the account is deleted. Wrong passwords count towards the same
 * throttle as failed logins, so a stolen session cannot be used to guess the password.
 */
export function createOwnAccount(deps: { db: Database; clock: Clock; throttle: ThrottleLimits; events: EventPublisher }) {
  const { db, clock } = deps;
  const throttle = new LoginThrottle(db, clock, deps.throttle);

  async function load(userId: string): Promise<UserRow> {
    const user = await findUserById(db, userId);
    if (!user || user.disabled_at) throw new AppError('unauthenticated');
    return user;
  }

  async function checkPassword(user: UserRow, password: string, ip: string, field: string): Promise<void> {
    const wait = await throttle.retryAfter(user.email, ip);
    if (wait !== undefined) throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
    if (!user.password_hash) {
      throw new AppError('wrong_password', {
        message: 'Ce compte n’a pas de mot de passe : choisissez-en un avec « Mot de passe oublié ».',
        details: { reason: 'no_password' },
      });
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      await throttle.recordFailure(user.email, ip);
      throw new AppError('wrong_password', { details: [{ field, message: 'Le mot de passe actuel est incorrect.' }] });
    }
  }

  /** The account as its owner sees it: the public user, and how they can sign in. */
  async function summary(userId: string): Promise<AccountSummary> {
    const user = await load(userId);
    const { rows } = await db.query<{ issuer: string; created_at: Date }>(
      'SELECT issuer, created_at FROM user_identities WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
    return {
      user: toPublicUser(user),
      hasPassword: user.password_hash !== null,
      identities: rows.map((r) => ({ provider: 'oidc', issuer: r.issuer, linkedAt: r.created_at.toISOString() })),
      createdAt: user.created_at.toISOString(),
      postalAddress: (await postalAddressesByIds(db, [userId])).get(userId) ?? null,
    };
  }

  return {
    summary,

    /** What auth holds about a person, for their data export: the profile and the live sessions. */
    async exportFor(userId: string) {
      const s = await summary(userId);
      return {
        profile: { ...s.user, createdAt: s.createdAt, hasPassword: s.hasPassword, identities: s.identities, postalAddress: s.postalAddress },
        sessions: await liveSessionsOf(db, clock, userId),
      };
    },

    /**
     * First step of erasing an account, in the deletion's transaction: the account's row is
     * locked and its name and email returned. The last active administrator cannot leave
     * (the admins' rows are locked in the same order as the admin routes lock them).
     */
    async lockForErasure(tx: Queryable, me: SessionUser): Promise<{ name: string; email: string }> {
      if (me.role === 'admin') {
        const admins = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
        if (admins.rows.length <= 1 && admins.rows.some((a) => a.id === me.id)) throw new AppError('last_admin');
      }
      const { rows } = await tx.query<{ name: string; email: string }>('SELECT name, email FROM users WHERE id = $1 FOR UPDATE', [me.id]);
      if (!rows[0]) throw new AppError('unauthenticated');
      return rows[0];
    },

    /**
     * Last step of erasing an account: its failed-login and reset counts go, then the account;
     * the database deletes what hangs on it (sessions, tokens, identities, cart) and unlinks
     * the rest (orders, history, stock movements, journal).
     */
    async eraseFor(tx: Queryable, userId: string, email: string): Promise<void> {
      await tx.query('DELETE FROM auth_failures WHERE key = $1 OR key = $2', [`verify-resend:${userId}`, resetThrottleKeys(email).account]);
      await clearAccountThrottle(tx, email);
      await tx.query('DELETE FROM users WHERE id = $1', [userId]);
    },

    async updateProfile(userId: string, patch: { name?: string; locale?: 'fr' | 'en'; postalAddress?: PostalAddressRow | null }): Promise<PublicUser> {
      // The address is left as it is when absent from the patch, removed when null.
      const address = patch.postalAddress;
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET name = coalesce($2, name), locale = coalesce($3, locale), updated_at = $4,
                address_line = CASE WHEN $5 THEN $6 ELSE address_line END,
                address_postcode = CASE WHEN $5 THEN $7 ELSE address_postcode END,
                address_city = CASE WHEN $5 THEN $8 ELSE address_city END
          WHERE id = $1 AND disabled_at IS NULL RETURNING id, name, email, role, locale, email_verified_at`,
        [
          userId,
          patch.name ?? null,
          patch.locale ?? null,
          clock.now(),
          address !== undefined,
          address?.line ?? null,
          address?.postcode ?? null,
          address?.city ?? null,
        ],
      );
      if (!rows[0]) throw new AppError('unauthenticated');
      return toPublicUser(rows[0]);
    },

    /** The current password, then the new one; every other session ends, this one stays. */
    async changePassword(
      me: SessionUser,
      currentToken: string | undefined,
      input: { currentPassword: string; newPassword: string },
      ip: string,
    ): Promise<void> {
      const user = await load(me.id);
      await checkPassword(user, input.currentPassword, ip, 'currentPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        const now = clock.now();
        await tx.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [user.id, passwordHash, now]);
        await deleteOtherSessions(tx, user.id, currentToken);
        // Reset links asked before the change would undo it: they die.
        await tx.query('UPDATE password_reset_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [user.id, now]);
        // The other sessions' open connections are cut at once, on every node.
        tx.afterCommit(() => deps.events.publish({ type: 'user.access_changed', userId: user.id }));
      });
      await throttle.clearAccount(user.email);
    },

    /**
     * Proof that the owner, not just a session, asks to delete the account: the password,
     * or for an account that signs in only through OpenID Connect, its email typed again.
     */
    async confirmOwner(me: SessionUser, proof: { password?: string; confirm?: string }, ip: string): Promise<UserRow> {
      const user = await load(me.id);
      if (user.password_hash) {
        if (!proof.password) {
          throw new AppError('validation_failed', { details: [{ field: 'password', message: 'Le mot de passe est requis.' }] });
        }
        await checkPassword(user, proof.password, ip, 'password');
        return user;
      }
      if (!proof.confirm || proof.confirm.toLowerCase() !== user.email.toLowerCase()) throw new AppError('confirmation_required');
      return user;
    },
  };
}

export type OwnAccount = ReturnType<typeof createOwnAccount>;

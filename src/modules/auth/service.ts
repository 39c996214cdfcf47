import type { Database } from '../../db/index.ts';
import { AppError, sqlState } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts';
import { accountAccess, createSession, deleteSession, findSessionUser, sessionKey, type SessionUser } from './sessions.ts';
import { LoginThrottle, type ThrottleLimits } from './throttle.ts';
import { findUserByEmail, insertUser, toPublicUser, type Role } from './users-repo.ts';

export interface AuthDeps {
  db: Database;
  clock: Clock;
  sessionDays: number;
  throttle: ThrottleLimits;
  /** Told when a session ends, so open connections of that session are cut (realtime). */
  events?: EventPublisher;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps;
  const throttle = new LoginThrottle(db, clock, deps.throttle);
  const openSession = (userId: string, client: ClientInfo) =>
    createSession(db, clock, userId, { days: deps.sessionDays, userAgent: client.userAgent, ip: client.ip });

  return {
    async register(input: { name: string; email: string; password: string; locale?: 'fr' | 'en' }, client: ClientInfo) {
      const passwordHash = await hashPassword(input.password);
      let user;
      try {
        user = await insertUser(db, { ...input, passwordHash, role: 'customer' });
      } catch (err) {
        if (sqlState(err) === '23505') throw new AppError('email_taken');
        throw err;
      }
      const session = await openSession(user.id, client);
      return { user: toPublicUser(user), session };
    },

    /**
     * One answer for an unknown email, a wrong password and a disabled account, in the
     * same time, so the login form never tells whether an address has an account.
     */
    async login(input: { email: string; password: string }, client: ClientInfo) {
      const wait = await throttle.retryAfter(input.email, client.ip);
      if (wait !== undefined) {
        throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      }
      const user = await findUserByEmail(db, input.email);
      const ok = user?.password_hash
        ? await verifyPassword(user.password_hash, input.password)
        : (await burnPasswordCheck(input.password), false);
      if (!user || !ok || user.disabled_at) {
        await throttle.recordFailure(input.email, client.ip);
        throw new AppError('invalid_credentials');
      }
      await throttle.clearAccount(input.email);
      const session = await openSession(user.id, client);
      return { user: toPublicUser(user), session };
    },

    /** A new session for someone whose identity was proven elsewhere (OpenID Connect). */
    startSession: (userId: string, client: ClientInfo) => openSession(userId, client),
    /** Logout and rotation: the session ends, and so do its open connections on every node. */
    async endSession(token: string): Promise<void> {
      const userId = await deleteSession(db, token);
      if (userId) deps.events?.publish({ type: 'user.access_changed', userId });
    },
    userForToken: (token: string): Promise<SessionUser | undefined> => findSessionUser(db, clock, token),
    sessionKey,
    accountAccess: (userId: string) => accountAccess(db, clock, userId),
    pruneThrottle: () => throttle.prune(),

    /**
     * Makes sure an account exists with this role (ADMIN_EMAIL, demo accounts). With
     * `reset`, an existing account gets this password and role back; without, it is left
     * alone. One statement, so nodes starting together cannot trip over each other.
     */
    async ensureAccount(a: { name: string; email: string; password: string; role: Role }, opts: { reset: boolean } = { reset: true }): Promise<void> {
      const passwordHash = await hashPassword(a.password);
      await db.query(
        `INSERT INTO users (name, email, password_hash, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT ((lower(email))) DO ${opts.reset ? 'UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, disabled_at = NULL, updated_at = now()' : 'NOTHING'}`,
        [a.name, a.email, passwordHash, a.role],
      );
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

import type { Database } from '../../db/index.ts';
import { AppError, notFound, sqlState } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts';
import {
  accountAccess,
  createSession,
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  deleteSessionById,
  findSessionUser,
  listUserSessions,
  sessionKey,
  useSession,
  type SessionUser,
} from './sessions.ts';
import { LoginThrottle, SignupThrottle, type ThrottleLimits } from './throttle.ts';
import { SessionCache } from './session-cache.ts';
import { findUserByEmail, insertUser, toPublicUser, type Role, type UserRow } from './users-repo.ts';

export interface AuthDeps {
  db: Database;
  clock: Clock;
  sessionDays: number;
  throttle: ThrottleLimits;
  /** Sign-ups allowed per client address in a sliding minute (SIGNUP_PER_MINUTE). */
  signupPerMinute?: number;
  /** Told when a session ends, so open connections of that session are cut (realtime). */
  events?: EventPublisher;
  /** A session's last_seen_at is written at most this often (SESSION_TOUCH_SECONDS). */
  touchSeconds?: number;
  /** A node reuses a session it looked up for this long, in ms (SESSION_CACHE_MS; 0: never). */
  sessionCacheMs?: number;
  /** Whom a disabled account is told to write to (the association's contact address), if set. */
  disabledContact?: () => Promise<string | undefined>;
}

/** Told of each new password account (the email-verification link goes out from here). */
type SignUpListener = (user: UserRow) => Promise<void>;

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps;
  const throttle = new LoginThrottle(db, clock, deps.throttle);
  const signups = new SignupThrottle(db, clock, deps.signupPerMinute ?? 300);
  const signUpListeners: SignUpListener[] = [];
  const sessions = new SessionCache(deps.sessionCacheMs ?? 0);
  const openSession = (userId: string, client: ClientInfo) =>
    createSession(db, clock, userId, { days: deps.sessionDays, userAgent: client.userAgent, ip: client.ip });

  return {
    async register(input: { name: string; email: string; password: string; locale?: 'fr' | 'en' }, client: ClientInfo) {
      // Counted before the password is hashed: a flood of sign-ups is refused cheaply.
      const wait = await signups.take(client.ip);
      if (wait !== undefined) {
        throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      }
      const passwordHash = await hashPassword(input.password);
      let user;
      try {
        user = await insertUser(db, { ...input, passwordHash, role: 'customer' });
      } catch (err) {
        if (sqlState(err) === '23505') throw new AppError('email_taken');
        throw err;
      }
      for (const listener of signUpListeners) await listener(user);
      const session = await openSession(user.id, client);
      return { user: toPublicUser(user), session };
    },

    /** Registers what happens after each sign-up with a password (wired by the composition root). */
    onSignUp(listener: SignUpListener): void {
      signUpListeners.push(listener);
    },

    /**
     * One answer for an unknown email and a wrong password, in the same time, so the login
     * form never tells whether an address has an account. Only someone who gave the right
     * password learns that the account is disabled, and whom to contact.
     */
    async login(input: { email: string; password: string }, client: ClientInfo) {
      const wait = await throttle.retryAfter(input.email, client.ip);
      if (wait !== undefined) {
        throw new AppError('rate_limited', { headers: { 'Retry-After': String(wait) }, details: { retryAfter: wait } });
      }
      const user = await findUserByEmail(db, input.email);
      let ok = false;
      if (user?.password_hash) ok = await verifyPassword(user.password_hash, input.password);
      else await burnPasswordCheck(input.password);
      if (!user || !ok) {
        await throttle.recordFailure(input.email, client.ip);
        throw new AppError('invalid_credentials');
      }
      if (user.disabled_at) {
        const contact = (await deps.disabledContact?.()) || undefined;
        throw new AppError('account_disabled', {
          message: contact
            ? `Ce compte est désactivé. Pour en savoir plus, écrivez à ${contact}.`
            : 'Ce compte est désactivé. Pour en savoir plus, contactez l’association.',
          details: { contact: contact ?? null },
        });
      }
      await throttle.clearAccount(input.email, client.ip);
      const session = await openSession(user.id, client);
      return { user: toPublicUser(user), session };
    },

    /** A new session for someone whose identity was proven elsewhere (OpenID Connect). */
    startSession: (userId: string, client: ClientInfo) => openSession(userId, client),
    /** Logout and rotation: the session ends, and so do its open connections on every node. */
    async endSession(token: string): Promise<void> {
      const userId = await deleteSession(db, token);
      if (userId) sessions.forgetUser(userId);
      if (userId) deps.events?.publish({ type: 'user.access_changed', userId });
    },
    userForToken: (token: string): Promise<SessionUser | undefined> => findSessionUser(db, clock, token),
    /**
     * The user of a request's session, noting when the session was last used (in the same
     * statement, and only when the last note is older than `touchSeconds`, default 60); reused
     * from this node's cache for SESSION_CACHE_MS.
     */
    async requestUser(token: string): Promise<SessionUser | undefined> {
      const cached = sessions.get(token, clock.now());
      if (cached) return cached;
      const found = await useSession(db, clock, token, deps.touchSeconds ?? 60);
      if (!found) return undefined;
      sessions.set(token, found.user, found.expiresAt);
      return found.user;
    },
    /** This node forgets the sessions it keeps of an account (user.access_changed, or a write to that account). */
    forgetSessionsOf: (userId: string) => sessions.forgetUser(userId),
    /** The person's live sessions, the current one marked (ASVS 7.4.3). */
    listSessions: (userId: string, currentToken: string | undefined) => listUserSessions(db, clock, userId, currentToken),
    /** Ends one of the person's sessions by its public id, and its open connections; 404 when it is not theirs. */
    async endSessionById(userId: string, id: string): Promise<void> {
      if (!isUuid(id) || !(await deleteSessionById(db, userId, id))) throw notFound();
      deps.events?.publish({ type: 'user.access_changed', userId });
    },
    /** Ends every session of the person but the current one, and their open connections (ASVS 7.5.2). */
    async endOtherSessions(userId: string, currentToken: string | undefined): Promise<void> {
      await deleteOtherSessions(db, userId, currentToken);
      deps.events?.publish({ type: 'user.access_changed', userId });
    },
    sessionKey,
    accountAccess: (userId: string) => accountAccess(db, clock, userId),
    pruneThrottle: () => throttle.prune(),
    /** Sessions past their expiry no longer authenticate; the sweeper deletes their rows. */
    purgeExpiredSessions: () => deleteExpiredSessions(db, clock),

    /**
     * Makes sure an account exists with this role (ADMIN_EMAIL, demo accounts). With
     * `reset`, an existing account gets this password and role back; without, it is left
     * alone. One statement, so nodes starting together cannot trip over each other.
     * The operator names these addresses: they count as verified. With `reset`, an
     * account someone had signed up for with that address before it was verified loses
     * its sessions first (its password is replaced just below): it is the operator's now.
     */
    async ensureAccount(a: { name: string; email: string; password: string; role: Role }, opts: { reset: boolean } = { reset: true }): Promise<void> {
      const passwordHash = await hashPassword(a.password);
      if (opts.reset) {
        await db.query('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE lower(email) = lower($1) AND email_verified_at IS NULL)', [a.email]);
      }
      await db.query(
        `INSERT INTO users (name, email, password_hash, role, email_verified_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(email))) DO ${
           opts.reset
             ? 'UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, disabled_at = NULL, email_verified_at = coalesce(users.email_verified_at, EXCLUDED.email_verified_at), updated_at = now()'
             : 'NOTHING'
         }`,
        [a.name, a.email, passwordHash, a.role, clock.now()],
      );
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

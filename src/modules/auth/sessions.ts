import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Role } from './users-repo.ts';

/** The person behind a live session, as every request sees them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: 'fr' | 'en';
  emailVerified: boolean;
}

export const SESSION_COOKIE = 'ps_session';

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Opens a session and returns the opaque token for the cookie (only its hash is stored). */
export async function createSession(
  db: Queryable,
  clock: Clock,
  userId: string,
  opts: { days: number; userAgent?: string; ip?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(clock.now().getTime() + opts.days * 86_400_000);
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5)', [
    hashToken(token),
    userId,
    expiresAt,
    opts.userAgent?.slice(0, 300) ?? null,
    opts.ip ?? null,
  ]);
  return { token, expiresAt };
}

/** The user of a live session: unexpired, and the account not disabled (checked on every use). */
export function findSessionUser(db: Queryable, clock: Clock, token: string): Promise<SessionUser | undefined> {
  return findSession(db, clock, token);
}

/** A live session's user (sockets: no note of use). */
async function findSession(db: Queryable, clock: Clock, token: string): Promise<SessionUser | undefined> {
  if (!token || token.length > 100) return undefined;
  const r = await db.query<SessionUser>(
    `SELECT u.id, u.name, u.email, u.role, u.locale, u.email_verified_at IS NOT NULL AS "emailVerified"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [hashToken(token), clock.now()],
  );
  return r.rows[0];
}

/**
 * A request's live session and its user, noting in the same statement that it was used now
 * when the last note is older than `touchSeconds` (or there is none yet): one round trip, and
 * a write only once per `touchSeconds` (SESSION_TOUCH_SECONDS).
 */
export async function useSession(
  db: Queryable,
  clock: Clock,
  token: string,
  touchSeconds: number,
): Promise<{ user: SessionUser; expiresAt: Date } | undefined> {
  if (!token || token.length > 100) return undefined;
  const now = clock.now();
  const r = await db.query<SessionUser & { expires_at: Date }>(
    `WITH found AS (
       SELECT u.id, u.name, u.email, u.role, u.locale, u.email_verified_at IS NOT NULL AS "emailVerified", s.expires_at, s.token_hash
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL),
     noted AS (
       UPDATE sessions SET last_seen_at = $2
        WHERE token_hash IN (SELECT token_hash FROM found) AND (last_seen_at IS NULL OR last_seen_at <= $3))
     SELECT id, name, email, role, locale, "emailVerified", expires_at FROM found`,
    [hashToken(token), now, new Date(now.getTime() - touchSeconds * 1000)],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  const { expires_at, ...user } = row;
  return { user, expiresAt: expires_at };
}

/** A person's live sessions as they see them: an opaque id (never the token nor its hash), newest use first. */
export async function listUserSessions(db: Queryable, clock: Clock, userId: string, currentToken: string | undefined) {
  const r = await db.query<{ id: string; current: boolean; created_at: Date; last_seen_at: Date; user_agent: string | null }>(
    `SELECT id, token_hash = $3 AS current, created_at, coalesce(last_seen_at, created_at) AS last_seen_at, user_agent
       FROM sessions WHERE user_id = $1 AND expires_at > $2
      ORDER BY token_hash = $3 DESC, coalesce(last_seen_at, created_at) DESC, created_at DESC`,
    [userId, clock.now(), currentToken ? hashToken(currentToken) : ''],
  );
  return r.rows.map((s) => ({
    id: s.id,
    current: s.current,
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    userAgent: s.user_agent,
  }));
}

/** Ends one of a person's sessions by its public id; false when they have no such session. */
export async function deleteSessionById(db: Queryable, userId: string, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM sessions WHERE id = $1 AND user_id = $2', [id, userId])).rowCount > 0;
}

/** Ends one session; resolves with its user's id (undefined when there was no such session). */
export async function deleteSession(db: Queryable, token: string): Promise<string | undefined> {
  const r = await db.query<{ user_id: string }>('DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id', [hashToken(token)]);
  return r.rows[0]?.user_id;
}

/**
 * A session's stable name that is not its token (the hash the table is keyed by): open
 * connections are grouped by it, so the ones of an ended session can be found.
 */
export const sessionKey = (token: string): string => hashToken(token);

/**
 * What an account may reach right now: its role and the keys of its live sessions;
 * undefined when the account is gone or disabled.
 */
export async function accountAccess(db: Queryable, clock: Clock, userId: string): Promise<{ role: Role; sessionKeys: string[] } | undefined> {
  const r = await db.query<{ role: Role; token_hash: string | null }>(
    `SELECT u.role, s.token_hash
       FROM users u LEFT JOIN sessions s ON s.user_id = u.id AND s.expires_at > $2
      WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId, clock.now()],
  );
  if (!r.rows[0]) return undefined;
  return { role: r.rows[0].role, sessionKeys: r.rows.flatMap((row) => (row.token_hash ? [row.token_hash] : [])) };
}

/** The live sessions of an account, oldest first, as its owner's data export shows them. */
export async function liveSessionsOf(db: Queryable, clock: Clock, userId: string) {
  const r = await db.query<{ created_at: Date; expires_at: Date; last_seen_at: Date | null; user_agent: string | null; ip: string | null }>(
    'SELECT created_at, expires_at, last_seen_at, user_agent, ip FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at',
    [userId, clock.now()],
  );
  return r.rows.map((s) => ({
    createdAt: s.created_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    lastSeenAt: s.last_seen_at?.toISOString() ?? null,
    userAgent: s.user_agent,
    ip: s.ip,
  }));
}

export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

/** Ends every session of an account but one (a password change keeps the session that made it). */
export async function deleteOtherSessions(db: Queryable, userId: string, keepToken: string | undefined): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, keepToken ? hashToken(keepToken) : '']);
}

export async function deleteExpiredSessions(db: Queryable, clock: Clock): Promise<number> {
  return (await db.query('DELETE FROM sessions WHERE expires_at <= $1', [clock.now()])).rowCount;
}

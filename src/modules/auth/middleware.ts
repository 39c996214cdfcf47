import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { AppError } from '../../shared/errors.ts';
import { SESSION_COOKIE, type SessionUser } from './sessions.ts';
import type { AuthService } from './service.ts';
import type { Role } from './users-repo.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by `authenticate` when the session cookie names a live session. */
      user?: SessionUser;
      sessionToken?: string;
    }
  }
}

export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[SESSION_COOKIE] || undefined;
}

/**
 * Requests that may change the caller's own account in ways that are not access changes (a
 * name, a language, a verification). Access changes — an admin's role or disabling, a password,
 * sign-outs — publish user.access_changed, which forgets the account's sessions on every node.
 */
const OWN_ACCOUNT_WRITES = /^\/api\/(auth|account)(\/|\?|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session's user on every request (reused for SESSION_CACHE_MS); a dead session is
 * simply anonymous. After a request that may have changed an account, this node forgets that
 * account's sessions (only those: a sign-in elsewhere in the shop keeps everyone else's), so the
 * next request reads the account as it is now.
 */
export function authenticate(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readSessionToken(req.headers.cookie);
    if (token) {
      const user = await auth.requestUser(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    const writer = req.user;
    if (writer && !SAFE_METHODS.has(req.method) && OWN_ACCOUNT_WRITES.test(req.originalUrl)) {
      res.once('finish', () => auth.forgetSessionsOf(writer.id));
    }
    next();
  };
}

/** The one role check: signed in, and one of these roles. */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) throw new AppError('unauthenticated');
    if (!roles.includes(req.user.role)) throw new AppError('forbidden');
    next();
  };
}

export const requireUser = requireRole('customer', 'staff', 'admin');
export const requireStaff = requireRole('staff', 'admin');
export const requireAdmin = requireRole('admin');

/** The signed-in user of a request that passed requireRole. */
export function userOf(req: Request): SessionUser {
  if (!req.user) throw new AppError('unauthenticated');
  return req.user;
}

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

/** Loads the session's user on every request; a dead session is simply anonymous. */
export function authenticate(auth: AuthService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readSessionToken(req.headers.cookie);
    if (token) {
      const user = await auth.requestUser(token);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
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

import { Router, type Request, type Response } from 'express';
import { serialize } from 'cookie';
import { parse } from '../../shared/validate.ts';
import { loginBody, registerBody, type Cart } from '../../contract/index.ts';
import { SESSION_COOKIE } from './sessions.ts';
import type { AuthService, ClientInfo } from './service.ts';
import { requireUser, userOf } from './middleware.ts';

export const clientOf = (req: Request): ClientInfo => ({ ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') });

/**
 * Whether a cookie set on this answer carries `Secure`: when the request came over https
 * (directly, or through a trusted proxy's X-Forwarded-Proto), and always when PUBLIC_URL is
 * https — so a proxy that does not forward the protocol cannot downgrade the session cookie.
 */
export const secureCookie = (req: Request): boolean => req.secure || req.app.get('secure cookies') === true;

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(req),
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secureCookie(req), path: '/', maxAge: 0 }));
}

/**
 * Run once a person is signed in (sign-up, sign-in), before the answer: the composition root
 * merges the browser's guest cart here (auth knows nothing of carts). What it returns goes in
 * the answer as `cart`.
 */
export type SignedInHook = (req: Request, res: Response, userId: string) => Promise<Cart | undefined>;

export function authRoutes(auth: AuthService, providers: () => Array<{ id: string; label: string }>, onSignedIn?: SignedInHook): Router {
  const signedIn = async (req: Request, res: Response, userId: string) => {
    const cart = onSignedIn ? await onSignedIn(req, res, userId) : undefined;
    return cart ? { cart } : {};
  };
  const r = Router();

  r.post('/register', async (req, res) => {
    const body = parse(registerBody, req.body);
    const { user, session } = await auth.register(body, clientOf(req));
    if (req.sessionToken) await auth.endSession(req.sessionToken);
    setSessionCookie(req, res, session.token, session.expiresAt);
    res.status(201).json({ user, ...(await signedIn(req, res, user.id)) });
  });

  r.post('/login', async (req, res) => {
    const body = parse(loginBody, req.body);
    const { user, session } = await auth.login(body, clientOf(req));
    // Rotation: whatever session the browser held before is ended, a new id is issued.
    if (req.sessionToken) await auth.endSession(req.sessionToken);
    setSessionCookie(req, res, session.token, session.expiresAt);
    res.json({ user, ...(await signedIn(req, res, user.id)) });
  });

  r.post('/logout', async (req, res) => {
    if (req.sessionToken) await auth.endSession(req.sessionToken);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  r.get('/me', requireUser, (req, res) => {
    res.json({ user: userOf(req) });
  });

  r.get('/providers', (_req, res) => {
    res.json(providers());
  });

  return r;
}

import { Router, type Request, type Response } from 'express';
import { escapeHtml as esc } from '../../shared/html.ts';
import { parse as parseCookie, serialize } from 'cookie';
import type { Logger } from '../../shared/logger.ts';
import { clientOf, secureCookie, setSessionCookie } from './routes.ts';
import type { AuthService } from './service.ts';
import { OIDC_COOKIE, OidcFailure, safeNextPath, type Oidc, type OidcFailureReason } from './oidc.ts';

const PAGES: Record<'fr' | 'en', { title: string; retry: string; back: string } & Record<OidcFailureReason, string>> = {
  fr: {
    title: 'La connexion n’a pas abouti',
    retry: 'Réessayer',
    back: 'Revenir à la page de connexion',
    expired: 'Cette connexion a expiré ou a déjà servi. Recommencez depuis la page de connexion.',
    denied: 'Le service de connexion a refusé ou annulé la demande. Aucune connexion n’a été ouverte.',
    invalid: 'La réponse du service de connexion n’a pas pu être vérifiée. Par sécurité, aucune connexion n’a été ouverte.',
    unverified_email:
      'Le service de connexion n’a pas confirmé votre adresse e-mail : nous ne pouvons pas vous relier à un compte. Confirmez votre adresse auprès de ce service, ou connectez-vous avec votre e-mail et votre mot de passe.',
    disabled: 'Ce compte est désactivé. Contactez l’équipe de Panier Solidaire.',
    unavailable:
      'Le service de connexion ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous avec votre e-mail et votre mot de passe.',
  },
  en: {
    title: 'Sign-in did not complete',
    retry: 'Try again',
    back: 'Back to the sign-in page',
    expired: 'This sign-in has expired or was already used. Please start again from the sign-in page.',
    denied: 'The sign-in service refused or canceled the request. You are not signed in.',
    invalid: 'The sign-in service’s answer could not be verified. For your safety, you are not signed in.',
    unverified_email:
      'The sign-in service did not confirm your email address, so we cannot link you to an account. Confirm your address with that service, or sign in with your email and password.',
    disabled: 'This account is disabled. Please contact the Panier Solidaire team.',
    unavailable: 'The sign-in service is not answering right now. Try again in a few minutes, or sign in with your email and password.',
  },
};

const PAGE_CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fbf7f2;color:#1d1d1f;margin:0;padding:2rem 1rem}
main{max-width:36rem;margin:0 auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 1rem;color:#b00d27}a{color:#0b57d0}p.actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.5rem}`;

/**
 * The page a failed sign-in ends on: plain server-rendered HTML (no script, no inline
 * style: the strict CSP holds), in the visitor's language, with a way back. Never a
 * stack trace; the cause goes to the log only.
 */
function failurePage(req: Request, res: Response, reason: OidcFailureReason): void {
  const lang = req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : 'fr';
  const w = PAGES[lang];
  res
    .status(reason === 'unavailable' ? 503 : reason === 'disabled' ? 403 : 400)
    .type('html')
    .send(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)} — Panier Solidaire</title><link rel="stylesheet" href="/api/auth/oidc/page.css"></head>
<body><main><h1>${esc(w.title)}</h1><p>${esc(w[reason])}</p>
<p class="actions"><a href="/login">${esc(w.back)}</a> <a href="/api/auth/oidc/login">${esc(w.retry)}</a></p></main></body></html>`);
}

function bindingCookie(req: Request, value: string, maxAge: number): string {
  return serialize(OIDC_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: secureCookie(req), path: '/api/auth/oidc', maxAge });
}

/** GET /api/auth/oidc/login and /api/auth/oidc/callback (only mounted when OIDC is configured). */
export function oidcRoutes(deps: { oidc: Oidc; auth: AuthService; logger: Logger }): Router {
  const { oidc, auth, logger } = deps;
  const r = Router();

  const fail = (req: Request, res: Response, err: unknown) => {
    const reason = err instanceof OidcFailure ? err.reason : 'invalid';
    const cause = err instanceof OidcFailure ? err.cause : err;
    // The cause's name, code and message only: never the callback URL (it carries the code).
    const c = cause as { name?: string; code?: string; error?: string; message?: string } | undefined;
    logger.warn({ reason, cause: c ? { name: c.name, code: c.code, error: c.error, message: c.message } : undefined }, 'OpenID Connect sign-in refused');
    failurePage(req, res, reason);
  };

  r.get('/auth/oidc/page.css', (_req, res) => {
    res.type('css').send(PAGE_CSS);
  });

  r.get('/auth/oidc/login', async (req, res) => {
    try {
      const { url, binding, maxAgeSeconds } = await oidc.begin(safeNextPath(req.query.next));
      res.append('Set-Cookie', bindingCookie(req, binding, maxAgeSeconds));
      res.redirect(302, url);
    } catch (err) {
      fail(req, res, err);
    }
  });

  r.get('/auth/oidc/callback', async (req, res) => {
    res.append('Set-Cookie', bindingCookie(req, '', 0));
    try {
      const binding = req.headers.cookie ? parseCookie(req.headers.cookie)[OIDC_COOKIE] : undefined;
      const query = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
      const { user, next } = await oidc.complete(binding, query);
      // Same as a password login: whatever session the browser held ends, a new one starts.
      if (req.sessionToken) await auth.endSession(req.sessionToken);
      const session = await auth.startSession(user.id, clientOf(req));
      setSessionCookie(req, res, session.token, session.expiresAt);
      logger.info({ userId: user.id }, 'connexion OpenID Connect');
      res.redirect(302, next);
    } catch (err) {
      fail(req, res, err);
    }
  });

  return r;
}

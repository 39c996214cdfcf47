import { Router } from 'express';
import { parse } from '../../shared/validate.ts';
import { forgotBody, passwordChangeBody, profilePatch, resetBody, verifyBody } from '../../contract/index.ts';
import type { EmailVerification } from './email-verification.ts';
import { requireUser, userOf } from './middleware.ts';
import type { OwnAccount } from './own-account.ts';
import type { PasswordReset } from './password-reset.ts';
import { clientOf } from './routes.ts';
import type { AuthService } from './service.ts';

/**
 * Password reset (anyone) and the signed-in person's own account settings:
 *   POST /api/auth/password/forgot   POST /api/auth/password/reset
 *   POST /api/auth/email/verify   POST /api/auth/email/resend
 *   GET /api/account   PATCH /api/account   POST /api/account/password
 *   GET /api/account/sessions   DELETE /api/account/sessions/:id   POST /api/account/sessions/end-others
 */
export function accountRoutes(deps: { auth: AuthService; reset: PasswordReset; own: OwnAccount; verification: EmailVerification }): Router {
  const { auth, reset, own, verification } = deps;
  const r = Router();

  r.post('/auth/password/forgot', async (req, res) => {
    const body = parse(forgotBody, req.body);
    await reset.forgot(body.email, clientOf(req).ip);
    res.status(202).json({ status: 'accepted' });
  });

  r.post('/auth/password/reset', async (req, res) => {
    const body = parse(resetBody, req.body);
    await reset.reset(body.token, body.password);
    res.json({ status: 'password_changed' });
  });

  // The link may be opened on another device than the one signed in: the token is the proof.
  r.post('/auth/email/verify', async (req, res) => {
    const body = parse(verifyBody, req.body);
    res.json({ user: await verification.verify(body.token) });
  });

  r.post('/auth/email/resend', requireUser, async (req, res) => {
    await verification.resend(userOf(req).id);
    res.status(202).json({ status: 'accepted' });
  });

  r.get('/account', requireUser, async (req, res) => {
    res.json(await own.summary(userOf(req).id));
  });

  r.patch('/account', requireUser, async (req, res) => {
    const body = parse(profilePatch, req.body);
    res.json({ user: await own.updateProfile(userOf(req).id, body) });
  });

  r.post('/account/password', requireUser, async (req, res) => {
    const body = parse(passwordChangeBody, req.body);
    await own.changePassword(userOf(req), req.sessionToken, body, clientOf(req).ip);
    res.json({ status: 'password_changed' });
  });

  r.get('/account/sessions', requireUser, async (req, res) => {
    res.json(await auth.listSessions(userOf(req).id, req.sessionToken));
  });

  // Registered before /:id so that "end-others" is never taken for an id.
  r.post('/account/sessions/end-others', requireUser, async (req, res) => {
    await auth.endOtherSessions(userOf(req).id, req.sessionToken);
    res.status(204).end();
  });

  r.delete('/account/sessions/:id', requireUser, async (req, res) => {
    await auth.endSessionById(userOf(req).id, String(req.params.id));
    res.status(204).end();
  });

  return r;
}

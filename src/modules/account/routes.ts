import { Router } from 'express';
import { parse } from '../../shared/validate.ts';
import { deletionBody } from '../../contract/index.ts';
import { clearSessionCookie, requireUser, userOf } from '../auth/index.ts';
import type { AccountData } from './service.ts';

/** GET /api/account/export (a JSON download of all my data) and DELETE /api/account. */
export function accountDataRoutes(data: AccountData): Router {
  const r = Router();

  r.get('/account/export', requireUser, async (req, res) => {
    const exported = await data.exportData(userOf(req).id);
    const day = exported.exportedAt.slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="panier-solidaire-mes-donnees-${day}.json"`);
    res.type('application/json').send(JSON.stringify(exported, null, 2));
  });

  r.delete('/account', requireUser, async (req, res) => {
    const body = parse(deletionBody, req.body ?? {});
    await data.deleteAccount(userOf(req), body, req.ip ?? 'unknown');
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return r;
}

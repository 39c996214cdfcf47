import { Router } from 'express';
import { createCentreBody as createBody, updateCentreBody as patchBody } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { parse } from '../../shared/validate.ts';
import { requireAdmin, userOf } from '../auth/index.ts';
import { createCentreAdmin } from './admin-service.ts';

/** Admin management of centres and their hours. A deactivated centre leaves checkout; past orders keep it. */
export function adminCentreRoutes(db: Database, clock: Clock): Router {
  const centres = createCentreAdmin(db, clock);
  const r = Router();
  r.use('/admin/centres', requireAdmin);

  r.get('/admin/centres', async (_req, res) => {
    res.json(await centres.list());
  });

  r.post('/admin/centres', async (req, res) => {
    const b = parse(createBody, req.body);
    res.status(201).json(await centres.create(userOf(req), b));
  });

  r.patch('/admin/centres/:id', async (req, res) => {
    const b = parse(patchBody, req.body);
    res.json(await centres.update(userOf(req), String(req.params.id), b));
  });

  return r;
}

import type { Router } from 'express';
import { createCentreBody as createBody, updateCentreBody as patchBody } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { adminRouter, createHandler, updateHandler } from '../auth/index.ts';
import { createCentreAdmin } from './admin-service.ts';

/** Admin management of centres and their hours. A deactivated centre leaves checkout; past orders keep it. */
export function adminCentreRoutes(db: Database, clock: Clock): Router {
  const centres = createCentreAdmin(db, clock);
  const r = adminRouter('/admin/centres');

  r.get('/admin/centres', async (_req, res) => {
    res.json(await centres.list());
  });

  r.post('/admin/centres', createHandler(createBody, centres.create));
  r.patch('/admin/centres/:id', updateHandler(patchBody, centres.update));

  return r;
}

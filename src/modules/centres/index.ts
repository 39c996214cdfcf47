import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import { listActiveCentres } from './queries.ts';

export { adminCentreRoutes } from './admin.ts';
export { centresByIds, countActiveCentres, listActiveCentres, findActiveCentre, insertCentre, toCentre, CENTRE_COLUMNS, type Centre } from './queries.ts';

export function centreRoutes(db: Database): Router {
  const r = Router();
  r.get('/centres', async (_req, res) => {
    res.json(await listActiveCentres(db));
  });
  return r;
}

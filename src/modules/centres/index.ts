import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { readingLanguage } from '../../shared/language.ts';
import { parseQuery } from '../../shared/validate.ts';
import { centreListQuery, type ShopCentre } from '../../contract/index.ts';
import { centresNear } from './nearby.ts';

export { adminCentreRoutes } from './admin.ts';
export {
  centresByIds,
  countActiveCentres,
  countActiveCentresWithoutHours,
  listActiveCentres,
  findActiveCentre,
  centreSlotSettings,
  type SlotSettings,
  insertCentre,
  toCentre,
  CENTRE_COLUMNS,
  type Centre,
  type CentreSummary,
  type NewCentre,
} from './queries.ts';
export { parisInstant, parisLocal, rangesOn, type OpeningData } from './opening.ts';
export { slotsBetween, type SlotTime } from './slots.ts';
export { preloadCommunes } from './communes.ts';

/**
 * Public centres: with hours and open now; by distance from a position, a postcode or a town;
 * each with the no-show rule (`uncollectedDays`, the UNCOLLECTED_DAYS setting) the checkout says.
 */
export function centreRoutes(db: Database, clock: Clock, pickup: { uncollectedDays: number }): Router {
  const r = Router();
  r.get('/centres', async (req, res) => {
    const query = parseQuery(centreListQuery, req.query);
    res.setHeader('Vary', 'Accept-Language');
    const centres = await centresNear(db, query, { now: clock.now(), lang: readingLanguage(req) });
    res.json(centres.map((c): ShopCentre => ({ ...c, uncollectedDays: pickup.uncollectedDays })));
  });
  return r;
}

import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { parseQuery } from '../../shared/validate.ts';
import { pickupDayQuery } from '../../contract/index.ts';
import { requireStaff } from '../auth/index.ts';
import { parisDateOf, pickupDay, type OrderViews } from '../orders/index.ts';
import { renderPickupDayPdf } from './pdf.ts';

/**
 * The centre's pickup day for staff (issue 19, point 7): the day's list, live on the
 * console's pickup mode, and its PDF for a paper fallback. It owns no table: the orders
 * come from the orders module's public functions.
 */
export function pickupRoutes(deps: { db: Database; views: OrderViews; clock: Clock }): Router {
  const r = Router();
  const dayOf = async (query: unknown) => {
    const q = parseQuery(pickupDayQuery, query);
    return pickupDay(deps.db, deps.views, { date: q.date ?? parisDateOf(deps.clock.now()), centreId: q.centreId });
  };
  r.get('/staff/pickups', requireStaff, async (req, res) => {
    res.json(await dayOf(req.query));
  });
  r.get('/staff/pickups/day.pdf', requireStaff, async (req, res) => {
    const day = await dayOf(req.query);
    const pdf = await renderPickupDayPdf(day, deps.clock.now());
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="retraits-${day.day}.pdf"`);
    res.send(pdf);
  });
  return r;
}

import { Router } from 'express';
import type { Database } from '../db/index.ts';
import type { Diagnostics } from '../contract/index.ts';
import { countActiveStaff, requireAdmin } from '../modules/auth/index.ts';
import { countCategories, countProductsForSale } from '../modules/catalog/index.ts';
import { countActiveCentres, countActiveCentresWithoutHours } from '../modules/centres/index.ts';

/**
 * The admin panel's first-run checklist: what a fresh install still lacks before it can
 * sell (a category, a pickup centre with its opening hours — without them it offers no pickup
 * slot —, a product on sale with stock, a staff account). It
 * reads several modules, so it lives here at the composition root and asks each module
 * through its public face.
 */
export function firstRunRoutes(db: Database): Router {
  const r = Router();
  r.get('/admin/setup', requireAdmin, async (_req, res) => {
    const [categories, centres, centresWithoutHours, productsOnSale, staff] = await Promise.all([
      countCategories(db),
      countActiveCentres(db),
      countActiveCentresWithoutHours(db),
      countProductsForSale(db),
      countActiveStaff(db),
    ]);
    const done = categories > 0 && centres > 0 && centresWithoutHours === 0 && productsOnSale > 0 && staff > 0;
    res.json({ categories, centres, centresWithoutHours, productsOnSale, staff, done });
  });
  return r;
}

/**
 * What this node has cost the database so far, in round trips (the driver counts every
 * statement; the socket adapter its NOTIFYs): a measurement aid, read around an operation.
 */
export function diagnosticsRoutes(db: Database, socketAdapter: { roundTrips(): number } | undefined): Router {
  const r = Router();
  r.get('/admin/diagnostics', requireAdmin, (_req, res) => {
    const answer: Diagnostics = {
      driver: db.driver,
      database: { roundTrips: db.roundTrips() },
      socketAdapter: socketAdapter ? { roundTrips: socketAdapter.roundTrips() } : null,
    };
    res.json(answer);
  });
  return r;
}

import { Router } from 'express';
import { givingQuery, impactQuery, type GivingRecord } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { csvEuros, sendSheet } from '../../shared/csv.ts';
import { AppError } from '../../shared/errors.ts';
import { parisDate, parisDayRange } from '../../shared/paris-time.ts';
import { parseQuery } from '../../shared/validate.ts';
import { getAssociation } from '../association/index.ts';
import { findUserById, requireUser, userOf } from '../auth/index.ts';
import { centresByIds } from '../centres/index.ts';
import { paidGiftLines } from '../orders/index.ts';
import { renderGivingPdf } from './pdf.ts';
import { impactOf } from './impact.ts';

export { createImpactLive } from './impact.ts';

/**
 * What gifts gave (issue 20), read from paid orders through orders' public face: a donor's
 * yearly record (and its PDF), and the public impact figures (no names). Owns no table.
 */

/** The Paris year of an instant. */
const parisYear = (at: Date) => Number(parisDate(at).slice(0, 4));
const yearRange = (year: number) => parisDayRange(`${year}-01-01`, `${year}-12-31`);

/** A donor's paid gifts of one Paris year, per order. */
export async function givingRecordOf(db: Queryable, userId: string, year: number): Promise<GivingRecord> {
  const lines = await paidGiftLines(db, { userId, ...yearRange(year) });
  const centres = await centresByIds(
    db,
    lines.map((l) => l.centreId),
  );
  const byOrder = new Map<string, GivingRecord['orders'][number]>();
  for (const l of lines) {
    const o = byOrder.get(l.orderId) ?? {
      orderId: l.orderId,
      number: l.number,
      centre: centres.get(l.centreId)!,
      donatedCents: 0,
      units: 0,
      at: l.paidAt.toISOString(),
    };
    o.donatedCents += l.cents;
    o.units += l.quantity;
    byOrder.set(l.orderId, o);
  }
  const orders = [...byOrder.values()];
  return { year, totalCents: orders.reduce((s, o) => s + o.donatedCents, 0), units: orders.reduce((s, o) => s + o.units, 0), orders };
}

/** Every year a donor gave, each as its record (the account's data export). */
export async function givingExportFor(db: Queryable, userId: string): Promise<GivingRecord[]> {
  const years = new Set((await paidGiftLines(db, { userId })).map((l) => parisYear(l.paidAt)));
  const records: GivingRecord[] = [];
  for (const year of [...years].sort()) records.push(await givingRecordOf(db, userId, year));
  return records;
}

export function givingRoutes(deps: { db: Database; clock: Clock; kgPerMeal: number }): Router {
  const { db, clock } = deps;
  const r = Router();

  r.get('/account/giving', requireUser, async (req, res) => {
    const { year } = parseQuery(givingQuery, req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await givingRecordOf(db, userOf(req).id, year ?? parisYear(clock.now())));
  });

  r.get('/account/giving/:year.pdf', requireUser, async (req, res) => {
    const { year } = parseQuery(givingQuery, { year: req.params.year });
    if (year === undefined) throw new AppError('not_found');
    const me = userOf(req);
    const [record, association, person] = [await givingRecordOf(db, me.id, year), await getAssociation(db), await findUserById(db, me.id)];
    const pdf = await renderGivingPdf(record, { donor: person?.name ?? '', issuer: association }, clock.now());
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="dons-${year}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(pdf);
  });

  r.get('/impact', async (req, res) => {
    const query = parseQuery(impactQuery, req.query);
    const figures = await impactOf(db, query, deps.kgPerMeal);
    if (query.format === 'csv') {
      if (!req.user) throw new AppError('unauthenticated');
      if (req.user.role !== 'admin') throw new AppError('forbidden');
      const rows = figures.byWeek.map((w) => [w.week, w.units, csvEuros(w.donatedCents, 'fr'), String(w.kilograms).replace('.', ',')]);
      await sendSheet(
        res,
        'csv',
        `impact-${parisDate(clock.now())}`,
        ['Semaine (lundi)', 'Unités offertes', 'Montant au prix coûtant (€)', 'Kilogrammes'],
        rows,
      );
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(figures);
  });
  return r;
}

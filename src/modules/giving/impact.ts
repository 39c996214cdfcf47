import type { Impact, ImpactChange } from '../../contract/index.ts';
import type { Database, Queryable, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { coalesced } from '../../shared/coalesce.ts';
import type { EventPublisher } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import { parisDate, parisDayRange, parisWeekStart } from '../../shared/paris-time.ts';
import { productsByIds } from '../catalog/index.ts';
import { centresByIds } from '../centres/index.ts';
import { paidGiftLines, type PaidGiftLine, type StatusChange } from '../orders/index.ts';

type Figures = { units: number; donatedCents: number; grams: number };
const add = (f: Figures, l: PaidGiftLine, grams: number) => {
  f.units += l.quantity;
  f.donatedCents += l.cents;
  f.grams += l.quantity * grams;
};
const kilos = (grams: number) => Math.round(grams) / 1000;
const out = ({ units, donatedCents, grams }: Figures) => ({ units, donatedCents, kilograms: kilos(grams) });

/** Units, euros at cost price and kilograms given in a range of Paris days, by centre and by Paris week. */
export async function impactOf(db: Queryable, query: { from?: string; to?: string; centreId?: string }, kgPerMeal: number): Promise<Impact> {
  const lines = await paidGiftLines(db, { centreId: query.centreId, ...parisDayRange(query.from, query.to) });
  const [products, centres] = [
    await productsByIds(
      db,
      lines.map((l) => l.productId),
    ),
    await centresByIds(
      db,
      lines.map((l) => l.centreId),
    ),
  ];
  const total: Figures = { units: 0, donatedCents: 0, grams: 0 };
  const byCentre = new Map<string, Figures>();
  const byWeek = new Map<string, Figures>();
  for (const l of lines) {
    const grams = products.get(l.productId)?.weightGrams ?? 0;
    add(total, l, grams);
    const c = byCentre.get(l.centreId) ?? { units: 0, donatedCents: 0, grams: 0 };
    add(c, l, grams);
    byCentre.set(l.centreId, c);
    const week = parisDate(parisWeekStart(l.paidAt));
    const w = byWeek.get(week) ?? { units: 0, donatedCents: 0, grams: 0 };
    add(w, l, grams);
    byWeek.set(week, w);
  }
  return {
    ...out(total),
    meals: Math.floor(kilos(total.grams) / kgPerMeal),
    kgPerMeal,
    byCentre: [...byCentre]
      .map(([centreId, f]) => ({ centreId, name: centres.get(centreId)?.name ?? '', city: centres.get(centreId)?.city ?? '', ...out(f) }))
      .sort((a, b) => b.kilograms - a.kilograms || a.name.localeCompare(b.name, 'fr')),
    byWeek: [...byWeek].sort(([a], [b]) => a.localeCompare(b)).map(([week, f]) => ({ week, ...out(f) })),
  };
}

/** The statuses whose gift lines count in the impact figures (paidGiftLines). */
const GIVEN = new Set(['paid', 'in_preparation', 'in_delivery', 'delivered', 'collected']);

/** Whether an order's status change moves the impact figures: gift lines paid, or taken back. */
export function movesImpact(change: StatusChange): boolean {
  if (!change.order.items.some((i) => i.donate)) return false;
  return GIVEN.has(change.to) !== GIVEN.has(change.from);
}

/** The month's figures (Paris month, from its first day), as the shop's counter shows them. */
export async function impactOfMonth(db: Database, now: Date, kgPerMeal: number): Promise<ImpactChange> {
  const month = parisDate(now).slice(0, 7);
  const { kilograms, units, donatedCents, meals } = await impactOf(db, { from: `${month}-01` }, kgPerMeal);
  return { month, kilograms, units, donatedCents, meals, kgPerMeal };
}

/**
 * The live public impact counter: every paid gift (tied to a need or not) and every paid gift
 * taken back moves the month's figures; after the change commits, `impact.changed` carries
 * them to everyone, at most once per IMPACT_LIVE_INTERVAL_MS however many payments a burst
 * brings (the figures are read once, when the event is sent, so they include all of them).
 */
export function createImpactLive(deps: { db: Database; clock: Clock; events: EventPublisher; kgPerMeal: number; intervalMs: number; logger: Logger }) {
  const signal = coalesced(async () => {
    try {
      deps.events.publish({ type: 'impact.changed', ...(await impactOfMonth(deps.db, deps.clock.now(), deps.kgPerMeal)) });
    } catch (err) {
      deps.logger.warn({ err }, 'live impact figures not sent');
    }
  }, deps.intervalMs);
  return {
    /** Orders' status listener: runs in the change's transaction, signals after its commit. */
    async onStatusChange(tx: Transaction, change: StatusChange): Promise<void> {
      if (movesImpact(change)) tx.afterCommit(signal.request);
    },
    close: signal.close,
  };
}

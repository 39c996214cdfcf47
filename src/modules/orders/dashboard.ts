import { readAll, type Queryable } from '../../db/index.ts';
import { parisDayStart } from '../../shared/paris-time.ts';
import { centresByIds } from '../centres/index.ts';
import { ORDER_STATUSES, type OrderStatus } from './state-machine.ts';
import type { OrderViews, StaffOrderView } from './views.ts';

/** The orders of the staff console's day (see GET /api/staff/dashboard); payments come from their owner. */
export interface OrdersOfTheDay {
  day: string;
  byStatus: Record<OrderStatus, number>;
  byCentre: Array<{ centreId: string; name: string; city: string; count: number }>;
  waiting: StaffOrderView[];
  unacknowledged: number;
}

/** Orders that count as sales: paid, whatever happened next, unless canceled (refunded). */
const SOLD = `status NOT IN ('pending_payment', 'canceled')`;
const WAITING_SHOWN = 5;

/** YYYY-MM-DD of a moment, in Paris. */
export const parisDate = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);

/** Today's orders per status and per centre, the paid orders waiting longest, the unacknowledged ones. */
export async function ordersOfTheDay(db: Queryable, views: OrderViews, now: Date): Promise<OrdersOfTheDay> {
  const start = parisDayStart(now);
  const [statuses, centres, waiting, unacknowledged] = await readAll(db, [
    () => db.query<{ status: OrderStatus; n: number }>('SELECT status, count(*)::int AS n FROM orders WHERE created_at >= $1 GROUP BY status', [start]),
    () =>
      db.query<{ centre_id: string; n: number }>(
        'SELECT centre_id, count(*)::int AS n FROM orders WHERE created_at >= $1 GROUP BY centre_id ORDER BY n DESC, centre_id',
        [start],
      ),
    () => db.query<{ id: string }>(`SELECT id FROM orders WHERE status = 'paid' ORDER BY created_at, number LIMIT ${WAITING_SHOWN}`),
    () => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status = 'paid' AND acknowledged_at IS NULL`),
  ]);
  // Centres' names from their owner.
  const centreBy = await centresByIds(
    db,
    centres.rows.map((c) => c.centre_id),
  );
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const r of statuses.rows) byStatus[r.status] = r.n;
  return {
    day: parisDate(now),
    byStatus,
    byCentre: centres.rows.map((c) => ({
      centreId: c.centre_id,
      name: centreBy.get(c.centre_id)?.name ?? '',
      city: centreBy.get(c.centre_id)?.city ?? '',
      count: c.n,
    })),
    waiting: await views.load(
      db,
      waiting.rows.map((r) => r.id),
      { withCustomer: true },
    ),
    unacknowledged: unacknowledged.rows[0]?.n ?? 0,
  };
}

/** The last 7 Paris days (oldest first): sales (paid orders not canceled) and gifts, by the day the order was placed. */
export async function salesOfTheWeek(db: Queryable, now: Date): Promise<Array<{ day: string; salesCents: number; giftsCents: number; orders: number }>> {
  const days: Array<{ day: string; start: Date }> = [];
  let start = parisDayStart(now);
  for (let i = 0; i < 7; i++) {
    days.unshift({ day: parisDate(start), start });
    // Noon of the day before is surely the day before, whatever the clock change.
    start = parisDayStart(new Date(start.getTime() - 12 * 3_600_000));
  }
  // Each order falls in the last day that started before it (i: 1 = the oldest day).
  const { rows } = await db.query<{ i: number; n: number; sales: number; gifts: number }>(
    `SELECT i, count(*)::int AS n, sum(total_cents)::bigint AS sales, sum(donation_total_cents)::bigint AS gifts
       FROM (SELECT total_cents, donation_total_cents,
                    (SELECT count(*) FROM unnest($1::timestamptz[]) AS b(t) WHERE b.t <= o.created_at)::int AS i
               FROM orders o WHERE o.created_at >= $2 AND ${SOLD}) AS sold
      GROUP BY i`,
    [days.map((d) => d.start), days[0]!.start],
  );
  const byIndex = new Map(rows.map((r) => [r.i, r]));
  return days.map((d, index) => {
    const r = byIndex.get(index + 1);
    return { day: d.day, salesCents: Number(r?.sales ?? 0), giftsCents: Number(r?.gifts ?? 0), orders: r?.n ?? 0 };
  });
}

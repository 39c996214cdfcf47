import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { parisDayRange } from '../../shared/paris-time.ts';
import { orderIdsMatching } from './customers.ts';
import { ORDER_STATUSES } from './state-machine.ts';
import type { OrderViews } from './views.ts';

export interface StaffOrderSearch {
  status?: string;
  q?: string;
  centreId?: string;
  /** Paris days, `YYYY-MM-DD`; `to` inclusive. */
  from?: string;
  to?: string;
  hasGifts?: boolean;
  page: number;
  pageSize: number;
}

/**
 * The filter of a staff order search: by number, or by the customer's name or email (the
 * matching people asked of auth, their owner, then their orders here), centre, Paris days, gifts.
 */
async function staffOrderFilter(db: Queryable, query: StaffOrderSearch): Promise<SearchFilter> {
  const filter = new SearchFilter();
  if (query.q) filter.where(`o.id = ANY(${filter.param(await orderIdsMatching(db, { q: query.q }))}::uuid[])`);
  if (query.centreId) filter.where(`o.centre_id = ${filter.param(query.centreId)}`);
  const { start, end } = parisDayRange(query.from, query.to);
  if (start) filter.where(`o.created_at >= ${filter.param(start)}`);
  if (end) filter.where(`o.created_at < ${filter.param(end)}`);
  if (query.hasGifts !== undefined) {
    filter.where(`${query.hasGifts ? '' : 'NOT '}EXISTS (SELECT 1 FROM order_items gi WHERE gi.order_id = o.id AND gi.donate)`);
  }
  return filter;
}

/** Lists orders for staff and admins: filter by status, centre, Paris days and gifts; search by number, name or email. */
export async function searchStaffOrders(db: Queryable, views: OrderViews, query: StaffOrderSearch) {
  const filter = await staffOrderFilter(db, query);
  if (query.status) filter.where(`o.status = ${filter.param(query.status)}`);
  const { rows, total } = await pagedSearch<{ id: string }>(db, {
    select: 'o.id',
    from: 'orders o',
    filter,
    orderBy: 'o.created_at DESC, o.number DESC',
    page: query.page,
    pageSize: query.pageSize,
  });
  // The tabs' counts are of every order (the consoles keep them current from live events).
  const counts = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM orders GROUP BY status');
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (const c of counts.rows) byStatus[c.status] = c.n;
  return {
    items: await views.load(
      db,
      rows.map((r) => r.id),
      { withCustomer: true },
    ),
    total,
    counts: byStatus,
  };
}

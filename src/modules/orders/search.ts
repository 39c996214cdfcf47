import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { parisDayRange } from '../../shared/paris-time.ts';
import { escapeLike, foldForSearch } from '../../shared/text.ts';
import { userIdsMatching } from '../auth/index.ts';
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
 * Lists orders for staff and admins: filter by status, centre, Paris days (`to` inclusive) and
 * gifts; search by number, or by the customer's name or email (the matching people asked of
 * auth, their owner, then their orders here).
 */
export async function searchStaffOrders(db: Queryable, views: OrderViews, query: StaffOrderSearch) {
  const filter = new SearchFilter();
  if (query.status) filter.where(`status = ${filter.param(query.status)}`);
  if (query.q) {
    const number = filter.param(`%${escapeLike(foldForSearch(query.q))}%`);
    const people = filter.param(await userIdsMatching(db, query.q));
    filter.where(`(lower(number) LIKE ${number} OR user_id = ANY(${people}::uuid[]))`);
  }
  if (query.centreId) filter.where(`centre_id = ${filter.param(query.centreId)}`);
  const { start, end } = parisDayRange(query.from, query.to);
  if (start) filter.where(`created_at >= ${filter.param(start)}`);
  if (end) filter.where(`created_at < ${filter.param(end)}`);
  if (query.hasGifts !== undefined) {
    filter.where(`${query.hasGifts ? '' : 'NOT '}EXISTS (SELECT 1 FROM order_items gi WHERE gi.order_id = orders.id AND gi.donate)`);
  }
  const { rows, total } = await pagedSearch<{ id: string }>(db, {
    select: 'id',
    from: 'orders',
    filter,
    orderBy: 'created_at DESC, number DESC',
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

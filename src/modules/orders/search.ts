import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { parisDayRange } from '../../shared/paris-time.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';
import { ORDER_STATUSES } from './state-machine.ts';
import { loadOrderViews } from './views.ts';

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

function searchFilter(query: StaffOrderSearch): SearchFilter {
  const filter = new SearchFilter();
  if (query.q) {
    // Accents and capitals ignored: "eloise" finds Éloïse.
    const p = filter.param(`%${escapeLike(foldForSearch(query.q))}%`);
    filter.where(`(lower(o.number) LIKE ${p} OR ${sqlFold('u.name')} LIKE ${p} OR ${sqlFold('u.email')} LIKE ${p})`);
  }
  if (query.centreId) filter.where(`o.centre_id = ${filter.param(query.centreId)}`);
  const { start, end } = parisDayRange(query.from, query.to);
  if (start) filter.where(`o.created_at >= ${filter.param(start)}`);
  if (end) filter.where(`o.created_at < ${filter.param(end)}`);
  if (query.hasGifts !== undefined) {
    filter.where(`${query.hasGifts ? '' : 'NOT '}EXISTS (SELECT 1 FROM order_items gi WHERE gi.order_id = o.id AND gi.donate)`);
  }
  return filter;
}

const FROM = 'orders o LEFT JOIN users u ON u.id = o.user_id';

/**
 * Lists orders for staff and admins: filter by status, centre, Paris days and gifts; search
 * by number, name or email. Searching by the customer's name joins users: a read model
 * across two owners, kept as one SQL join because a search cannot be split page by page
 * (see ARCHITECTURE.md).
 */
export async function searchStaffOrders(db: Queryable, query: StaffOrderSearch) {
  const filter = searchFilter(query);
  if (query.status) filter.where(`o.status = ${filter.param(query.status)}`);
  const { rows, total } = await pagedSearch<{ id: string }>(db, {
    select: 'o.id',
    from: FROM,
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
    items: await loadOrderViews(
      db,
      rows.map((r) => r.id),
      { withCustomer: true },
    ),
    total,
    counts: byStatus,
  };
}

import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';
import { ORDER_STATUSES } from './state-machine.ts';
import type { OrderViews } from './views.ts';

/**
 * Lists orders for staff and admins: filter by status, search by number, name or email.
 * Searching by the customer's name joins users: a read model across two owners, kept as
 * one SQL join because a search cannot be split page by page (see ARCHITECTURE.md).
 */
export async function searchStaffOrders(db: Queryable, views: OrderViews, query: { status?: string; q?: string; page: number; pageSize: number }) {
  const filter = new SearchFilter();
  if (query.status) filter.where(`o.status = ${filter.param(query.status)}`);
  if (query.q) {
    // Accents and capitals ignored: "eloise" finds Éloïse.
    const p = filter.param(`%${escapeLike(foldForSearch(query.q))}%`);
    filter.where(`(lower(o.number) LIKE ${p} OR ${sqlFold('u.name')} LIKE ${p} OR ${sqlFold('u.email')} LIKE ${p})`);
  }
  const { rows, total } = await pagedSearch<{ id: string }>(db, {
    select: 'o.id',
    from: 'orders o LEFT JOIN users u ON u.id = o.user_id',
    filter,
    orderBy: 'o.created_at DESC, o.number DESC',
    page: query.page,
    pageSize: query.pageSize,
  });
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

import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { parisDayRange } from '../../shared/paris-time.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';

import type { Payment, PaymentStatus } from '../../contract/index.ts';

export type { PaymentStatus };

export interface PaymentRow {
  id: string;
  order_id: string;
  provider: 'demo' | 'stripe';
  provider_ref: string | null;
  payment_intent: string | null;
  amount_cents: number;
  refunded_cents: number;
  status: PaymentStatus;
  url: string | null;
  created_at: Date;
}

/** A payment as /api/staff/payments and the `payment:received` event show it. */
export type PaymentView = Payment;

export const PAYMENT_COLUMNS = 'id, order_id, provider, provider_ref, payment_intent, amount_cents, refunded_cents, status, url, created_at';

const VIEW_COLUMNS = `p.id, p.order_id, o.number AS order_number, p.provider, p.provider_ref, p.payment_intent,
                      p.amount_cents, p.refunded_cents, p.status, p.created_at`;
const VIEW_FROM = 'payments p JOIN orders o ON o.id = p.order_id';
const VIEW_SQL = `SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM}`;

type ViewRow = Omit<PaymentRow, 'url'> & { order_number: string };
const toView = (r: ViewRow): PaymentView => ({
  id: r.id,
  orderId: r.order_id,
  orderNumber: r.order_number,
  provider: r.provider,
  providerRef: r.provider_ref,
  paymentIntent: r.payment_intent,
  amountCents: r.amount_cents,
  refundedCents: r.refunded_cents,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

export async function paymentView(db: Queryable, paymentId: string): Promise<PaymentView | undefined> {
  const r = await db.query<ViewRow>(`${VIEW_SQL} WHERE p.id = $1`, [paymentId]);
  return r.rows[0] && toView(r.rows[0]);
}

export interface PaymentSearch {
  page: number;
  pageSize: number;
  orderId?: string;
  centreId?: string;
  /** Paris days, `YYYY-MM-DD`; `to` inclusive. */
  from?: string;
  to?: string;
  provider?: string;
  status?: string;
  /** The customer's name or email, or the order number. */
  q?: string;
}

/** For the search by the customer's name and the export: the order's customer and centre (read model across owners). */
const SEARCH_FROM = `${VIEW_FROM} LEFT JOIN users u ON u.id = o.user_id JOIN centres c ON c.id = o.centre_id`;

function paymentFilter(opts: PaymentSearch): SearchFilter {
  const filter = new SearchFilter();
  if (opts.orderId) filter.where(`p.order_id = ${filter.param(opts.orderId)}`);
  if (opts.centreId) filter.where(`o.centre_id = ${filter.param(opts.centreId)}`);
  if (opts.provider) filter.where(`p.provider = ${filter.param(opts.provider)}`);
  if (opts.status) filter.where(`p.status = ${filter.param(opts.status)}`);
  const { start, end } = parisDayRange(opts.from, opts.to);
  if (start) filter.where(`p.created_at >= ${filter.param(start)}`);
  if (end) filter.where(`p.created_at < ${filter.param(end)}`);
  if (opts.q) {
    const p = filter.param(`%${escapeLike(foldForSearch(opts.q))}%`);
    filter.where(`(lower(o.number) LIKE ${p} OR ${sqlFold('u.name')} LIKE ${p} OR ${sqlFold('u.email')} LIKE ${p})`);
  }
  return filter;
}

export async function listPaymentViews(db: Queryable, opts: PaymentSearch) {
  const { rows, total } = await pagedSearch<ViewRow>(db, {
    select: VIEW_COLUMNS,
    from: SEARCH_FROM,
    filter: paymentFilter(opts),
    orderBy: 'p.created_at DESC, p.id',
    page: opts.page,
    pageSize: opts.pageSize,
  });
  return { items: rows.map(toView), total };
}

/** A payment as exported: the view with its customer's name and its centre. */
export type PaymentExportRow = PaymentView & { customerName: string | null; centreName: string };

export async function exportPaymentViews(db: Queryable, opts: Omit<PaymentSearch, 'page' | 'pageSize'>, max: number): Promise<PaymentExportRow[]> {
  const { rows } = await pagedSearch<ViewRow & { customer_name: string | null; centre_name: string }>(db, {
    select: `${VIEW_COLUMNS}, u.name AS customer_name, c.name AS centre_name`,
    from: SEARCH_FROM,
    filter: paymentFilter({ ...opts, page: 1, pageSize: max }),
    orderBy: 'p.created_at DESC, p.id',
    page: 1,
    pageSize: max,
  });
  return rows.map((r) => ({ ...toView(r), customerName: r.customer_name, centreName: r.centre_name }));
}

/** Money received (net of refunds) since a moment, for the staff console's totals. */
export async function receivedSince(db: Queryable, since: Date): Promise<{ count: number; amountCents: number; refundedCents: number }> {
  const r = await db.query<{ count: number; amount: number; refunded: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(amount_cents), 0)::bigint AS amount, coalesce(sum(refunded_cents), 0)::bigint AS refunded
       FROM payments WHERE status IN ('succeeded', 'refunded') AND created_at >= $1`,
    [since],
  );
  const row = r.rows[0]!;
  return { count: row.count, amountCents: row.amount, refundedCents: row.refunded };
}

import { pagedSearch, SearchFilter, type Queryable } from '../../db/index.ts';
import { parisDayRange } from '../../shared/paris-time.ts';

import type { OrderPayment, Payment, PaymentStatus } from '../../contract/index.ts';
import { orderIdsMatching, orderNumbersByIds, orderPartiesByIds } from '../orders/index.ts';

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

const VIEW_COLUMNS = 'id, order_id, provider, provider_ref, payment_intent, amount_cents, refunded_cents, status, created_at';

type ViewRow = Omit<PaymentRow, 'url'>;
const toView = (r: ViewRow, orderNumber: string): PaymentView => ({
  id: r.id,
  orderId: r.order_id,
  orderNumber,
  provider: r.provider,
  providerRef: r.provider_ref,
  paymentIntent: r.payment_intent,
  amountCents: r.amount_cents,
  refundedCents: r.refunded_cents,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

/** Payment rows as views, with their orders' numbers asked of the orders module. */
async function toViews(db: Queryable, rows: ViewRow[]): Promise<PaymentView[]> {
  const numbers = await orderNumbersByIds(
    db,
    rows.map((r) => r.order_id),
  );
  return rows.map((r) => toView(r, numbers.get(r.order_id) ?? ''));
}

export async function paymentView(db: Queryable, paymentId: string): Promise<PaymentView | undefined> {
  const r = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM payments WHERE id = $1`, [paymentId]);
  return (await toViews(db, r.rows))[0];
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

/**
 * The filters of the payments list: provider, status and Paris days on payments; centre and
 * the customer's name (or the order number) through the orders they match, asked of orders.
 */
async function paymentFilter(db: Queryable, opts: Omit<PaymentSearch, 'page' | 'pageSize'>): Promise<SearchFilter> {
  const filter = new SearchFilter();
  if (opts.orderId) filter.where(`order_id = ${filter.param(opts.orderId)}`);
  if (opts.provider) filter.where(`provider = ${filter.param(opts.provider)}`);
  if (opts.status) filter.where(`status = ${filter.param(opts.status)}`);
  const { start, end } = parisDayRange(opts.from, opts.to);
  if (start) filter.where(`created_at >= ${filter.param(start)}`);
  if (end) filter.where(`created_at < ${filter.param(end)}`);
  if (opts.centreId || opts.q) {
    const orders = await orderIdsMatching(db, { centreId: opts.centreId, q: opts.q });
    filter.where(`order_id = ANY(${filter.param(orders)}::uuid[])`);
  }
  return filter;
}

export async function listPaymentViews(db: Queryable, opts: PaymentSearch) {
  const { rows, total } = await pagedSearch<ViewRow>(db, {
    select: VIEW_COLUMNS,
    from: 'payments',
    filter: await paymentFilter(db, opts),
    orderBy: 'created_at DESC, id',
    page: opts.page,
    pageSize: opts.pageSize,
  });
  return { items: await toViews(db, rows), total };
}

/** Every payment of these orders, newest first (a person's data export). */
export async function paymentsExportFor(db: Queryable, orderIds: string[]): Promise<PaymentView[]> {
  if (orderIds.length === 0) return [];
  const r = await db.query<ViewRow>(`SELECT ${VIEW_COLUMNS} FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`, [orderIds]);
  return toViews(db, r.rows);
}

/** The latest payment of each order, as the order's view shows it (orders with none are absent). */
export async function paymentSummaryFor(db: Queryable, orderIds: string[]): Promise<Map<string, OrderPayment>> {
  if (orderIds.length === 0) return new Map();
  const r = await db.query<Pick<PaymentRow, 'order_id' | 'provider' | 'status' | 'url' | 'amount_cents' | 'refunded_cents' | 'provider_ref'>>(
    `SELECT DISTINCT ON (order_id) order_id, provider, status, url, amount_cents, refunded_cents, provider_ref
       FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, created_at DESC, id`,
    [orderIds],
  );
  return new Map(
    r.rows.map((p) => [
      p.order_id,
      { provider: p.provider, status: p.status, url: p.url, amountCents: p.amount_cents, refundedCents: p.refunded_cents, providerRef: p.provider_ref },
    ]),
  );
}

/** A payment as exported: the view with its customer's name and its centre. */
export type PaymentExportRow = PaymentView & { customerName: string | null; centreName: string };

export async function exportPaymentViews(db: Queryable, opts: Omit<PaymentSearch, 'page' | 'pageSize'>, max: number): Promise<PaymentExportRow[]> {
  const { rows } = await pagedSearch<ViewRow>(db, {
    select: VIEW_COLUMNS,
    from: 'payments',
    filter: await paymentFilter(db, opts),
    orderBy: 'created_at DESC, id',
    page: 1,
    pageSize: max,
  });
  const parties = await orderPartiesByIds(
    db,
    rows.map((r) => r.order_id),
  );
  return rows.map((r) => {
    const p = parties.get(r.order_id);
    return { ...toView(r, p?.number ?? ''), customerName: p?.customerName ?? null, centreName: p?.centreName ?? '' };
  });
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

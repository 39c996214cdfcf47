import type { Queryable } from '../../db/index.ts';

/** One gift line of a paid order (paid, in preparation, on its way, delivered or collected: never pending or canceled). */
export interface PaidGiftLine {
  orderId: string;
  number: string;
  userId: string | null;
  centreId: string;
  productId: string;
  quantity: number;
  cents: number;
  /** When the order was paid. */
  paidAt: Date;
}

/**
 * The gift lines of paid orders, paid within [start, end), optionally of one customer or one
 * centre (a donor's giving record, the public impact figures), oldest payment first.
 */
export async function paidGiftLines(db: Queryable, opts: { userId?: string; centreId?: string; start?: Date; end?: Date }): Promise<PaidGiftLine[]> {
  const params: unknown[] = [];
  const where = ["o.status IN ('paid', 'in_preparation', 'in_delivery', 'delivered', 'collected')", 'i.donate'];
  if (opts.userId) where.push(`o.user_id = $${params.push(opts.userId)}`);
  if (opts.centreId) where.push(`o.centre_id = $${params.push(opts.centreId)}`);
  if (opts.start) where.push(`p.paid_at >= $${params.push(opts.start)}`);
  if (opts.end) where.push(`p.paid_at < $${params.push(opts.end)}`);
  const { rows } = await db.query<{
    order_id: string;
    number: string;
    user_id: string | null;
    centre_id: string;
    product_id: string;
    quantity: number;
    cents: number;
    paid_at: Date;
  }>(
    `SELECT o.id AS order_id, o.number, o.user_id, o.centre_id, i.product_id, i.quantity, i.line_total_cents AS cents, p.paid_at
       FROM orders o
       JOIN order_items i ON i.order_id = o.id
       JOIN (SELECT order_id, min(at) AS paid_at FROM order_events WHERE status = 'paid' GROUP BY order_id) p ON p.order_id = o.id
      WHERE ${where.join(' AND ')}
      ORDER BY p.paid_at, o.number, i.position`,
    params,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    number: r.number,
    userId: r.user_id,
    centreId: r.centre_id,
    productId: r.product_id,
    quantity: r.quantity,
    cents: Number(r.cents),
    paidAt: r.paid_at,
  }));
}

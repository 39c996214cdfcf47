import type { Transaction } from '../../db/index.ts';

export type StockReason = 'initial' | 'order_hold' | 'order_release' | 'adjustment';

export interface StockChange {
  productId: string;
  delta: number;
  reason: StockReason;
  orderId?: string;
  actorId?: string;
  note?: string;
}

export type StockListener = (change: { productId: string; stock: number }) => void;

/**
 * The only way stock moves (invariant 1). A conditional update takes the units only
 * if they are there — concurrent buyers queue on the row lock and each re-reads the
 * committed stock — and the movement is written in the same transaction, so stock
 * always equals the sum of movements. Returns the new stock, or undefined when the
 * product lacks the units (nothing is changed then).
 */
export async function changeStock(
  tx: Transaction,
  change: StockChange,
  onChanged?: StockListener,
): Promise<number | undefined> {
  const r = await tx.query<{ stock: number }>(
    'UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1 AND stock + $2 >= 0 RETURNING stock',
    [change.productId, change.delta],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  await tx.query(
    'INSERT INTO stock_movements (product_id, delta, reason, order_id, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)',
    [change.productId, change.delta, change.reason, change.orderId ?? null, change.actorId ?? null, change.note ?? null],
  );
  if (onChanged) tx.afterCommit(() => onChanged({ productId: change.productId, stock: row.stock }));
  return row.stock;
}

export async function currentStock(tx: Transaction, productId: string): Promise<number | undefined> {
  const r = await tx.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [productId]);
  return r.rows[0]?.stock;
}

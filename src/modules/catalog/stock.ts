import type { Transaction } from '../../db/index.ts';

import type { StockReason } from '../../contract/index.ts';

export type { StockReason };

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
export async function changeStock(tx: Transaction, change: StockChange, onChanged?: StockListener): Promise<number | undefined> {
  const r = await tx.query<{ stock: number }>('UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1 AND stock + $2 >= 0 RETURNING stock', [
    change.productId,
    change.delta,
  ]);
  const row = r.rows[0];
  if (!row) return undefined;
  await tx.query('INSERT INTO stock_movements (product_id, delta, reason, order_id, actor_id, note) VALUES ($1, $2, $3, $4, $5, $6)', [
    change.productId,
    change.delta,
    change.reason,
    change.orderId ?? null,
    change.actorId ?? null,
    change.note ?? null,
  ]);
  if (onChanged) tx.afterCommit(() => onChanged({ productId: change.productId, stock: row.stock }));
  return row.stock;
}

/**
 * Several stock changes in one go (an order's holds, a cancellation's releases), with
 * the same guarantees as changeStock: each conditional update takes units only if they
 * are there, rows are locked in product-id order (two orders over the same products
 * never deadlock), and all movements are written in one statement. Returns the lines
 * that lacked units, with what is available; the caller rolls back when there are any.
 */
export async function changeStockMany(
  tx: Transaction,
  changes: StockChange[],
  onChanged?: StockListener,
): Promise<Array<{ productId: string; available: number }>> {
  const sorted = [...changes].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  const applied: Array<{ productId: string; stock: number }> = [];
  const short: string[] = [];
  for (const c of sorted) {
    const r = await tx.query<{ stock: number }>(
      'UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1 AND stock + $2 >= 0 RETURNING stock',
      [c.productId, c.delta],
    );
    if (r.rows[0]) applied.push({ productId: c.productId, stock: r.rows[0].stock });
    else short.push(c.productId);
  }
  if (short.length) {
    const { rows } = await tx.query<{ id: string; stock: number }>('SELECT id, stock FROM products WHERE id = ANY($1::uuid[])', [short]);
    const stockOf = new Map(rows.map((r) => [r.id, r.stock]));
    return short.map((productId) => ({ productId, available: stockOf.get(productId) ?? 0 }));
  }
  await tx.query(
    `INSERT INTO stock_movements (product_id, delta, reason, order_id, actor_id, note)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::uuid[], $6::text[])`,
    [
      sorted.map((c) => c.productId),
      sorted.map((c) => c.delta),
      sorted.map((c) => c.reason),
      sorted.map((c) => c.orderId ?? null),
      sorted.map((c) => c.actorId ?? null),
      sorted.map((c) => c.note ?? null),
    ],
  );
  if (onChanged)
    tx.afterCommit(() => {
      for (const a of applied) onChanged(a);
    });
  return [];
}

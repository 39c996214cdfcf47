import assert from 'node:assert/strict';

/** Rows that break the stock ledger: each query must answer none. */
const INVARIANTS = {
  stock: `SELECT p.id FROM products p LEFT JOIN stock_movements m ON m.product_id = p.id
           GROUP BY p.id HAVING p.stock <> coalesce(sum(m.delta), 0) OR p.stock < 0`,
  // An order without lines, or whose held stock does not match its lines, would be half-written.
  halfWritten: `SELECT o.id FROM orders o
                 LEFT JOIN (SELECT order_id, sum(quantity) AS q FROM order_items GROUP BY order_id) i ON i.order_id = o.id
                 LEFT JOIN (SELECT order_id, -sum(delta) AS q FROM stock_movements WHERE reason = 'order_hold' GROUP BY order_id) h ON h.order_id = o.id
                WHERE i.q IS NULL OR h.q IS NULL OR i.q <> h.q`,
};

/**
 * Asserts that stock equals the sum of its movements and never went negative, and that no
 * order is half-written, reading straight from the database (a pg client or PGlite) after
 * a crash or an outage.
 */
export async function assertStockAndOrdersWhole(db: { query(sql: string): Promise<{ rows: unknown[] }> }): Promise<void> {
  assert.deepEqual((await db.query(INVARIANTS.stock)).rows, [], 'stock differs from its movements, or is negative');
  assert.deepEqual((await db.query(INVARIANTS.halfWritten)).rows, [], 'half-written orders');
}

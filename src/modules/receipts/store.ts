import type { Queryable, Transaction } from '../../db/index.ts';
import type { Receipt } from '../../contract/index.ts';
import type { Association } from '../association/index.ts';

/** What a receipt prints of the association, as it was when the receipt was issued. */
export type ReceiptIssuer = Pick<
  Association,
  'name' | 'address' | 'postcode' | 'city' | 'rna' | 'siret' | 'object' | 'signatoryName' | 'signatoryTitle' | 'receiptLegalBasis' | 'receiptNature'
>;

export interface ReceiptRecord extends Receipt {
  year: number;
  userId: string | null;
  issuer: ReceiptIssuer;
}

interface Row {
  number: string;
  year: number;
  order_id: string;
  user_id: string | null;
  amount_cents: string | number;
  issued_at: Date;
  issuer: ReceiptIssuer | string;
  void: boolean;
  voided_at: Date | null;
  replaces: string | null;
  replaced_by: string | null;
}

const COLUMNS = `number, year, order_id, user_id, amount_cents, issued_at, issuer, void, voided_at, replaces,
  (SELECT n.number FROM receipts n WHERE n.replaces = receipts.number) AS replaced_by`;

const toRecord = (r: Row): ReceiptRecord => ({
  number: r.number,
  year: r.year,
  orderId: r.order_id,
  userId: r.user_id,
  amountCents: Number(r.amount_cents),
  issuedAt: r.issued_at.toISOString(),
  void: r.void,
  voidedAt: r.voided_at?.toISOString() ?? null,
  replaces: r.replaces,
  replacedBy: r.replaced_by,
  issuer: typeof r.issuer === 'string' ? (JSON.parse(r.issuer) as ReceiptIssuer) : r.issuer,
});

/** The public shape of a receipt (no issuer, no owner). */
export const toReceipt = (r: ReceiptRecord): Receipt => ({
  number: r.number,
  orderId: r.orderId,
  amountCents: r.amountCents,
  issuedAt: r.issuedAt,
  void: r.void,
  voidedAt: r.voidedAt,
  replaces: r.replaces,
  replacedBy: r.replacedBy,
});

export const formatNumber = (year: number, seq: number) => `RF-${year}-${String(seq).padStart(6, '0')}`;

/**
 * The next number of a year, from its counter row: the row stays locked until the
 * transaction ends, so concurrent payments take their numbers one after another, and a
 * transaction that rolls back gives its number back (no gap, no reuse).
 */
export async function allocateNumber(tx: Transaction, year: number): Promise<{ seq: number; number: string }> {
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO receipt_counters (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = receipt_counters.last + 1
     RETURNING last`,
    [year],
  );
  const seq = rows[0]!.last;
  return { seq, number: formatNumber(year, seq) };
}

export async function insertReceipt(
  tx: Transaction,
  r: {
    number: string;
    year: number;
    seq: number;
    orderId: string;
    userId: string | null;
    amountCents: number;
    issuedAt: Date;
    issuer: ReceiptIssuer;
    replaces?: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO receipts (number, year, seq, order_id, user_id, amount_cents, issued_at, issuer, replaces)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [r.number, r.year, r.seq, r.orderId, r.userId, r.amountCents, r.issuedAt, JSON.stringify(r.issuer), r.replaces ?? null],
  );
}

/** An order's receipt that is not void, locked until the transaction ends. */
export async function liveReceiptOf(tx: Transaction, orderId: string): Promise<ReceiptRecord | undefined> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM receipts WHERE order_id = $1 AND NOT void FOR UPDATE`, [orderId]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Marks an order's receipt void (kept, never renumbered); true when there was one to void. */
export async function voidReceiptOf(tx: Transaction, orderId: string, at: Date): Promise<boolean> {
  const r = await tx.query('UPDATE receipts SET void = true, voided_at = $2 WHERE order_id = $1 AND NOT void', [orderId, at]);
  return (r.rowCount ?? 0) > 0;
}

/** A person's receipts (one year, or all), oldest first. */
export async function receiptsOfUser(db: Queryable, userId: string, year?: number): Promise<ReceiptRecord[]> {
  const params: unknown[] = [userId];
  const byYear = year === undefined ? '' : `AND year = $${params.push(year)}`;
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM receipts WHERE user_id = $1 ${byYear} ORDER BY year, seq`, params);
  return rows.map(toRecord);
}

export async function receiptByNumber(db: Queryable, number: string): Promise<ReceiptRecord | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM receipts WHERE number = $1`, [number]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** Every receipt of a year, in number order (the admin's list and export). */
export async function receiptsOfYear(db: Queryable, year: number, limit: number): Promise<ReceiptRecord[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM receipts WHERE year = $1 ORDER BY seq LIMIT $2`, [year, limit]);
  return rows.map(toRecord);
}

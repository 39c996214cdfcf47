import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/index.ts';
import { getAssociation, issuerDetails, type Association } from '../association/index.ts';

/** The issuer as it was when the proof was issued (what the PDF printed and the page shows). */
export type Issuer = Pick<Association, 'name' | 'address' | 'postcode' | 'city' | 'rna' | 'siret' | 'contactEmail' | 'signatoryName' | 'signatoryTitle'>;

export interface ProofRecord {
  orderId: string;
  /** The short code of the verification link (/p/<code>). */
  code: string;
  issuer: Issuer;
  issuedAt: string;
}

// No 0/O, 1/I/L: a code read aloud or typed from paper is not mistaken.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12; // 31^12 ≈ 2^59: not guessable
export const isProofCode = (s: string) => new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(s);

function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH * 2);
  let code = '';
  // Rejection sampling keeps every letter equally likely.
  for (const b of bytes) {
    if (b < 248 && code.length < CODE_LENGTH) code += ALPHABET[b % ALPHABET.length];
  }
  return code.length === CODE_LENGTH ? code : newCode();
}

interface Row {
  order_id: string;
  code: string;
  issuer: Issuer | string;
  issued_at: Date;
}
const toRecord = (r: Row): ProofRecord => ({
  orderId: r.order_id,
  code: r.code,
  issuer: typeof r.issuer === 'string' ? (JSON.parse(r.issuer) as Issuer) : r.issuer,
  issuedAt: r.issued_at.toISOString(),
});

/**
 * The order's proof record: made the first time the proof is issued (or its link checked),
 * with the association's details of that moment; read back unchanged ever after, so a
 * change of the details never alters what an issued proof says.
 */
export async function issueProofRecord(db: Queryable, orderId: string): Promise<ProofRecord> {
  const existing = await findProofRecord(db, { orderId });
  if (existing) return existing;
  const a = await getAssociation(db);
  const issuer: Issuer = { ...issuerDetails(a), contactEmail: a.contactEmail };
  // Two downloads at once: the first insert wins, the second reads it.
  await db.query('INSERT INTO proof_records (order_id, code, issuer) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING', [
    orderId,
    newCode(),
    JSON.stringify(issuer),
  ]);
  return (await findProofRecord(db, { orderId }))!;
}

export async function findProofRecord(db: Queryable, by: { orderId: string } | { code: string }): Promise<ProofRecord | undefined> {
  const [column, value] = 'orderId' in by ? ['order_id', by.orderId] : ['code', by.code];
  const { rows } = await db.query<Row>(`SELECT order_id, code, issuer, issued_at FROM proof_records WHERE ${column} = $1`, [value]);
  return rows[0] && toRecord(rows[0]);
}

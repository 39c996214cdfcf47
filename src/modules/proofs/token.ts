import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/index.ts';

/**
 * Proof links carry the order id and an HMAC of it under a key only the server holds,
 * so a token cannot be guessed or altered: change one character and it no longer
 * verifies. The key is made once and kept in the database, shared by every node.
 */
export async function loadProofKey(db: Database): Promise<Buffer> {
  await db.query(`INSERT INTO app_secrets (name, value) VALUES ('proof_key', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64')]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'proof_key'`);
  return Buffer.from(rows[0]!.value, 'base64');
}

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function createProofTokens(key: Buffer) {
  const mac = (id: Buffer) => createHmac('sha256', key).update('proof:v1:').update(id).digest().subarray(0, 20);
  return {
    sign(orderId: string): string {
      const id = uuidToBytes(orderId);
      return Buffer.concat([id, mac(id)]).toString('base64url');
    },
    /** The order id a token vouches for, or undefined for anything forged or altered. */
    verify(token: string): string | undefined {
      if (!/^[A-Za-z0-9_-]{48}$/.test(token)) return undefined;
      const raw = Buffer.from(token, 'base64url');
      if (raw.length !== 36) return undefined;
      const id = raw.subarray(0, 16);
      return timingSafeEqual(raw.subarray(16), mac(id)) ? bytesToUuid(id) : undefined;
    },
  };
}

export type ProofTokens = ReturnType<typeof createProofTokens>;

import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Database } from '../../db/index.ts';

/**
 * Pickup codes (issue 19): the short code a customer shows at the centre, e.g. `K7M-2QX`.
 * It is an HMAC of the order id under a key only the server holds (made once, kept in
 * app_secrets, shared by every node), written in an alphabet without look-alikes (no 0/O,
 * 1/I/L, 2/Z, 5/S, 8/B). Nobody can make the code of an order without the key; the database
 * keeps only its sha256 (to find the order from a scanned code), and the owner's view
 * recomputes it. Six characters of 25: about 2.4 × 10^8 codes, tried only by signed-in staff.
 */
const ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
const LENGTH = 6;

export async function loadPickupKey(db: Database): Promise<Buffer> {
  await db.query(`INSERT INTO app_secrets (name, value) VALUES ('pickup_key', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64')]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'pickup_key'`);
  return Buffer.from(rows[0]!.value, 'base64');
}

/** Upper case, anything but letters and digits dropped: "k7m 2qx" finds K7M-2QX. */
export const normalizePickupCode = (input: string): string => input.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const hashPickupCode = (code: string): string => createHash('sha256').update(normalizePickupCode(code)).digest('hex');

export function createPickupCodes(key: Buffer) {
  return {
    /** The order's code, "XXX-XXX". */
    codeOf(orderId: string): string {
      const mac = createHmac('sha256', key).update('pickup:v1:').update(orderId).digest();
      let n = mac.readBigUInt64BE(0);
      let code = '';
      for (let i = 0; i < LENGTH; i++) {
        code += ALPHABET[Number(n % BigInt(ALPHABET.length))];
        n /= BigInt(ALPHABET.length);
      }
      return `${code.slice(0, 3)}-${code.slice(3)}`;
    },
  };
}

export type PickupCodes = ReturnType<typeof createPickupCodes>;

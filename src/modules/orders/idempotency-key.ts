import type { Request } from 'express';
import { idempotencyKey } from '../../contract/index.ts';
import { parse } from '../../shared/validate.ts';

/**
 * The request's `Idempotency-Key` header (1–200 characters; 400 otherwise), or undefined.
 * A write sent again with the same key is answered as the first one was, not made twice.
 */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get('idempotency-key');
  return header === undefined ? undefined : parse(idempotencyKey, header);
}

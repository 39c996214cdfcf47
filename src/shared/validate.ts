import type { z } from 'zod';
import { AppError } from './errors.ts';

export const NUL_MESSAGE = 'Le caractère NUL (\\u0000) n’est pas accepté.';

/**
 * Where a NUL character (U+0000) sits in a value — a string, or an object's keys and values,
 * as a dotted path ('' for the value itself) — or undefined. PostgreSQL text cannot store it.
 */
export function findNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = findNul(inner, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Parses input with a zod schema, or throws 400 validation_failed naming each field. A NUL
 * character anywhere is refused here too (HTTP input is refused earlier, at the edge: this
 * covers every other caller).
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nulAt = findNul(input);
  if (nulAt !== undefined) throw new AppError('validation_failed', { details: [{ field: nulAt || '(body)', message: NUL_MESSAGE }] });
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  throw new AppError('validation_failed', { details });
}

/**
 * Parses a query string. An empty value (`?status=&page=`) means "not given": it is
 * dropped before parsing, so defaults apply instead of a validation error.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const given = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  return parse(schema, given);
}

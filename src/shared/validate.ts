import type { z } from 'zod';
import { AppError } from './errors.ts';

/** Parses input with a zod schema, or throws 400 validation_failed naming each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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

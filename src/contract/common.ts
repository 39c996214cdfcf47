import { z } from 'zod';

/** Every failure: `{error: {code, message, details}}`; codes are the catalogue of src/shared/errors.ts. */
export const errorAnswer = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorAnswer = z.infer<typeof errorAnswer>;

/** `details` of a 400 validation_failed: one entry per refused field. */
export const fieldError = z.object({ field: z.string(), message: z.string() }).meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof fieldError>;

/** An instant, as ISO 8601 in UTC (`2026-11-27T14:16:42.000Z`). */
export const instant = z.string();

export const uuid = z.string();

/** A line of a cart or an order: how many, whether offered to the centre, what it comes to. */
export const lineFields = { quantity: z.number().int(), donate: z.boolean(), lineTotalCents: z.number().int() };

/** When a record was made and last changed. */
export const timestamps = { createdAt: instant, updatedAt: instant };

/** A place by its name and postal address, as the shop and the proofs print it. */
export const namedAddress = { name: z.string(), address: z.string(), postcode: z.string(), city: z.string() };

/** An empty query value (`?centreId=` from a cleared control) counts as absent. */
export const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A calendar day, `YYYY-MM-DD`, read as a day in Paris. */
export const parisDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d), 'Date inconnue.');

/**
 * The filters the staff and admin lists share (issue 18): a centre, and a range of Paris
 * days — `from` from 00:00 that day, `to` up to the end of that day (inclusive) — and the
 * export: `format=csv` (or `xlsx`) for the whole filtered list, `lines=true` for one row per order line.
 */
export const listFilters = {
  centreId: blankIsAbsent(z.string().uuid('Centre inconnu.')),
  from: blankIsAbsent(parisDay),
  to: blankIsAbsent(parisDay),
  /** `csv` (`;`, UTF-8 with BOM) or `xlsx` (a workbook, one sheet): the whole filtered list as a download. */
  format: blankIsAbsent(z.enum(['json', 'csv', 'xlsx'])),
  lines: blankIsAbsent(z.enum(['true', 'false']).transform((v) => v === 'true')),
};

/** `?page=&pageSize=` of a paginated list; each list names its own default and maximum size. */
export const pageQuery = (defaultSize: number, maxSize = 100) => ({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxSize).default(defaultSize),
});

/** One page of a list, with the total count of what the filters match. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Path parameters named in a route (`:id`, `:slug`…), all strings. */
export const idParams = z.object({ id: z.string() });

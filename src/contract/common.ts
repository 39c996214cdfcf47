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

import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/errors.ts';
import { findNul, NUL_MESSAGE } from '../shared/validate.ts';

/**
 * Refuses any string input holding a NUL character (U+0000), once, at the edge: PostgreSQL
 * text cannot store it, so it used to reach the database and answer 500. Covers the JSON
 * body (values and keys), the query string and the path (route parameters are decoded from
 * it), before any route sees them.
 */
const ENCODED_NUL = /%00/i;

/** Where a NUL sits in the request ('' for a bare string body), or undefined if nowhere. */
function nulField(req: Request): string | undefined {
  const queryAt = req.originalUrl.indexOf('?');
  const path = queryAt < 0 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
  if (ENCODED_NUL.test(path)) return '(path)';
  return findNul(req.query, '') ?? findNul(req.body, '');
}

export function refuseNulInput(req: Request, _res: Response, next: NextFunction): void {
  const field = nulField(req);
  if (field === undefined) next();
  else next(new AppError('validation_failed', { details: [{ field: field || '(body)', message: NUL_MESSAGE }] }));
}

import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/errors.ts';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';

/**
 * The one error handler: every failure leaves as the contract's JSON shape
 * {error: {code, message, details?}}. Unknown errors are logged in full and answered
 * with a bare 500 — no stack trace, no SQL ever reaches the client.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.code === 'database_unavailable') {
    // Expected while PostgreSQL restarts: one line, no stack, for each refused request.
    req.log?.warn({ err: (err as Error).message }, 'request refused: database unavailable');
  } else if (appError.status >= 500) {
    req.log?.error({ err }, 'request failed');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(appError.headers)) res.setHeader(name, value);
  const body: { code: string; message: string; details?: unknown } = { code: appError.code, message: appError.message };
  if (appError.details !== undefined) body.details = appError.details;
  res.status(appError.status).json({ error: body });
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new AppError('database_unavailable');
  // body-parser's own errors carry a `type`; map the ones a client can cause.
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new AppError('invalid_json');
  if (type === 'entity.too.large') return new AppError('payload_too_large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new AppError('unsupported_media_type');
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return new AppError('not_found');
    if (status === 403) return new AppError('forbidden');
    if (status === 413) return new AppError('payload_too_large');
    return new AppError('validation_failed', { message: 'Requête invalide.' });
  }
  return new AppError('internal_error');
}

export function apiNotFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('not_found', { message: 'Cette route de l’API n’existe pas.' }));
}

/**
 * Cross-site write protection: a state-changing request whose Origin names another
 * site is refused. Requests without Origin (curl, server-to-server, Stripe) pass.
 */
export function sameOriginWrites(publicOrigin: () => string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    if (origin === undefined) return next();
    const own = new Set([publicOrigin(), `${req.protocol}://${req.get('host') ?? ''}`]);
    if (!own.has(origin)) return next(new AppError('forbidden_origin'));
    next();
  };
}

/**
 * The one way the front ends talk to the server: JSON over fetch, same-origin
 * cookies, and every failure as an ApiError carrying the contract's error shape
 * {error: {code, message, details}}.
 */

import type { FieldError } from '../../contract/index.ts';

export type { FieldError };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds, from the Retry-After header of a 429 (or 503). */
  readonly retryAfter: number | undefined;

  constructor(init: { status: number; code: string; message: string; details?: unknown; retryAfter?: number }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfter = init.retryAfter;
  }

  /** The `details: [{field, message}]` of a validation error, if any. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' && d !== null && typeof (d as FieldError).field === 'string' && typeof (d as FieldError).message === 'string',
    );
  }
}

/** True for a request cancelled by an AbortSignal (a page left before its data came). */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  // Public reads answer in the page's language (<html lang>, set from the chosen language).
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'fr', ...opts.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
  if (opts.body instanceof FormData) {
    // A file upload (multipart): the browser writes the Content-Type with its boundary.
    init.body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError({ status: 0, code: 'network_error', message: 'Network error' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    throw new ApiError({
      status: res.status,
      // A proxy's own 413 (an upload over its limit) has no JSON body.
      code: typeof error?.code === 'string' ? error.code : res.status === 413 ? 'payload_too_large' : `http_${res.status}`,
      message: typeof error?.message === 'string' ? error.message : res.statusText || `HTTP ${res.status}`,
      details: error?.details,
      retryAfter: parseRetryAfter(res.headers.get('Retry-After')),
    });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** Builds `path?query` from a record, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// --- Contract types ------------------------------------------------------------------------
// The server's own types (src/contract), imported as types only: nothing of the contract's
// zod schemas reaches the bundle.
export type {
  AuthProvider,
  Cart,
  CartAdjustment,
  CartItem,
  Category,
  Centre,
  Order,
  OrderEvent,
  OrderItem,
  OrderPayment,
  OrderStatus,
  PlacedOrder,
  Product,
  ProductPage,
  Role,
  ShopCentre,
  SignInAnswer,
  StockShortage,
  User,
} from '../../contract/index.ts';

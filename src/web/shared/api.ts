/**
 * The one way the front ends talk to the server: JSON over fetch, same-origin
 * cookies, and every failure as an ApiError carrying the contract's error shape
 * {error: {code, message, details}}.
 */

export interface FieldError {
  field: string;
  message: string;
}

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
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: opts.signal };
  if (opts.body !== undefined) {
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
  let data: unknown = undefined;
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
      code: typeof error?.code === 'string' ? error.code : `http_${res.status}`,
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

export type Role = 'customer' | 'staff' | 'admin';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** The person opened the link mailed to the address (or proved it otherwise). */
  emailVerified?: boolean;
}

export interface Product {
  id: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  priceCents: number;
  imageUrl: string | null;
  stock: number;
  /** At most this many in one order (null: no limit but the stock). */
  maxPerOrder?: number | null;
}

export interface Category {
  slug: string;
  name: string;
}

export interface ProductPage {
  items: Product[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuthProvider {
  id: string;
  label: string;
}

export interface Centre {
  id: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  openingHours: string;
  lat: number;
  lng: number;
}

export interface CartItem {
  productId: string;
  name: string;
  unit: string;
  imageUrl: string | null;
  priceCents: number;
  quantity: number;
  donate: boolean;
  lineTotalCents: number;
  stock: number;
  maxPerOrder: number | null;
}

export interface Cart {
  items: CartItem[];
  totalCents: number;
  donationTotalCents: number;
}

/** `details` of a 409 insufficient_stock. */
export interface StockShortage {
  productId: string;
  available: number;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'in_preparation' | 'in_delivery' | 'delivered' | 'canceled';

export interface OrderItem {
  productId: string;
  name: string;
  unit: string;
  unitPriceCents: number;
  quantity: number;
  donate: boolean;
  lineTotalCents: number;
}

export interface OrderPayment {
  provider: string;
  /** pending, succeeded, failed or refunded. */
  status: string;
  url: string | null;
  amountCents: number;
  refundedCents: number;
  providerRef: string | null;
}

export interface OrderEvent {
  status: OrderStatus;
  at: string;
  note: string | null;
  actorRole: string;
}

export interface Order {
  id: string;
  number: string;
  status: OrderStatus;
  donationOnly: boolean;
  centre: Centre;
  items: OrderItem[];
  totalCents: number;
  donationTotalCents: number;
  payment: OrderPayment | null;
  history: OrderEvent[];
  holdExpiresAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/orders and POST /api/orders/:id/pay. */
export interface PlacedOrder {
  order: Order;
  payment: { url: string | null };
}

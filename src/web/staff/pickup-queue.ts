/**
 * Hand-overs at the counter, kept on the device until the server has them (issue 19,
 * point 5): each « Remis » is written to localStorage first, then sent; without network it
 * stays queued and is sent when the network returns. Each carries the order's version as the
 * list showed it (`expectedVersion`): if someone else moved the order meanwhile, the server
 * answers 409 and the hand-over becomes a conflict shown to the person — never overwritten.
 */

import { ApiError, api } from '../shared/api.ts';
import type { OrderStatus, PickupDay } from '../../contract/index.ts';

export interface QueuedHandover {
  orderId: string;
  number: string;
  customerName: string;
  expectedVersion: number;
  status: OrderStatus;
  /** The pickup code scanned or typed, when the order was found by it (sent as the proof of the pickup right). */
  code?: string;
  /** When « Remis » was pressed (ISO). */
  at: string;
  /**
   * Sent as `Idempotency-Key`: a hand-over sent again because its answer was lost (the
   * server had it) is answered as done, not as a conflict with oneself. (Absent from
   * hand-overs queued by an older console.)
   */
  key?: string;
}

export interface Conflict {
  orderId: string;
  number: string;
  customerName: string;
  /** What the server said: its status now, or the error's message. */
  currentStatus: OrderStatus | null;
  message: string;
  at: string;
}

const QUEUE_KEY = 'panier-solidaire.staff.pickups.queue';
const CONFLICTS_KEY = 'panier-solidaire.staff.pickups.conflicts';
const DAY_KEY = 'panier-solidaire.staff.pickups.day';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the hand-over still goes out while online.
  }
}

export const queued = (): QueuedHandover[] => read<QueuedHandover[]>(QUEUE_KEY, []);
export const conflicts = (): Conflict[] => read<Conflict[]>(CONFLICTS_KEY, []);

/** The last day's list the server gave (shown when the network is down), with when it came. */
export const cachedDay = (): { day: PickupDay; at: string } | null => read<{ day: PickupDay; at: string } | null>(DAY_KEY, null);
export const cacheDay = (day: PickupDay): void => write(DAY_KEY, { day, at: new Date().toISOString() });

/** The service worker's cache (sw.ts names it the same: the worker is built apart and imports nothing). */
const WORKER_CACHE = 'panier-staff-v1';

/**
 * What the console needs to open offline, put in the worker's cache from the page: its
 * scripts and styles, the page itself and who is signed in. (The worker only starts keeping
 * what passes through it once it controls the page, after the first visit's requests.)
 */
export function keepForOffline(): void {
  if (!('caches' in globalThis) || !('serviceWorker' in navigator)) return;
  const own = [...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[rel="stylesheet"], link[rel="modulepreload"]')]
    .map((el) => (el instanceof HTMLScriptElement ? el.src : el.href))
    .filter((url) => new URL(url).origin === location.origin);
  void caches
    .open(WORKER_CACHE)
    .then((c) => c.addAll([...new Set([...own, '/staff/retraits', '/api/auth/me'])]))
    .catch(() => undefined);
}

/**
 * On sign-out: the kept list (customers' names) and the worker's copies leave the device.
 * Queued hand-overs stay: they are sent once someone of the team signs in again.
 */
export function forgetPickupDay(): void {
  try {
    localStorage.removeItem(DAY_KEY);
  } catch {
    // Nothing kept.
  }
  if ('caches' in globalThis) void caches.delete(WORKER_CACHE).catch(() => undefined);
}

/** « Remis »: queued at once (an order is queued once), under a key of its own. */
export function enqueue(h: Omit<QueuedHandover, 'key'>): void {
  const q = queued().filter((x) => x.orderId !== h.orderId);
  write(QUEUE_KEY, [...q, { ...h, key: randomKey() }]);
}

/** 128 random bits in hex (crypto.randomUUID needs a secure context; a centre's LAN may be plain http). */
function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function dismissConflict(orderId: string): void {
  write(
    CONFLICTS_KEY,
    conflicts().filter((c) => c.orderId !== orderId),
  );
}

/** The network is down (or the server out of reach): keep the hand-over for later. */
export const unreachable = (err: unknown): boolean => !(err instanceof ApiError) || err.status === 0 || err.status >= 500;

export interface FlushResult {
  sent: number;
  conflicts: number;
  /** Stopped early: no network, or the session needs attention (the rest stays queued). */
  stopped: unknown;
}

let flushing: Promise<FlushResult> | undefined;

/** Sends the queue in order, one by one; one call at a time (a second call waits for the first). */
export function flush(): Promise<FlushResult> {
  // Cleared once settled (not inside the body: with an empty queue it would finish before being assigned).
  flushing ??= sendQueue().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function sendQueue(): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, conflicts: 0, stopped: undefined };
  for (const h of queued()) {
    const once = h.key ? { headers: { 'Idempotency-Key': h.key } } : {};
    try {
      if (h.code) await api.post('/api/staff/pickups', { code: h.code, expectedVersion: h.expectedVersion }, once);
      else
        await api.post(
          `/api/staff/orders/${encodeURIComponent(h.orderId)}/status`,
          { status: h.status, expectedVersion: h.expectedVersion, note: 'Remis au retrait' },
          once,
        );
      result.sent++;
    } catch (err) {
      if (unreachable(err) || (err instanceof ApiError && (err.status === 401 || err.status === 403))) {
        result.stopped = err;
        break;
      }
      const e = err as ApiError;
      const details = (e.details ?? {}) as { currentStatus?: OrderStatus; from?: OrderStatus };
      write(CONFLICTS_KEY, [
        ...conflicts().filter((c) => c.orderId !== h.orderId),
        {
          orderId: h.orderId,
          number: h.number,
          customerName: h.customerName,
          currentStatus: details.currentStatus ?? details.from ?? null,
          message: e.message,
          at: new Date().toISOString(),
        } satisfies Conflict,
      ]);
      result.conflicts++;
    }
    // Settled either way (sent, or a conflict now shown): out of the queue.
    write(
      QUEUE_KEY,
      queued().filter((x) => x.orderId !== h.orderId),
    );
  }
  return result;
}

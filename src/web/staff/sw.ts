/**
 * The staff console's service worker (scope /staff/): the console keeps opening without
 * network, with the last day of pickups. Pages and the day's list: network first, the last
 * copy when offline. Built assets (hashed names): cache first. Everything else, including
 * every write and the socket, goes to the network untouched: hand-overs made offline are
 * queued by the page itself (pickup-queue.ts), never replayed here.
 */

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const CACHE = 'panier-staff-v1';
/** The one page shell: every /staff address is the same page. */
const SHELL = '/staff/retraits';
/** GET answers kept for offline use: who is signed in, and the day's pickups. */
const KEPT_API = ['/api/auth/me', '/api/staff/pickups'];

worker.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.add(SHELL))
      .catch(() => undefined)
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  );
});

async function networkFirst(request: Request, fallback?: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const kept = (await cache.match(request)) ?? (fallback ? await cache.match(fallback) : undefined);
    if (kept) return kept;
    throw err;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

worker.addEventListener('fetch', (e) => {
  const { request } = e;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/staff')) e.respondWith(networkFirst(request, SHELL));
  else if (url.pathname.startsWith('/assets/')) e.respondWith(cacheFirst(request));
  else if (KEPT_API.some((p) => url.pathname === p)) e.respondWith(networkFirst(request));
});

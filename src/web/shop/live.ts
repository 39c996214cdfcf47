/**
 * What the shop's pages hear live: stock changes (everyone), their own orders'
 * changes, and "refetch now" moments — the first connection after the page fetched
 * its data, and every reconnection that could not replay what was missed.
 */

import type { CatalogChange, Order, StockChange } from '../../contract/index.ts';
import { isConnected, onConnectionEvent, onResync, onServerEvent } from '../shared/socket.ts';

export function onStockChanged(fn: (change: StockChange) => void): () => void {
  return onServerEvent('stock:changed', (c) => {
    if (c && typeof c.productId === 'string' && typeof c.stock === 'number') fn(c);
  });
}

/** A product was created, edited or taken off sale (or a category changed). */
export function onCatalogChanged(fn: (change: CatalogChange) => void): () => void {
  return onServerEvent('catalog:changed', (c) => {
    if (c && typeof c === 'object') fn(c);
  });
}

export function onOrderUpdated(fn: (order: Order) => void): () => void {
  return onServerEvent('order:updated', (o) => {
    if (o && typeof o.id === 'string') fn(o);
  });
}

/**
 * Calls `fn` whenever what the page fetched may be stale: when the socket connects
 * for the first time after this call (events sent before it were not heard), and after
 * a reconnection that could not replay the missed events.
 */
export function onLiveRefresh(fn: () => void): () => void {
  const stops = [onResync(fn)];
  if (!isConnected()) {
    const stopFirst = onConnectionEvent('connect', () => {
      stopFirst();
      fn();
    });
    stops.push(stopFirst);
  }
  return () => {
    for (const stop of stops) stop();
  };
}

/** Runs every cleanup function at once (a page's destroy). */
export function cleanups(): { add(fn: () => void): void; run(): void } {
  const fns: Array<() => void> = [];
  return {
    add: (fn) => void fns.push(fn),
    run: () => {
      for (const fn of fns.splice(0)) fn();
    },
  };
}

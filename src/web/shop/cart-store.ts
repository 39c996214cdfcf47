/**
 * The person's cart, as the server keeps it (the account's, or a guest's under a cookie). One copy per page load, shared
 * by the header's count, the catalogue cards, the product page and the cart page.
 * Changes go through setLine(), which sends one request at a time per product: a
 * quick series of "+" ends with the last wanted quantity, never an older one.
 */

import { api, ApiError, type Cart, type CartItem } from '../shared/api.ts';
import type { CartAdjustment } from '../../contract/index.ts';
import { t } from '../shared/i18n.ts';

export const EMPTY_CART: Cart = { items: [], totalCents: 0, donationTotalCents: 0 };

let cart: Cart | null = null;
let loading: Promise<Cart | null> | undefined;
let generation = 0;
const listeners = new Set<(cart: Cart | null) => void>();

/** The cart as last known; null while it is not loaded yet. */
export function currentCart(): Cart | null {
  return cart;
}

function publish(next: Cart | null): void {
  cart = next;
  for (const fn of listeners) fn(next);
}

/** Hears every change of the cart (null while it reloads). */
export function onCartChange(fn: (cart: Cart | null) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Asks the server for the cart (a guest's too: empty until the first "Ajouter"). */
export function loadCart(): Promise<Cart | null> {
  const gen = generation;
  loading ??= api
    .get<Cart>('/api/cart')
    .then(
      (c) => {
        if (gen === generation) publish(c);
        return c;
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) {
          if (gen === generation) publish(null);
          return null;
        }
        throw err;
      },
    )
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

/** Someone else is signed in (or nobody now): the cart shown is reloaded, or `merged` is it (sign-in answer). */
export function resetCart(merged?: Cart): void {
  generation += 1;
  loading = undefined;
  pending.clear();
  if (merged) publish(merged);
  else {
    publish(null);
    loadCart().catch(() => undefined);
  }
}

/** The server answered with the whole cart (an order put back in it). */
export function showCart(next: Cart): void {
  publish(next);
}

/** The server emptied the cart (order placed). */
export function cartEmptied(): void {
  publish(EMPTY_CART);
}

/** A product's stock changed (live): the cart's line shows it. */
export function cartStockChanged(productId: string, stock: number): void {
  if (!cart?.items.some((i) => i.productId === productId && i.stock !== stock)) return;
  publish({ ...cart, items: cart.items.map((i) => (i.productId === productId ? { ...i, stock } : i)) });
}

/** Number of articles (sum of quantities). */
export function cartCount(c: Cart | null = cart): number {
  return c ? c.items.reduce((n, i) => n + i.quantity, 0) : 0;
}

export function cartLine(productId: string, c: Cart | null = cart): CartItem | undefined {
  return c?.items.find((i) => i.productId === productId);
}

interface Wanted {
  quantity: number;
  donate?: boolean;
}

interface Queue {
  running: Promise<Cart>;
  next: Wanted | undefined;
  waiters: Array<{ resolve: (c: Cart) => void; reject: (e: unknown) => void }>;
}

const pending = new Map<string, Queue>();

/**
 * Sets a line's quantity (0 removes it) and, when given, its "I offer this" flag.
 * Requests for one product run one after the other; while one is in flight only the
 * latest wish waits, and every caller hears the final answer. Errors (401,
 * insufficient_stock, validation_failed) reject as ApiError.
 */
export function setLine(productId: string, quantity: number, donate?: boolean): Promise<Cart> {
  const gen = generation;
  const wish: Wanted = donate === undefined ? { quantity } : { quantity, donate };
  const queue = pending.get(productId);
  if (queue) {
    // Keep a donate flag asked for earlier unless this wish sets its own.
    queue.next = { ...wish, donate: wish.donate ?? queue.next?.donate };
    if (queue.next.donate === undefined) delete queue.next.donate;
    return new Promise((resolve, reject) => queue.waiters.push({ resolve, reject }));
  }
  const send = (w: Wanted): Promise<Cart> => api.put<Cart>(`/api/cart/items/${encodeURIComponent(productId)}`, w);
  const q: Queue = { running: send(wish), next: undefined, waiters: [] };
  pending.set(productId, q);
  const drain = async (): Promise<Cart> => {
    let result: Cart;
    try {
      result = await q.running;
      while (q.next) {
        const w = q.next;
        q.next = undefined;
        result = await send(w);
      }
    } catch (err) {
      learnDefaultCap(err);
      pending.delete(productId);
      // What the server holds now is not known for sure: ask it.
      if (gen === generation) loadCart().catch(() => undefined);
      for (const w of q.waiters) w.reject(err);
      throw err;
    }
    pending.delete(productId);
    // Only the last answer is shown: intermediate ones would make a quick "+ + +" jump back.
    if (gen === generation) publish(result);
    for (const w of q.waiters) w.resolve(result);
    return result;
  };
  return drain();
}

/**
 * The shop's cap for products without one of their own (LIMIT_UNITS_PER_PRODUCT), once the
 * server has refused a quantity by it: from then on the steppers stop there.
 */
let defaultCap: number | undefined;

function learnDefaultCap(err: unknown): void {
  if (!(err instanceof ApiError) || err.code !== 'limit_reached') return;
  const { limit, max } = (err.details ?? {}) as { limit?: string; max?: number };
  if (limit === 'LIMIT_UNITS_PER_PRODUCT' && typeof max === 'number') defaultCap = max;
}

/** Largest quantity one order may have of this product: its stock, and its per-order limit. */
export function maxQuantity(stock: number, maxPerOrder: number | null | undefined): number {
  const cap = Math.min(99, Math.max(0, stock));
  const perOrder = maxPerOrder ?? defaultCap;
  return perOrder ? Math.min(cap, perOrder) : cap;
}

/**
 * The sentence for each cut the server made (`adjusted`): "Il n’en reste que 1 : 1 dans votre
 * panier." Names come from the cart, else from `names` (products not in the cart).
 */
export function adjustmentTexts(c: Cart, names: ReadonlyMap<string, string> = new Map()): string[] {
  return (c.adjusted ?? []).map((a) =>
    adjustmentText(a, cartLine(a.productId, c)?.name ?? names.get(a.productId) ?? cartLine(a.productId)?.name ?? t('adjusted.anItem')),
  );
}

export function adjustmentText(a: CartAdjustment, name: string): string {
  const n = a.quantity;
  switch (a.reason) {
    case 'off_sale':
      return t('adjusted.offSale', { name });
    case 'stock':
      return n > 0 ? t('adjusted.stock', { name, n }) : t('adjusted.stockOut', { name });
    case 'max_per_order':
      return t('adjusted.maxPerOrder', { name, n });
    default:
      return n > 0 ? t('adjusted.limit', { name, n }) : t('adjusted.lines', { name });
  }
}

/** Whether this answer cut the line of `productId`. */
export function wasCut(c: Cart, productId: string): boolean {
  return (c.adjusted ?? []).some((a) => a.productId === productId);
}

/** The names of the lines in the cart as last known (to name what a merge left out). */
export function cartNames(): Map<string, string> {
  return new Map((cart?.items ?? []).map((i) => [i.productId, i.name]));
}

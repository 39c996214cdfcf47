/**
 * The cart's rules: what a line may hold (stock, the product's own per-order cap, the shop's
 * LIMIT_UNITS_PER_PRODUCT and LIMIT_ORDER_LINES, on sale or not), and the answer that says
 * what was cut (`adjusted`) instead of refusing or cutting silently. Used by the cart's
 * routes, by the merge of a guest cart at sign-in, and by "put this order back in my cart".
 */
import type { AdjustedReason, Cart, CartAdjustment } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import {
  deleteGuestCart,
  deleteLine,
  lockGuestCart,
  productRules,
  readCart,
  readLines,
  writeLine,
  type CartOwner,
  type ProductRules,
  type StoredLine,
} from './store.ts';

export interface CartLimits {
  /** LIMIT_UNITS_PER_PRODUCT: the cap of a product without one of its own. */
  unitsPerProduct: number;
  /** LIMIT_ORDER_LINES: a cart holds no more lines than an order would accept. */
  orderLines: number;
}

/** How much of `requested` the product allows, and why less when it is less. */
export function fit(product: ProductRules, requested: number, limits: CartLimits): { quantity: number; reason?: AdjustedReason } {
  if (!product.on_sale) return { quantity: 0, reason: 'off_sale' };
  const perOrder = product.max_per_order ?? limits.unitsPerProduct;
  const stock = Math.max(0, product.stock);
  const quantity = Math.min(requested, perOrder, stock);
  if (quantity >= requested) return { quantity };
  // The tighter bound names the reason: what is left, else the per-order cap that applies.
  if (stock < Math.min(requested, perOrder)) return { quantity, reason: 'stock' };
  return { quantity, reason: product.max_per_order !== null ? 'max_per_order' : 'limit' };
}

export interface WantedLine {
  productId: string;
  quantity: number;
  donate?: boolean;
}

/**
 * Sets or adds lines in one owner's cart (`mode: 'set'` replaces a line's quantity, `'add'`
 * adds to it), each capped by its rules; a new line past LIMIT_ORDER_LINES is not taken.
 * Returns what was cut. An unknown product is 404 in `set` mode and skipped in `add` mode.
 */
export async function applyLines(q: Queryable, owner: CartOwner, wanted: WantedLine[], mode: 'set' | 'add', limits: CartLimits): Promise<CartAdjustment[]> {
  const [existing, rules] = [
    await readLines(q, owner),
    await productRules(
      q,
      wanted.map((w) => w.productId),
    ),
  ];
  const held = new Map(existing.map((l) => [l.productId, l]));
  const adjusted: CartAdjustment[] = [];
  for (const w of wanted) {
    const line: StoredLine | undefined = held.get(w.productId);
    if (w.quantity === 0 && mode === 'set') {
      if (line) await deleteLine(q, owner, w.productId);
      held.delete(w.productId);
      continue;
    }
    const product = rules.get(w.productId);
    if (!product) {
      if (mode === 'set') throw notFound();
      continue;
    }
    const requested = mode === 'add' ? (line?.quantity ?? 0) + w.quantity : w.quantity;
    let { quantity, reason } = fit(product, requested, limits);
    if (!line && quantity > 0 && held.size >= limits.orderLines) [quantity, reason] = [0, 'limit'];
    if (reason) adjusted.push({ productId: w.productId, requested, quantity, reason });
    // An off-sale line stays as it was (shown "no longer sold" until removed); else it follows.
    if (reason === 'off_sale') continue;
    if (quantity === 0) {
      if (line) await deleteLine(q, owner, w.productId);
      held.delete(w.productId);
      continue;
    }
    const donate = mode === 'add' ? (line?.donate ?? false) || (w.donate ?? false) : w.donate;
    await writeLine(q, owner, w.productId, quantity, donate);
    held.set(w.productId, { productId: w.productId, quantity, donate: donate ?? line?.donate ?? false });
  }
  return adjusted;
}

/**
 * Moves a guest cart into an account's cart (sign-up, sign-in): quantities added, capped by
 * the rules; the guest cart is gone afterwards. Undefined when there was no live guest cart.
 */
export async function mergeGuestCart(db: Database, guestId: string, userId: string, now: Date, limits: CartLimits): Promise<Cart | undefined> {
  return db.transaction(async (tx) => {
    if (!(await lockGuestCart(tx, guestId, now))) return undefined;
    const guest: CartOwner = { kind: 'guest', id: guestId };
    const account: CartOwner = { kind: 'user', id: userId };
    const lines = await readLines(tx, guest);
    const adjusted = await applyLines(tx, account, lines, 'add', limits);
    await deleteGuestCart(tx, guestId);
    return readCart(tx, account, adjusted);
  });
}

/** Adds lines to a person's cart (an order put back): what is still sold, capped, said in `adjusted`. */
export async function addToCart(db: Database, userId: string, lines: WantedLine[], limits: CartLimits): Promise<Cart> {
  return db.transaction(async (tx) => {
    const owner: CartOwner = { kind: 'user', id: userId };
    // The same product twice (a line for me, one offered) becomes one cart line.
    const merged = new Map<string, WantedLine>();
    for (const l of lines) {
      const m = merged.get(l.productId);
      merged.set(l.productId, m ? { ...m, quantity: m.quantity + l.quantity, donate: m.donate || l.donate } : { ...l });
    }
    const adjusted = await applyLines(tx, owner, [...merged.values()], 'add', limits);
    return readCart(tx, owner, adjusted);
  });
}

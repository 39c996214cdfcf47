/**
 * The cart's SQL: the account's lines (`cart_items`) and a guest's (`guest_cart_items`, under
 * `guest_carts`) have the same shape, so one set of statements serves both; the table and key
 * names come from the constant below, never from input.
 */
import type { AdjustedReason, Cart, CartAdjustment } from '../../contract/index.ts';
import type { Queryable } from '../../db/index.ts';

/** Whose cart: a signed-in person's, or a guest's (the SHA-256 of the cookie's token). */
export type CartOwner = { kind: 'user'; id: string } | { kind: 'guest'; id: string };

const TABLES = {
  user: { items: 'cart_items', key: 'user_id' },
  guest: { items: 'guest_cart_items', key: 'cart_id' },
} as const;

export interface ProductRules {
  id: string;
  name: string;
  stock: number;
  max_per_order: number | null;
  on_sale: boolean;
}

export interface StoredLine {
  productId: string;
  quantity: number;
  donate: boolean;
}

export async function readCart(q: Queryable, owner: CartOwner, adjusted: CartAdjustment[] = []): Promise<Cart> {
  const t = TABLES[owner.kind];
  const { rows } = await q.query<{
    product_id: string;
    name: string;
    unit: string;
    image_path: string | null;
    price_cents: number;
    quantity: number;
    donate: boolean;
    stock: number;
    max_per_order: number | null;
    on_sale: boolean;
  }>(
    `SELECT c.product_id, p.name, p.unit, p.image_path, p.price_cents, c.quantity, c.donate, p.stock, p.max_per_order, p.on_sale
       FROM ${t.items} c JOIN products p ON p.id = c.product_id
      WHERE c.${t.key} = $1 ORDER BY c.added_at, p.name`,
    [owner.id],
  );
  const items = rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    unit: r.unit,
    imageUrl: r.image_path,
    priceCents: r.price_cents,
    quantity: r.quantity,
    donate: r.donate,
    lineTotalCents: r.price_cents * r.quantity,
    stock: r.on_sale ? r.stock : 0,
    maxPerOrder: r.max_per_order,
    available: r.on_sale,
  }));
  const sold = items.filter((i) => i.available);
  const cart: Cart = {
    items,
    totalCents: sold.reduce((s, i) => s + i.lineTotalCents, 0),
    donationTotalCents: sold.filter((i) => i.donate).reduce((s, i) => s + i.lineTotalCents, 0),
  };
  if (adjusted.length) cart.adjusted = adjusted;
  return cart;
}

export async function readLines(q: Queryable, owner: CartOwner): Promise<StoredLine[]> {
  const t = TABLES[owner.kind];
  const { rows } = await q.query<{ product_id: string; quantity: number; donate: boolean }>(
    `SELECT product_id, quantity, donate FROM ${t.items} WHERE ${t.key} = $1 ORDER BY added_at`,
    [owner.id],
  );
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity, donate: r.donate }));
}

/** The products' rules for capping quantities, on sale or not (an unknown id is simply absent). */
export async function productRules(q: Queryable, ids: string[]): Promise<Map<string, ProductRules>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<ProductRules>('SELECT id, name, stock, max_per_order, on_sale FROM products WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Sets a line (quantity ≥ 1); `donate` undefined keeps the line's choice. */
export async function writeLine(q: Queryable, owner: CartOwner, productId: string, quantity: number, donate: boolean | undefined): Promise<void> {
  const t = TABLES[owner.kind];
  await q.query(
    `INSERT INTO ${t.items} (${t.key}, product_id, quantity, donate) VALUES ($1, $2, $3, $4)
     ON CONFLICT (${t.key}, product_id) DO UPDATE SET quantity = EXCLUDED.quantity,
       donate = CASE WHEN $5 THEN EXCLUDED.donate ELSE ${t.items}.donate END`,
    [owner.id, productId, quantity, donate ?? false, donate !== undefined],
  );
}

export async function deleteLine(q: Queryable, owner: CartOwner, productId: string): Promise<void> {
  const t = TABLES[owner.kind];
  await q.query(`DELETE FROM ${t.items} WHERE ${t.key} = $1 AND product_id = $2`, [owner.id, productId]);
}

export async function deleteLines(q: Queryable, owner: CartOwner): Promise<void> {
  const t = TABLES[owner.kind];
  await q.query(`DELETE FROM ${t.items} WHERE ${t.key} = $1`, [owner.id]);
}

// --- Guest carts -------------------------------------------------------------------------

/** Whether the guest cart exists and has not expired. */
export async function guestCartLive(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM guest_carts WHERE id = $1 AND expires_at > $2', [id, now]);
  return rows.length > 0;
}

/** Guest carts made from one (hashed) address since `since`: the creation rate limit. */
export async function guestCartsMadeSince(q: Queryable, address: string, since: Date): Promise<{ n: number; oldest: Date | null }> {
  const { rows } = await q.query<{ n: number; oldest: Date | null }>(
    'SELECT count(*)::int AS n, min(created_at) AS oldest FROM guest_carts WHERE address = $1 AND created_at > $2',
    [address, since],
  );
  return rows[0] ?? { n: 0, oldest: null };
}

export async function createGuestCart(q: Queryable, id: string, address: string, now: Date, expiresAt: Date): Promise<void> {
  await q.query('INSERT INTO guest_carts (id, address, created_at, expires_at) VALUES ($1, $2, $3, $4)', [id, address, now, expiresAt]);
}

/** A guest who keeps shopping keeps the cart: each change pushes its expiry back. */
export async function touchGuestCart(q: Queryable, id: string, expiresAt: Date): Promise<void> {
  await q.query('UPDATE guest_carts SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
}

export async function deleteGuestCart(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM guest_carts WHERE id = $1', [id]);
}

/** Locks the guest cart for a merge (two sign-ins at once merge it once). Returns false when gone or expired. */
export async function lockGuestCart(q: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM guest_carts WHERE id = $1 AND expires_at > $2 FOR UPDATE', [id, now]);
  return rows.length > 0;
}

export async function purgeExpiredGuestCarts(q: Queryable, now: Date): Promise<number> {
  const r = await q.query('DELETE FROM guest_carts WHERE expires_at <= $1', [now]);
  return r.rowCount;
}

export type { AdjustedReason };

import { z } from 'zod';
import { product } from './catalog.ts';
import { lineFields } from './common.ts';

/** PUT /api/cart/items/:productId: quantity 0 takes the line out; `donate` left out keeps the line's choice. */
export const cartItemBody = z.object({
  /** Above what the product allows, the quantity is cut and the answer says so in `adjusted`. */
  quantity: z.number().int('La quantité doit être un nombre entier.').min(0).max(999),
  donate: z.boolean().optional(),
});

/** A cart line: the product as the shop shows it now (name, price, stock, limit) and the line. */
export const cartItem = z.object({
  productId: z.string(),
  ...product.pick({ name: true, unit: true, imageUrl: true, priceCents: true }).shape,
  ...lineFields,
  ...product.pick({ stock: true, maxPerOrder: true }).shape,
  /** False once the product is taken off sale: the line stays (out of the totals) until removed. */
  available: z.boolean(),
});
export type CartItem = z.infer<typeof cartItem>;

/** Why a quantity asked for was cut (or a line not taken): contract "Cart (guests too)". */
export const ADJUSTED_REASONS = ['stock', 'max_per_order', 'limit', 'off_sale'] as const;
export type AdjustedReason = (typeof ADJUSTED_REASONS)[number];

export const cartAdjustment = z
  .object({
    productId: z.string(),
    /** The quantity asked for (a merge: the guest's and the account's together). */
    requested: z.number().int(),
    /** The quantity the cart now holds (0: the line was not kept). */
    quantity: z.number().int(),
    reason: z.enum(ADJUSTED_REASONS),
  })
  .meta({ id: 'CartAdjustment' });
export type CartAdjustment = z.infer<typeof cartAdjustment>;

/**
 * The cart lives on the server, per account, or per browser for a guest (a cookie). It
 * holds no stock: stock is held when the order is placed. `adjusted` is there when this
 * request cut a quantity or left a line out.
 */
export const cart = z
  .object({
    items: z.array(cartItem),
    totalCents: z.number().int(),
    donationTotalCents: z.number().int(),
    adjusted: z.array(cartAdjustment).optional(),
  })
  .meta({ id: 'Cart' });
export type Cart = z.infer<typeof cart>;

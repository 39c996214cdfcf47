import { z } from 'zod';

/** PUT /api/cart/items/:productId: quantity 0 takes the line out; `donate` left out keeps the line's choice. */
export const cartItemBody = z.object({
  quantity: z.number().int('La quantité doit être un nombre entier.').min(0).max(99),
  donate: z.boolean().optional(),
});

export const cartItem = z.object({
  productId: z.string(),
  name: z.string(),
  unit: z.string(),
  imageUrl: z.string().nullable(),
  priceCents: z.number().int(),
  quantity: z.number().int(),
  donate: z.boolean(),
  lineTotalCents: z.number().int(),
  stock: z.number().int(),
  maxPerOrder: z.number().int().nullable(),
});
export type CartItem = z.infer<typeof cartItem>;

/** The cart lives on the server, per account. It holds no stock: stock is held when the order is placed. */
export const cart = z.object({ items: z.array(cartItem), totalCents: z.number().int(), donationTotalCents: z.number().int() }).meta({ id: 'Cart' });
export type Cart = z.infer<typeof cart>;

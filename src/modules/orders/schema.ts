import { z } from 'zod';
import { ORDER_STATUSES } from './state-machine.ts';

export const placeOrderBody = z.object({
  centreId: z.string().uuid('Centre inconnu.'),
  items: z
    .array(
      z.object({
        productId: z.string().uuid('Produit inconnu.'),
        quantity: z.number().int('La quantité doit être un nombre entier.').min(1).max(99),
        donate: z.boolean().optional().default(false),
      }),
    )
    .min(1, 'La commande est vide.')
    .max(100),
  donationOnly: z.boolean().optional().default(false),
});
export type PlaceOrderInput = z.output<typeof placeOrderBody>;

export const idempotencyKey = z.string().min(1).max(200);

export const staffOrderQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const statusChangeBody = z.object({
  status: z.enum(ORDER_STATUSES),
  note: z.string().trim().max(500).optional(),
  /** The version the person saw; a different current version is a 409 conflict. */
  expectedVersion: z.number().int().min(1).optional(),
});

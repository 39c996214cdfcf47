import { z } from 'zod';
import { stripBidiControls } from '../../shared/text.ts';

const price = z
  .number({ error: 'Le prix doit être un nombre de centimes.' })
  .int('Le prix est un nombre entier de centimes.')
  .min(0, 'Le prix ne peut pas être négatif.')
  .max(1_000_000);

export const productFields = {
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(120),
  description: z.string().trim().max(2000),
  category: z.string().trim().min(1).max(64),
  unit: z.string().trim().max(40),
  priceCents: price,
  onSale: z.boolean(),
  maxPerOrder: z.number().int().min(1).max(99).nullable(),
};

export const createProductBody = z.object({
  ...productFields,
  description: productFields.description.default(''),
  unit: productFields.unit.default(''),
  onSale: productFields.onSale.default(true),
  maxPerOrder: productFields.maxPerOrder.default(null),
  /** Initial stock, written as a movement like every other stock change. */
  stock: z.number().int().min(0).max(100_000).default(0),
});

export const updateProductBody = z
  .object(productFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Rien à modifier.');

export const stockAdjustmentBody = z.object({
  delta: z.number().int('La variation est un nombre entier.').min(-100_000).max(100_000).refine((d) => d !== 0, 'La variation ne peut pas être nulle.'),
  reason: z.string().trim().min(3, 'Indiquez la raison de l’ajustement.').max(300),
});

export const adminProductQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.string().max(64).optional(),
  onSale: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

import { z } from 'zod';

export const productListQuery = z.object({
  q: z.string().max(200, 'La recherche est limitée à 200 caractères.').optional(),
  category: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

import { z } from 'zod';

/** One of my pending "Prévenez-moi" requests (GET /api/stock-alerts). */
export const stockAlert = z.object({ productId: z.string(), createdAt: z.string() }).meta({ id: 'StockAlert' });
export type StockAlert = z.infer<typeof stockAlert>;

/** POST /api/stock-alerts/unsubscribe: the signed token of the mail's link (no session needed). */
export const stockAlertUnsubscribeBody = z.object({ token: z.string().min(1).max(200) });
export const stockAlertUnsubscribeAnswer = z.object({ removed: z.number().int().meta({ description: 'Pending alerts removed.' }) });

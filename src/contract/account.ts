import { z } from 'zod';
import { givingRecord } from './giving.ts';
import { accountSummary, user } from './auth.ts';
import { cart } from './cart.ts';
import { instant } from './common.ts';
import { order } from './orders.ts';
import { payment } from './payments.ts';
import { receipt } from './receipts.ts';

/** GET /api/account/export: everything held about the person, as one JSON download. */
export const personalData = z
  .object({
    format: z.literal('panier-solidaire.personal-data.v1'),
    exportedAt: instant,
    profile: user.extend({
      createdAt: instant,
      hasPassword: z.boolean(),
      identities: accountSummary.shape.identities,
      postalAddress: accountSummary.shape.postalAddress,
    }),
    /** The live sessions (signed-in browsers). */
    sessions: z.array(
      z.object({ createdAt: instant, expiresAt: instant, lastSeenAt: instant.nullable(), userAgent: z.string().nullable(), ip: z.string().nullable() }),
    ),
    orders: z.array(order),
    cart,
    payments: z.array(payment),
    /** Each year the person gave, as its giving record (paid gifts, at cost price). */
    giving: z.array(givingRecord),
    /** The tax receipts issued for the person's gifts (void ones included). */
    receipts: z.array(receipt),
    /** "Prévenez-moi" requests, mailed (notifiedAt) or waiting. */
    stockAlerts: z.array(z.object({ productId: z.string(), createdAt: instant, notifiedAt: instant.nullable() })),
  })
  .meta({ id: 'PersonalData' });
export type PersonalData = z.infer<typeof personalData>;

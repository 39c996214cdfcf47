import { z } from 'zod';
import { blankIsAbsent, instant } from './common.ts';

/** `RF-YYYY-NNNNNN`: sequential per Paris year, never reused. */
export const RECEIPT_NUMBER = /^RF-\d{4}-\d{6,}$/;

/** A tax receipt for one paid order's gift (issue 20, point 3). */
export const receipt = z
  .object({
    number: z.string(),
    orderId: z.string(),
    /** The order's donated lines at cost price. */
    amountCents: z.number().int(),
    /** When the gift was made (the order paid). */
    issuedAt: instant,
    /** Refunded or canceled after payment: kept, never renumbered. */
    void: z.boolean(),
    voidedAt: instant.nullable(),
    /** The receipt this one replaces (voided when the gift was partly refunded), or null. */
    replaces: z.string().nullable(),
    /** The receipt that replaced this void one (a partial refund), or null. */
    replacedBy: z.string().nullable(),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof receipt>;

const year = z.coerce.number('Année attendue.').int('Année attendue.').min(2000, 'Année inconnue.').max(2999, 'Année inconnue.');

/** GET /api/account/receipts?year= (default: every year). */
export const receiptsQuery = z.object({ year: blankIsAbsent(year) });

/** GET /api/account/receipts/year/:year.pdf */
export const receiptYearParams = z.object({ year });

/** GET /api/account/receipts/:number.pdf */
export const receiptNumberParams = z.object({ number: z.string().regex(RECEIPT_NUMBER, 'Numéro de reçu inconnu.') });

/** GET /api/admin/receipts?year=&format= (default: this Paris year). */
export const adminReceiptsQuery = z.object({ year: blankIsAbsent(year), format: blankIsAbsent(z.enum(['json', 'csv'])) });

/** A receipt as the admin lists it for the accounts: with the donor (null once the account is erased). */
export const adminReceipt = receipt
  .extend({
    orderNumber: z.string(),
    /** `address`: the postal address the donor gave on their account, on one line (null if none). */
    donor: z.object({ id: z.string(), name: z.string(), email: z.string(), address: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'AdminReceipt' });
export type AdminReceipt = z.infer<typeof adminReceipt>;

export const adminReceipts = z
  .object({
    year: z.number().int(),
    /** Receipts not void, and the sum of their amounts. */
    count: z.number().int(),
    totalCents: z.number().int(),
    items: z.array(adminReceipt),
  })
  .meta({ id: 'AdminReceipts' });
export type AdminReceipts = z.infer<typeof adminReceipts>;

import { z } from 'zod';
import { instant, listFilters, paged, pageQuery } from './common.ts';
import { PAYMENT_STATUSES } from './enums.ts';

/** The demo provider's payment page answers for the customer. */
export const demoPaymentBody = z.object({ outcome: z.enum(['succeeded', 'failed']) });

export const paymentsQuery = z.object({
  ...listFilters,
  provider: z.enum(['demo', 'stripe', '']).optional(),
  status: z.enum([...PAYMENT_STATUSES, '']).optional(),
  /** The customer's name or email, or the order number (accents and capitals ignored). */
  q: z.string().trim().max(200).optional(),
  ...pageQuery(25),
});
export type PaymentsQuery = z.output<typeof paymentsQuery>;

/** A payment as /api/staff/payments and the `payment:received`/`payment:updated` events show it. */
export const payment = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    provider: z.string(),
    providerRef: z.string().nullable(),
    paymentIntent: z.string().nullable(),
    amountCents: z.number().int(),
    refundedCents: z.number().int(),
    status: z.enum(PAYMENT_STATUSES),
    createdAt: instant,
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof payment>;

/** Money received (net of refunds) over a period. */
export const paymentTotals = z.object({ count: z.number().int(), amountCents: z.number().int(), refundedCents: z.number().int() });
export type PaymentTotals = z.infer<typeof paymentTotals>;

export const paymentPage = paged(payment)
  .extend({ totals: z.object({ today: paymentTotals, week: paymentTotals }) })
  .meta({ id: 'PaymentPage' });
export type PaymentPage = z.infer<typeof paymentPage>;

/** What Stripe's webhook is answered (Stripe only reads the status). */
export const webhookAnswer = z.object({ received: z.literal(true), outcome: z.string() });

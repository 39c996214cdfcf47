/**
 * The payment provider seam: Stripe in production, the demo provider on a laptop.
 * Both are driven by the same payments service, so "payment succeeded / failed /
 * refunded" runs the same code whichever provider reported it.
 */
import type { NewCheckout } from '../orders/index.ts';

/** What a provider needs to open a checkout (the orders module's port says it once). */
export type CheckoutRequest = NewCheckout;

export interface PaymentProvider {
  readonly name: 'demo' | 'stripe';
  createCheckout(req: CheckoutRequest): Promise<{ url: string; providerRef: string }>;
  /**
   * A checkout made from the two ids alone, without the network (the demo page): written with
   * the payment row itself, in the order's own statement. Absent: createCheckout after commit.
   */
  localCheckout?(ids: { orderId: string; paymentId: string }): { url: string; providerRef: string };
  /** Refunds `amountCents` of a payment; the idempotency key makes a retry harmless. */
  refund(req: { paymentId: string; providerRef: string | null; paymentIntent: string | null; amountCents: number }): Promise<void>;
  /** Stops a checkout from being paid (hold ran out, or the order was canceled). */
  expireCheckout(providerRef: string): Promise<void>;
}

import type Stripe from 'stripe';
import type { Clock } from '../../../shared/clock.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { CheckoutRequest, PaymentProvider } from '../provider.ts';
import { idOf, type StripeClient } from './client.ts';

const MINUTE = 60_000;
/** Stripe accepts `expires_at` from 30 minutes to 24 hours after the session is created. */
const STRIPE_MIN_LIFETIME = 30 * MINUTE;
const STRIPE_MAX_LIFETIME = 24 * 60 * MINUTE;
/** Room for the request's trip and clock differences with Stripe. */
const MARGIN = MINUTE;
/** An order placed this recently counts as "just placed" (see sessionExpiry). */
const JUST_PLACED = 30_000;

/**
 * When a Checkout Session ends (Unix seconds): at the order's hold expiry, but within
 * Stripe's bounds. With RESERVATION_MINUTES under 30 the session outlives the hold:
 * a payment made after the hold ran out is refunded by the settlement.
 *
 * The bounds count from the moment the order was placed (hold − reservation) when
 * that was moments ago, so two concurrent calls for one payment send the very same
 * parameters with the same idempotency key (Stripe refuses a key reused with other
 * parameters). A later attempt (after a failed payment) counts from now.
 */
export function sessionExpiry(holdExpiresAt: Date, now: Date, reservationMinutes: number): number {
  const placedAt = holdExpiresAt.getTime() - reservationMinutes * MINUTE;
  const anchor = now.getTime() - placedAt <= JUST_PLACED ? placedAt : now.getTime();
  const earliest = anchor + STRIPE_MIN_LIFETIME + MARGIN;
  const latest = anchor + STRIPE_MAX_LIFETIME - 5 * MINUTE;
  return Math.ceil(Math.min(latest, Math.max(earliest, holdExpiresAt.getTime())) / 1000);
}

/** The Checkout Session parameters for one payment of one order. */
export function checkoutParams(req: CheckoutRequest, opts: { publicUrl: string; now: Date; reservationMinutes: number }): Stripe.Checkout.SessionCreateParams {
  const orderPage = `${opts.publicUrl}/orders/${encodeURIComponent(req.orderId)}`;
  const metadata = { orderId: req.orderId, orderNumber: req.orderNumber, paymentId: req.paymentId };
  return {
    mode: 'payment',
    line_items: req.lines.map((l) => ({
      quantity: l.quantity,
      price_data: { currency: 'eur', unit_amount: l.unitPriceCents, product_data: { name: l.name } },
    })),
    client_reference_id: req.orderId,
    metadata,
    // Also on the PaymentIntent (and so in the dashboard next to the charge and its refunds).
    payment_intent_data: { metadata, description: `Panier Solidaire ${req.orderNumber}` },
    ...(req.customerEmail ? { customer_email: req.customerEmail } : {}),
    locale: 'fr',
    success_url: `${orderPage}?payment=return`,
    cancel_url: `${orderPage}?payment=canceled`,
    expires_at: sessionExpiry(req.expiresAt, opts.now, opts.reservationMinutes),
  };
}

const isStripeError = (err: unknown): err is { type: string; code?: string; statusCode?: number; message: string } =>
  typeof (err as { type?: unknown } | null)?.type === 'string' && (err as { type: string }).type.startsWith('Stripe');

/**
 * Stripe-hosted Checkout: card data never reaches our server. One Checkout Session per
 * payment (idempotency key `checkout-<paymentId>`), refunds against the PaymentIntent
 * (idempotency key `refund-<paymentId>`), and sessions expired when an order is dropped.
 */
export function createStripeProvider(deps: {
  stripe: StripeClient;
  clock: Clock;
  logger: Logger;
  publicUrl: () => string;
  reservationMinutes: number;
}): PaymentProvider {
  const { stripe, logger } = deps;
  // Concurrent requests for one payment on this node share one call to Stripe.
  const creating = new Map<string, Promise<{ url: string; providerRef: string }>>();

  const providerError = (err: unknown, what: string, context: Record<string, unknown>): AppError => {
    logger.error({ err, ...context }, `stripe: ${what} failed`);
    return new AppError('payment_provider_error');
  };

  async function create(req: CheckoutRequest): Promise<{ url: string; providerRef: string }> {
    const linesTotal = req.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
    if (linesTotal !== req.totalCents) throw new Error(`checkout lines (${linesTotal}) do not add up to the order total (${req.totalCents})`);
    const params = checkoutParams(req, { publicUrl: deps.publicUrl(), now: deps.clock.now(), reservationMinutes: deps.reservationMinutes });
    let session: Stripe.Checkout.Session;
    try {
      session = await stripe.checkout.sessions.create(params, { idempotencyKey: `checkout-${req.paymentId}` });
    } catch (err) {
      throw providerError(err, 'checkout session creation', { orderId: req.orderId, paymentId: req.paymentId });
    }
    if (!session.url) throw providerError(new Error('session without url'), 'checkout session creation', { sessionId: session.id });
    logger.info({ orderId: req.orderId, paymentId: req.paymentId, sessionId: session.id }, 'stripe: checkout session created');
    return { url: session.url, providerRef: session.id };
  }

  return {
    name: 'stripe',

    createCheckout(req) {
      const running = creating.get(req.paymentId);
      if (running !== undefined) return running;
      const call = create(req).finally(() => creating.delete(req.paymentId));
      creating.set(req.paymentId, call);
      return call;
    },

    async refund({ paymentId, providerRef, paymentIntent, amountCents }) {
      if (amountCents <= 0) return;
      let intent = paymentIntent ?? undefined;
      try {
        if (!intent && providerRef) {
          // The checkout event that names the PaymentIntent has not reached us yet: ask Stripe.
          intent = idOf((await stripe.checkout.sessions.retrieve(providerRef)).payment_intent);
        }
        if (!intent) throw new Error('no PaymentIntent to refund');
        await stripe.refunds.create({ payment_intent: intent, amount: amountCents, metadata: { paymentId } }, { idempotencyKey: `refund-${paymentId}` });
        logger.info({ paymentId, paymentIntent: intent, amountCents }, 'stripe: refund made');
      } catch (err) {
        // Refunded already (from the dashboard, say): the money is back, which is what was asked.
        if (isStripeError(err) && err.code === 'charge_already_refunded') {
          logger.warn({ paymentId, paymentIntent: intent }, 'stripe: charge was already refunded');
          return;
        }
        throw providerError(err, 'refund', { paymentId, paymentIntent: intent });
      }
    },

    async expireCheckout(providerRef) {
      await stripe.checkout.sessions.expire(providerRef);
    },
  };
}

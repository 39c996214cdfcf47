import express, { Router } from 'express';
import type Stripe from 'stripe';
import { AppError } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { PaymentReport, ReportTarget, Settlement, SettleOutcome } from '../settlement.ts';
import { idOf, type StripeClient } from './client.ts';

/** The events this endpoint acts on (enable these on the Stripe webhook endpoint; see docs/STRIPE.md). */
export const STRIPE_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
] as const;

type Translated = { target: ReportTarget; report: PaymentReport } | undefined;

/**
 * Says what a Stripe event means for one of our payments, in the settlement's terms.
 * Undefined for events we do not act on.
 */
export function translateStripeEvent(event: Stripe.Event, stripe: StripeClient): Translated {
  const base = { provider: 'stripe', eventId: event.id, eventType: event.type } as const;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = event.data.object;
      if (session.mode !== 'payment') return undefined;
      const target: ReportTarget = { ...base, providerRef: session.id, paymentId: session.metadata?.paymentId };
      const paymentIntent = idOf(session.payment_intent) ?? null;
      switch (event.type) {
        case 'checkout.session.completed':
          // Paid now (cards), or later (delayed methods: async_payment_succeeded follows).
          return session.payment_status === 'paid' || session.payment_status === 'no_payment_required'
            ? { target, report: { kind: 'succeeded', amountCents: session.amount_total ?? undefined, paymentIntent } }
            : { target, report: { kind: 'processing', paymentIntent } };
        case 'checkout.session.async_payment_succeeded':
          return { target, report: { kind: 'succeeded', amountCents: session.amount_total ?? undefined, paymentIntent } };
        case 'checkout.session.async_payment_failed':
          return { target, report: { kind: 'failed', paymentIntent } };
        case 'checkout.session.expired':
          return { target, report: { kind: 'expired' } };
      }
      return undefined;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const paymentIntent = idOf(charge.payment_intent);
      if (!paymentIntent) return undefined; // a charge made without Checkout: not ours
      return {
        target: {
          ...base,
          paymentIntent,
          paymentId: charge.metadata?.paymentId,
          // Refunded before the checkout event told us this PaymentIntent: its session says whose it is.
          resolve: async () => {
            const sessions = await stripe.checkout.sessions.list({ payment_intent: paymentIntent, limit: 1 });
            const session = sessions.data[0];
            return session ? { providerRef: session.id, paymentId: session.metadata?.paymentId } : undefined;
          },
        },
        report: { kind: 'refunded', refundedCents: charge.amount_refunded, paymentIntent },
      };
    }
    default:
      return undefined;
  }
}

/**
 * POST /api/payments/stripe/webhook. Mounted before JSON parsing: the signature covers
 * the raw bytes. A verified event goes to the settlement, which acts on each event id
 * once, in the transaction of its effect. Events about payments we do not know get a
 * 2xx (Stripe would otherwise retry them for days); a failure while acting gets a 5xx
 * and nothing recorded, so Stripe delivers the event again.
 */
export function stripeWebhookRoutes(deps: {
  stripe: StripeClient;
  webhookSecret: string;
  settlement: Settlement;
  logger: Logger;
  /** Seconds a signature stays valid (Stripe's default: 300). */
  toleranceSeconds?: number;
}): Router {
  const r = Router();
  r.post('/payments/stripe/webhook', express.raw({ type: 'application/json', limit: '1mb' }), async (req, res) => {
    const signature = req.get('stripe-signature');
    if (!signature || !Buffer.isBuffer(req.body)) throw new AppError('invalid_signature');
    let event: Stripe.Event;
    try {
      event = deps.stripe.webhooks.constructEvent(req.body, signature, deps.webhookSecret, deps.toleranceSeconds);
    } catch (err) {
      req.log?.warn({ reason: (err as Error).message }, 'stripe webhook: signature does not verify');
      throw new AppError('invalid_signature');
    }

    const translated = translateStripeEvent(event, deps.stripe);
    let outcome: SettleOutcome | 'ignored' = 'ignored';
    if (translated) outcome = await deps.settlement.report(translated.target, translated.report);
    const context = { eventId: event.id, eventType: event.type, outcome };
    if (outcome === 'unknown_payment') deps.logger.warn(context, 'stripe webhook: event about a payment we do not know');
    else deps.logger.info(context, 'stripe webhook');
    res.json({ received: true, outcome });
  });
  return r;
}

import type { Router } from 'express';
import {
  createDemoProvider,
  createStripeClient,
  createStripeProvider,
  stripeWebhookRoutes,
  type PaymentProvider,
  type Settlement,
} from '../modules/payments/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { Config } from './config.ts';

function stripeSettings(config: Config): { secretKey: string; webhookSecret: string; apiUrl?: string } {
  const { secretKey, webhookSecret, apiUrl } = config.stripe;
  if (!secretKey) throw new Error('Configuration invalide : PAYMENT_PROVIDER=stripe demande STRIPE_SECRET_KEY.');
  if (!webhookSecret) {
    // Without it no payment could ever be confirmed: every order would wait, then expire.
    throw new Error('Configuration invalide : STRIPE_WEBHOOK_SECRET manque (whsec_… du point de terminaison Stripe, ou celui qu’affiche `stripe listen`).');
  }
  return { secretKey, webhookSecret, apiUrl };
}

/** Chooses the payment provider from the configuration (PAYMENT_PROVIDER, STRIPE_SECRET_KEY). */
export function choosePaymentProvider(config: Config, deps: { clock: Clock; logger: Logger; publicUrl: () => string }): PaymentProvider {
  if (config.paymentProvider === 'stripe') {
    const stripe = stripeSettings(config);
    deps.logger.info(
      {
        mode: stripe.secretKey.startsWith('sk_live_') || stripe.secretKey.startsWith('rk_live_') ? 'live' : 'test',
        apiUrl: stripe.apiUrl ?? 'https://api.stripe.com',
      },
      'paiements : Stripe',
    );
    return createStripeProvider({
      stripe: createStripeClient(stripe),
      clock: deps.clock,
      logger: deps.logger,
      publicUrl: deps.publicUrl,
      reservationMinutes: config.reservationMinutes,
    });
  }
  return createDemoProvider();
}

/** Routers that need the raw request body (mounted before JSON parsing): the signed Stripe webhook. */
export function paymentWebhookRouters(config: Config, deps: { settlement: Settlement; logger: Logger }): Router[] {
  if (config.paymentProvider !== 'stripe') return [];
  const stripe = stripeSettings(config);
  return [
    stripeWebhookRoutes({
      stripe: createStripeClient(stripe),
      webhookSecret: stripe.webhookSecret,
      settlement: deps.settlement,
      logger: deps.logger,
    }),
  ];
}

import { createDemoProvider, type PaymentProvider } from '../modules/payments/index.ts';
import type { Config } from './config.ts';

/** Chooses the payment provider from the configuration (PAYMENT_PROVIDER, STRIPE_SECRET_KEY). */
export function choosePaymentProvider(config: Config): PaymentProvider {
  if (config.paymentProvider === 'stripe') {
    throw new Error('PAYMENT_PROVIDER=stripe : le fournisseur Stripe n’est pas encore disponible.');
  }
  return createDemoProvider();
}

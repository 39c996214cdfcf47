export { createStripeClient, type StripeClient } from './client.ts';
export { createStripeProvider, checkoutParams, sessionExpiry } from './provider.ts';
export { stripeWebhookRoutes, translateStripeEvent, STRIPE_EVENTS } from './webhook.ts';

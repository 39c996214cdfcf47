export type { PaymentProvider, CheckoutRequest } from './provider.ts';
export { createDemoProvider } from './demo/provider.ts';
export { createStripeClient, createStripeProvider, stripeWebhookRoutes, STRIPE_EVENTS } from './stripe/index.ts';
export { createPaymentGateway } from './gateway.ts';
export { createSettlement, type Settlement, type PaymentReport, type ReportTarget, type SettleOutcome } from './settlement.ts';
export { demoPaymentRoutes, staffPaymentRoutes } from './routes.ts';
export { paymentView, paymentSummaryFor, paymentsExportFor, listPaymentViews, receivedSince, type PaymentView } from './repo.ts';

export type { PaymentProvider, CheckoutRequest } from './provider.ts';
export { createDemoProvider } from './demo/provider.ts';
export { createPaymentGateway } from './gateway.ts';
export { createSettlement, type Settlement, type PaymentReport } from './settlement.ts';
export { demoPaymentRoutes } from './routes.ts';
export { paymentView, listPaymentViews, receivedSince, type PaymentView } from './repo.ts';

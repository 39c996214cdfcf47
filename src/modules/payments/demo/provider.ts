import type { PaymentProvider } from '../provider.ts';

/**
 * The demo provider: no money moves. The customer is sent to our own /pay/demo page,
 * whose buttons report success or failure through POST /api/payments/demo/:orderId —
 * into the same settlement code the Stripe webhook uses.
 */
export function createDemoProvider(): PaymentProvider {
  const localCheckout = (ids: { orderId: string; paymentId: string }) => ({
    url: `/pay/demo/${ids.orderId}`,
    providerRef: `demo_${ids.paymentId.replace(/-/g, '').slice(0, 24)}`,
  });
  return {
    name: 'demo',
    localCheckout,
    async createCheckout(req) {
      return localCheckout(req);
    },
    async refund() {
      // Nothing was charged: recording the refund is all there is to do.
    },
    async expireCheckout() {
      // The demo page refuses to pay an order that is no longer pending.
    },
  };
}

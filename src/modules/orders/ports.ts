import type { Queryable, Transaction } from '../../db/index.ts';
import type { OrderPayment, OrderStatus } from '../../contract/index.ts';

/**
 * The latest payment of each order, read by payments (the owner of the table) with the
 * caller's client — the pool or the transaction that is building the view.
 */
export interface PaymentSummaries {
  summaryFor(db: Queryable, orderIds: string[]): Promise<Map<string, OrderPayment>>;
}

/**
 * What orders need from payments, handed in at the composition root. Orders never
 * import the payments module: payments implements this, and settles orders through
 * the orders module's public API.
 */
export interface PaymentGateway extends PaymentSummaries {
  readonly provider: 'demo' | 'stripe';
  /**
   * The pending payment of a new order, as the order's statement writes it (place_order,
   * migration 022): a new id, the provider, and the checkout link when the provider makes it
   * without the network (then startCheckout is not needed).
   */
  newPayment(orderId: string): NewPayment;
  /**
   * Makes the provider's checkout for a payment just opened (after its transaction
   * committed: the provider may be called over the network), from what the caller
   * already knows of the order.
   */
  startCheckout(checkout: NewCheckout): Promise<{ url: string; providerRef: string }>;
  /**
   * Where the customer pays; made at the provider on first call, the same URL afterwards
   * (a fresh payment after a failed one). Orders hand in what payments need of the order.
   */
  checkoutUrl(order: PayableOrder): Promise<string | null>;
  /**
   * Refunds what was paid for this order, inside the transaction that cancels it, so a
   * failed refund leaves the order as it was. Idempotent at the provider.
   */
  refundOrder(tx: Transaction, orderId: string): Promise<void>;
  /** The hold ran out: stop the provider from taking money for this order (best effort). */
  abandon(tx: Transaction, orderId: string): Promise<void>;
}

export interface NewPayment {
  id: string;
  provider: 'demo' | 'stripe';
  url: string | null;
  providerRef: string | null;
}

export interface NewCheckout {
  paymentId: string;
  orderId: string;
  orderNumber: string;
  lines: Array<{ name: string; unitPriceCents: number; quantity: number }>;
  totalCents: number;
  expiresAt: Date;
  customerEmail?: string;
}

/** An order whose payment may be offered again, as orders hand it to payments. */
export type PayableOrder = Omit<NewCheckout, 'paymentId'> & { status: OrderStatus };

/** Who acts on an order, as recorded in its history. */
export interface Actor {
  kind: 'customer' | 'staff' | 'payment' | 'system';
  userId?: string;
  /** The role written in the history: customer, staff, admin, payment or system. */
  role: string;
}

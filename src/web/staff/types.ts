/** The shapes the staff console reads from the server (API.md "Staff console API"). */

import type { Centre as ShopCentre } from '../shared/api.ts';

export type OrderStatus = 'pending_payment' | 'paid' | 'in_preparation' | 'in_delivery' | 'delivered' | 'canceled';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered', 'canceled'];

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'refunded';

/** A centre as the staff API gives it: the shop's, without the map position. */
export type Centre = Omit<ShopCentre, 'lat' | 'lng'>;

export interface OrderLine {
  productId: string;
  name: string;
  unit?: string;
  unitPriceCents: number;
  quantity: number;
  donate: boolean;
  lineTotalCents: number;
}

export interface HistoryEntry {
  status: OrderStatus;
  at: string;
  note: string | null;
  actorRole: string;
  actorName?: string | null;
}

export interface OrderPayment {
  provider: string;
  status: PaymentStatus;
  url: string | null;
  amountCents: number;
  refundedCents: number;
  providerRef: string | null;
}

export interface StaffOrder {
  id: string;
  number: string;
  status: OrderStatus;
  donationOnly: boolean;
  centre: Centre;
  items: OrderLine[];
  totalCents: number;
  donationTotalCents: number;
  payment: OrderPayment | null;
  history: HistoryEntry[];
  holdExpiresAt?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  customer: { id: string | null; name: string; email: string };
}

export interface StaffOrderDetail extends StaffOrder {
  allowedTransitions: OrderStatus[];
  proofUrl?: string;
}

export interface OrderPage {
  items: StaffOrder[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OrderStatus, number>;
}

export interface Payment {
  id: string;
  orderId: string;
  orderNumber: string;
  provider: string;
  providerRef: string | null;
  paymentIntent?: string | null;
  amountCents: number;
  refundedCents: number;
  status: PaymentStatus;
  createdAt: string;
}

export interface PaymentTotals {
  count: number;
  amountCents: number;
  refundedCents: number;
}

export interface PaymentPage {
  items: Payment[];
  total: number;
  page: number;
  pageSize: number;
  totals: { today: PaymentTotals; week: PaymentTotals };
}

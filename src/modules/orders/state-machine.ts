import { AppError } from '../../shared/errors.ts';
import type { OrderStatus } from '../../contract/enums.ts';

// The statuses are the contract's (one list for server, front ends and the OpenAPI document).
export { ORDER_STATUSES, type OrderStatus } from '../../contract/enums.ts';

/** Who moves an order: the customer, staff (admins act as staff), the payment provider, or the system (hold expiry). */
export type ActorKind = 'customer' | 'staff' | 'payment' | 'system';

/**
 * The one state machine (invariant 4). Each allowed move names who may make it:
 * payments settle, staff prepare and deliver, customers cancel only while nothing
 * is prepared, the system cancels holds that ran out, and the payment provider
 * cancels an order whose payment expired or was refunded in full outside our console.
 */
const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, readonly ActorKind[]>>> = {
  pending_payment: { paid: ['payment'], canceled: ['customer', 'staff', 'system', 'payment'] },
  paid: { in_preparation: ['staff'], canceled: ['customer', 'staff', 'payment'] },
  in_preparation: { in_delivery: ['staff'], canceled: ['staff', 'payment'] },
  in_delivery: { delivered: ['staff'], canceled: ['staff', 'payment'] },
  // Handed over at the centre (a scanned pickup code, or staff from the order's page). Only an
  // order with lines for the customer: a gift-only order ends at delivered.
  delivered: { collected: ['staff'] },
  collected: {},
  canceled: {},
};

/** `giftOnly`: every line is offered to the centre, nothing to hand over (no `collected`). */
export function canTransition(from: OrderStatus, to: OrderStatus, actor: ActorKind, giftOnly = false): boolean {
  if (to === 'collected' && giftOnly) return false;
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** The moves an actor may make from here (the staff console shows only these buttons). */
export function allowedTransitions(from: OrderStatus, actor: ActorKind, giftOnly = false): OrderStatus[] {
  return (Object.keys(TRANSITIONS[from]) as OrderStatus[]).filter((to) => canTransition(from, to, actor, giftOnly));
}

export function assertTransition(from: OrderStatus, to: OrderStatus, actor: ActorKind, giftOnly = false): void {
  if (!canTransition(from, to, actor, giftOnly)) {
    throw new AppError('invalid_transition', {
      message:
        to === 'collected' && giftOnly
          ? 'Tout est offert au centre dans cette commande : il n’y a rien à remettre.'
          : `Impossible de passer la commande de « ${from} » à « ${to} ».`,
      details: { from, to, allowed: allowedTransitions(from, actor, giftOnly) },
    });
  }
}

/** Processed orders (preparation started, not canceled) have a proof document. */
export const isProcessed = (status: OrderStatus): boolean =>
  status === 'in_preparation' || status === 'in_delivery' || status === 'delivered' || status === 'collected';

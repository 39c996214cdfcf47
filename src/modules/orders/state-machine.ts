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
  delivered: {},
  canceled: {},
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: ActorKind): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** The moves an actor may make from here (the staff console shows only these buttons). */
export function allowedTransitions(from: OrderStatus, actor: ActorKind): OrderStatus[] {
  return (Object.entries(TRANSITIONS[from]) as Array<[OrderStatus, readonly ActorKind[]]>).filter(([, actors]) => actors.includes(actor)).map(([to]) => to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus, actor: ActorKind): void {
  if (!canTransition(from, to, actor)) {
    throw new AppError('invalid_transition', {
      message: `Impossible de passer la commande de « ${from} » à « ${to} ».`,
      details: { from, to, allowed: allowedTransitions(from, actor) },
    });
  }
}

/** Processed orders (preparation started, not canceled) have a proof document. */
export const isProcessed = (status: OrderStatus): boolean => status === 'in_preparation' || status === 'in_delivery' || status === 'delivered';

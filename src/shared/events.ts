/**
 * Domain events, published after the transaction that caused them commits. The
 * realtime module maps them to Socket.IO events; modules that publish never know who
 * listens (orders never import realtime).
 */
import type { StaffOrderView } from '../modules/orders/views.ts';

export type DomainEvent =
  | { type: 'stock.changed'; productId: string; stock: number }
  /** A product was created, edited, withdrawn or given a new image (productId), or a category changed (categorySlug). */
  | { type: 'catalog.changed'; productId?: string; categorySlug?: string }
  /** `view`: the order as just written, so listeners need not read it back. */
  | { type: 'order.placed'; orderId: string; view?: StaffOrderView }
  /** `view`: the order as it stands after the change, read in its transaction. */
  | { type: 'order.changed'; orderId: string; status: string; actorId?: string; view?: StaffOrderView }
  | { type: 'payment.recorded'; paymentId: string; orderId: string; status: string }
  /**
   * Something that decides what an account's connections may receive changed: a session
   * ended (logout, rotation, password change or reset), the role changed, the account was
   * disabled or deleted. Published after commit; listeners re-read the account as it is
   * now (realtime: sockets of ended sessions are cut, the others' rooms re-derived).
   */
  | { type: 'user.access_changed'; userId: string };

export interface EventPublisher {
  publish(event: DomainEvent): void;
}

export class EventBus implements EventPublisher {
  private readonly listeners = new Set<(event: DomainEvent) => void>();

  constructor(private readonly onListenerError: (err: unknown, event: DomainEvent) => void = () => undefined) {}

  publish(event: DomainEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

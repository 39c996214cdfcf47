/**
 * Domain events, published after the transaction that caused them commits. The
 * realtime module maps them to Socket.IO events; modules that publish never know who
 * listens (orders never import realtime).
 */

/**
 * `OrderView` is the order as orders' views build it. Shared code knows no module, so the
 * type is a parameter: orders publishes `DomainEvent<StaffOrderView>`, the composition root
 * creates `EventBus<StaffOrderView>`, and realtime reads the same type back.
 */
export type DomainEvent<OrderView = unknown> =
  /** `orderId`: a new order's hold (units taken), which its `order.placed` carries to the sockets too. */
  | { type: 'stock.changed'; productId: string; stock: number; orderId?: string }
  /** A product was created, edited, withdrawn or given a new image (productId), or a category changed (categorySlug). */
  | { type: 'catalog.changed'; productId?: string; categorySlug?: string }
  /** `view`: the order as just written, so listeners need not read it back; `stocks`: what its holds left. */
  | { type: 'order.placed'; orderId: string; view?: OrderView; stocks?: Array<{ productId: string; stock: number }> }
  /** `view`: the order as it stands after the change, read in its transaction. */
  | { type: 'order.changed'; orderId: string; status: string; actorId?: string; view?: OrderView }
  /** Someone acknowledged a new order (staff screens drop its "new" mark). */
  | { type: 'order.acknowledged'; orderId: string; acknowledgedAt: string; acknowledgedBy: { id: string | null; name: string } }
  /** A need's given quantity moved (paid gifts, a cancellation, an edit of its target). */
  | { type: 'need.changed'; needId: string; centreId: string; givenQuantity: number; met: boolean }
  /** The month's public impact figures moved (gifts paid or taken back), coalesced: the figures as now. */
  | { type: 'impact.changed'; month: string; kilograms: number; units: number; donatedCents: number; meals: number; kgPerMeal: number }
  | { type: 'payment.recorded'; paymentId: string; orderId: string; status: string }
  /**
   * Something that decides what an account's connections may receive changed: a session
   * ended (logout, rotation, password change or reset), the role changed, the account was
   * disabled or deleted. Published after commit; listeners re-read the account as it is
   * now (realtime: sockets of ended sessions are cut, the others' rooms re-derived).
   */
  | { type: 'user.access_changed'; userId: string };

export interface EventPublisher<OrderView = unknown> {
  publish(event: DomainEvent<OrderView>): void;
}

export class EventBus<OrderView = unknown> implements EventPublisher<OrderView> {
  private readonly listeners = new Set<(event: DomainEvent<OrderView>) => void>();

  constructor(private readonly onListenerError: (err: unknown, event: DomainEvent<OrderView>) => void = () => undefined) {}

  publish(event: DomainEvent<OrderView>): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }
  }

  subscribe(listener: (event: DomainEvent<OrderView>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

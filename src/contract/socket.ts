/**
 * The Socket.IO contract (API.md "Realtime"): what the server emits to which room, typed for
 * `new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>`
 * and for socket.io-client's `Socket<ServerToClientEvents, ClientToServerEvents>`.
 * Types only: nothing here runs.
 */
import type { Role } from './enums.ts';
import type { Order, OrderAcknowledged, StaffOrder } from './orders.ts';
import type { ImpactChange, NeedChange } from './giving.ts';
import type { Payment } from './payments.ts';

/** Sent on connection and when the session's role changes: who this socket is now (null: a visitor). */
export interface SessionEvent {
  user: { id: string; role: Role } | null;
  /**
   * Sent just before the server cuts a signed-in page's connection: why its session is over
   * (`account_disabled`: the account was disabled or deleted; `session_ended`: signed out,
   * elsewhere or by expiry). The page signs out at once and says so.
   */
  ended?: 'account_disabled' | 'session_ended';
}

export interface StockChange {
  productId: string;
  stock: number;
}

/** A product was created, edited, withdrawn or given a new image (productId), or a category changed (categorySlug). */
export interface CatalogChange {
  productId?: string;
  categorySlug?: string;
}

export interface ServerToClientEvents {
  session: (payload: SessionEvent) => void;
  /** Room everyone. */
  'stock:changed': (change: StockChange) => void;
  /** Room everyone. */
  'catalog:changed': (change: CatalogChange) => void;
  /** Room staff: a new order. */
  'order:created': (order: StaffOrder) => void;
  /** Room user:<id> gets the owner view; room staff the staff view (a staff member may get both). */
  'order:updated': (order: Order | StaffOrder) => void;
  /** Room staff: someone acknowledged a new order (every staff screen drops its "new" mark). */
  'order:acknowledged': (ack: OrderAcknowledged) => void;
  /** Room everyone: paid gifts filled a centre's need, or a cancellation took some back. */
  'need:changed': (change: NeedChange) => void;
  /** Room everyone: the month's impact figures moved (a gift paid, or a paid one canceled); coalesced. */
  'impact:changed': (change: ImpactChange) => void;
  /** Room staff. */
  'payment:received': (payment: Payment) => void;
  /** Room staff: a payment failed or was refunded. */
  'payment:updated': (payment: Payment) => void;
}

/** Clients only listen: they send nothing. */
// biome-ignore lint/suspicious/noEmptyInterface: an empty event map is the contract (socket.io types need an interface, not a type alias).
export interface ClientToServerEvents {}

/** Between the nodes of a cluster (through the PostgreSQL adapter). */
export interface InterServerEvents {
  /** An account's access changed: each node re-checks its own sockets of that account. */
  'account:changed': (userId: string) => void;
  /**
   * An order was placed on another node: its staff view and the stock it held, in one message
   * (one NOTIFY per order across nodes); each node delivers them to its own sockets.
   */
  'order:placed': (placed: { view: StaffOrder; stocks: StockChange[] }) => void;
}

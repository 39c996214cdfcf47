import { readAll, type Queryable } from '../../db/index.ts';
import { namesByIds } from '../auth/index.ts';
import { centresByIds, type CentreSummary } from '../centres/index.ts';
import type { Order, OrderStatus, StaffOrder } from '../../contract/index.ts';
import type { PaymentSummaries } from './ports.ts';
import { systemNoteCode } from './system-notes.ts';

/** An order as the API shows it (contract "Order"), built in one place for every route and socket event. */
export type OrderView = Order;

/** The staff view (contract "StaffOrder"): who ordered, and staff names in the history. */
export type StaffOrderView = StaffOrder;

interface OrderRow {
  id: string;
  number: string;
  user_id: string | null;
  centre_id: string;
  status: OrderStatus;
  donation_only: boolean;
  total_cents: number;
  donation_total_cents: number;
  hold_expires_at: Date;
  version: number;
  created_at: Date;
  updated_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  pickup_slot_start: Date | null;
  pickup_slot_end: Date | null;
}

interface ItemRow {
  order_id: string;
  product_id: string;
  name: string;
  unit: string;
  unit_price_cents: number;
  quantity: number;
  donate: boolean;
  line_total_cents: number;
}

interface EventRow {
  order_id: string;
  status: OrderStatus;
  at: Date;
  note: string | null;
  customer_message: string | null;
  actor_role: string;
  actor_id: string | null;
}

/** Who acted in the history: a staff member or admin, whose notes are internal. */
const isStaffActor = (role: string) => role === 'staff' || role === 'admin';

const DELETED_ACCOUNT = '(compte supprimé)';

/** The order read model: every route, socket event, mail and proof shows an order through it. */
export interface OrderViews {
  /**
   * Full views of these orders, in the order given (unknown ids are left out), read with the
   * caller's client. A fixed number of queries whatever the number of orders: orders' own
   * tables (orders, lines, history), then the owners' public functions for the rest — the
   * latest payments (payments), the centres (centres) and, for the staff view, the names of
   * the customers and of the staff in the history (auth).
   */
  load(db: Queryable, ids: string[], opts: { withCustomer: true }): Promise<StaffOrderView[]>;
  load(db: Queryable, ids: string[], opts?: { withCustomer?: false }): Promise<OrderView[]>;
  /** What the owner sees of a staff view (toOwnerView), with the pickup code once delivered. */
  owner(staffView: StaffOrderView): OrderView;
}

/** An order shows its pickup code to its owner once at the centre, if something is to be handed over. */
const showsPickupCode = (o: Pick<OrderView, 'status' | 'items'>) => o.status === 'delivered' && o.items.some((i) => !i.donate);

const groupByOrder = <T extends { order_id: string }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) (map.get(r.order_id) ?? map.set(r.order_id, []).get(r.order_id)!).push(r);
  return map;
};

/** The read model, given what payments tell of an order (orders never import payments). */
export function createOrderViews(payments: PaymentSummaries, codeOf: (orderId: string) => string): OrderViews {
  async function load(db: Queryable, ids: string[], opts: { withCustomer?: boolean } = {}): Promise<Array<OrderView | StaffOrderView>> {
    if (ids.length === 0) return [];
    // Side by side on the pool; one after another on a transaction's single connection.
    const [orders, items, events, paymentBy] = await readAll(db, [
      () =>
        db.query<OrderRow>(
          `SELECT id, number, user_id, centre_id, status, donation_only, total_cents, donation_total_cents,
                  hold_expires_at, version, created_at, updated_at, acknowledged_at, acknowledged_by, pickup_slot_start, pickup_slot_end
             FROM orders WHERE id = ANY($1::uuid[])`,
          [ids],
        ),
      () =>
        db.query<ItemRow>(
          `SELECT order_id, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents
             FROM order_items WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
          [ids],
        ),
      () =>
        db.query<EventRow>(
          'SELECT order_id, status, at, note, customer_message, actor_role, actor_id FROM order_events WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id',
          [ids],
        ),
      () => payments.summaryFor(db, ids),
    ]);
    // Names only for the staff view: the customer, who acted in the history, who acknowledged it.
    const people = opts.withCustomer
      ? [...orders.rows.flatMap((o) => [o.user_id, o.acknowledged_by]), ...events.rows.map((e) => e.actor_id)].filter((id) => id !== null)
      : [];
    const [centreBy, nameBy] = await readAll(db, [
      () =>
        centresByIds(
          db,
          orders.rows.map((o) => o.centre_id),
        ),
      () => namesByIds(db, people),
    ]);
    const itemsBy = groupByOrder(items.rows);
    const eventsBy = groupByOrder(events.rows);
    const byId = new Map(orders.rows.map((o) => [o.id, o]));

    return ids.flatMap((id) => {
      const o = byId.get(id);
      if (!o) return [];
      const view: OrderView = {
        id: o.id,
        number: o.number,
        status: o.status,
        donationOnly: o.donation_only,
        centre: centreBy.get(o.centre_id)!,
        items: (itemsBy.get(id) ?? []).map((i) => ({
          productId: i.product_id,
          name: i.name,
          unit: i.unit,
          unitPriceCents: i.unit_price_cents,
          quantity: i.quantity,
          donate: i.donate,
          lineTotalCents: i.line_total_cents,
        })),
        totalCents: o.total_cents,
        donationTotalCents: o.donation_total_cents,
        payment: paymentBy.get(id) ?? null,
        history: (eventsBy.get(id) ?? []).map((e) => ({
          status: e.status,
          at: e.at.toISOString(),
          // A staff member's note is internal: the owner's view never has it.
          note: opts.withCustomer || !isStaffActor(e.actor_role) ? e.note : null,
          noteCode: systemNoteCode(e.note, e.actor_role),
          customerMessage: e.customer_message,
          actorRole: e.actor_role,
          ...(opts.withCustomer ? { actorName: (e.actor_id && nameBy.get(e.actor_id)?.name) ?? null } : {}),
        })),
        holdExpiresAt: o.hold_expires_at.toISOString(),
        pickupSlot: o.pickup_slot_start && o.pickup_slot_end ? { start: o.pickup_slot_start.toISOString(), end: o.pickup_slot_end.toISOString() } : null,
        version: o.version,
        createdAt: o.created_at.toISOString(),
        updatedAt: o.updated_at.toISOString(),
      };
      if (!opts.withCustomer) return [showsPickupCode(view) ? { ...view, pickupCode: codeOf(view.id) } : view];
      const customer = o.user_id ? nameBy.get(o.user_id) : undefined;
      const staffView: StaffOrderView = {
        ...view,
        customer: { id: o.user_id, name: customer?.name ?? DELETED_ACCOUNT, email: customer?.email ?? '' },
        acknowledgedAt: o.acknowledged_at?.toISOString() ?? null,
        acknowledgedBy: o.acknowledged_at
          ? { id: o.acknowledged_by, name: (o.acknowledged_by && nameBy.get(o.acknowledged_by)?.name) ?? DELETED_ACCOUNT }
          : null,
      };
      return [staffView];
    });
  }
  return {
    load: load as OrderViews['load'],
    owner(staffView) {
      const view = toOwnerView(staffView);
      return showsPickupCode(view) ? { ...view, pickupCode: codeOf(view.id) } : view;
    },
  };
}

/**
 * What the customer sees of a staff view: no customer block, no acknowledgement, no staff
 * names in the history, and no internal note (only the message staff wrote for the customer).
 */
export function toOwnerView(staffView: StaffOrderView): OrderView {
  const { customer: _customer, acknowledgedAt: _at, acknowledgedBy: _by, ...view } = staffView;
  return {
    ...view,
    history: view.history.map(({ actorName: _name, ...event }) => ({ ...event, note: isStaffActor(event.actorRole) ? null : event.note })),
  };
}

/** An order just placed, as its transaction wrote it. */
export interface NewOrder {
  id: string;
  number: string;
  version: number;
  donationOnly: boolean;
  centre: CentreSummary;
  items: OrderView['items'];
  totalCents: number;
  donationTotalCents: number;
  createdAt: Date;
  holdExpiresAt: Date;
  pickupSlot: { start: Date; end: Date } | null;
  customer: { id: string; name: string; email: string };
}

/**
 * The view of an order just placed, built from what its transaction wrote — the same
 * shape OrderViews.load reads back (a test holds the two equal), without reading back.
 */
export function newOrderView(order: NewOrder & { payment: NonNullable<OrderView['payment']> }): StaffOrderView {
  const at = order.createdAt.toISOString();
  return {
    id: order.id,
    number: order.number,
    status: 'pending_payment',
    donationOnly: order.donationOnly,
    centre: order.centre,
    items: order.items,
    totalCents: order.totalCents,
    donationTotalCents: order.donationTotalCents,
    payment: order.payment,
    history: [{ status: 'pending_payment', at, note: null, noteCode: null, customerMessage: null, actorRole: 'customer', actorName: order.customer.name }],
    holdExpiresAt: order.holdExpiresAt.toISOString(),
    pickupSlot: order.pickupSlot && { start: order.pickupSlot.start.toISOString(), end: order.pickupSlot.end.toISOString() },
    version: order.version,
    createdAt: at,
    updatedAt: at,
    customer: order.customer,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}

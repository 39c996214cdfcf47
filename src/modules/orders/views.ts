import { readAll, type Queryable } from '../../db/index.ts';
import { CENTRE_COLUMNS, toCentre, type Centre } from '../centres/index.ts';
import type { Order, OrderStatus, PaymentStatus, StaffOrder } from '../../contract/index.ts';

/** An order as the API shows it (contract "Order"), built in one place for every route and socket event. */
export type OrderView = Order;

/** The staff view (contract "StaffOrder"): who ordered, and staff names in the history. */
export type StaffOrderView = StaffOrder;

/** Who acted in the history: a staff member or admin, whose notes are internal. */
const isStaffActor = (role: string) => role === 'staff' || role === 'admin';

const DELETED_ACCOUNT = '(compte supprimé)';

interface OrderRow {
  id: string;
  number: string;
  user_id: string | null;
  status: OrderStatus;
  donation_only: boolean;
  total_cents: number;
  donation_total_cents: number;
  hold_expires_at: Date;
  version: number;
  created_at: Date;
  updated_at: Date;
  customer_name: string | null;
  customer_email: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_name: string | null;
  c_id: string;
  c_name: string;
  c_address: string;
  c_postcode: string;
  c_city: string;
  c_opening_hours: string;
  c_lat: number;
  c_lng: number;
}

const centreCols = CENTRE_COLUMNS.split(', ')
  .map((c) => `c.${c} AS c_${c}`)
  .join(', ');

/**
 * Loads full order views for a set of ids, in the order given: four queries whatever
 * the number of orders (orders+centre+customer, lines, history, latest payment).
 */
export async function loadOrderViews(db: Queryable, ids: string[], opts: { withCustomer: true }): Promise<StaffOrderView[]>;
export async function loadOrderViews(db: Queryable, ids: string[], opts?: { withCustomer?: false }): Promise<OrderView[]>;
export async function loadOrderViews(db: Queryable, ids: string[], opts: { withCustomer?: boolean } = {}) {
  if (ids.length === 0) return [];
  // Side by side on the pool; one after another on a transaction's single connection.
  const [orders, items, events, payments] = await readAll(db, [
    () =>
      db.query<OrderRow>(
        `SELECT o.id, o.number, o.user_id, o.status, o.donation_only, o.total_cents, o.donation_total_cents,
              o.hold_expires_at, o.version, o.created_at, o.updated_at, o.acknowledged_at, o.acknowledged_by,
              u.name AS customer_name, u.email AS customer_email, a.name AS ack_name, ${centreCols}
         FROM orders o JOIN centres c ON c.id = o.centre_id LEFT JOIN users u ON u.id = o.user_id
         LEFT JOIN users a ON a.id = o.acknowledged_by
        WHERE o.id = ANY($1::uuid[])`,
        [ids],
      ),
    () =>
      db.query<{
        order_id: string;
        product_id: string;
        name: string;
        unit: string;
        unit_price_cents: number;
        quantity: number;
        donate: boolean;
        line_total_cents: number;
      }>(
        `SELECT order_id, product_id, name, unit, unit_price_cents, quantity, donate, line_total_cents
         FROM order_items WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
        [ids],
      ),
    () =>
      db.query<{
        order_id: string;
        status: OrderStatus;
        at: Date;
        note: string | null;
        customer_message: string | null;
        actor_role: string;
        actor_name: string | null;
      }>(
        `SELECT e.order_id, e.status, e.at, e.note, e.customer_message, e.actor_role, u.name AS actor_name
         FROM order_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.order_id = ANY($1::uuid[]) ORDER BY e.order_id, e.id`,
        [ids],
      ),
    () =>
      db.query<{
        order_id: string;
        provider: string;
        status: PaymentStatus;
        url: string | null;
        amount_cents: number;
        refunded_cents: number;
        provider_ref: string | null;
      }>(
        `SELECT DISTINCT ON (order_id) order_id, provider, status, url, amount_cents, refunded_cents, provider_ref
         FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, created_at DESC, id`,
        [ids],
      ),
  ]);
  const group = <T extends { order_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) (map.get(r.order_id) ?? map.set(r.order_id, []).get(r.order_id)!).push(r);
    return map;
  };
  const itemsBy = group(items.rows);
  const eventsBy = group(events.rows);
  const paymentBy = new Map(payments.rows.map((p) => [p.order_id, p]));
  const byId = new Map(orders.rows.map((o) => [o.id, o]));

  return ids.flatMap((id) => {
    const o = byId.get(id);
    if (!o) return [];
    const p = paymentBy.get(id);
    const view: OrderView = {
      id: o.id,
      number: o.number,
      status: o.status,
      donationOnly: o.donation_only,
      centre: toCentre({
        id: o.c_id,
        name: o.c_name,
        address: o.c_address,
        postcode: o.c_postcode,
        city: o.c_city,
        opening_hours: o.c_opening_hours,
        lat: o.c_lat,
        lng: o.c_lng,
      }),
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
      payment: p
        ? { provider: p.provider, status: p.status, url: p.url, amountCents: p.amount_cents, refundedCents: p.refunded_cents, providerRef: p.provider_ref }
        : null,
      history: (eventsBy.get(id) ?? []).map((e) => ({
        status: e.status,
        at: e.at.toISOString(),
        // A staff member's note is internal: the owner's view never has it.
        note: opts.withCustomer || !isStaffActor(e.actor_role) ? e.note : null,
        customerMessage: e.customer_message,
        actorRole: e.actor_role,
        ...(opts.withCustomer ? { actorName: e.actor_name } : {}),
      })),
      holdExpiresAt: o.hold_expires_at.toISOString(),
      version: o.version,
      createdAt: o.created_at.toISOString(),
      updatedAt: o.updated_at.toISOString(),
    };
    if (!opts.withCustomer) return [view];
    const staffView: StaffOrderView = {
      ...view,
      customer: { id: o.user_id, name: o.customer_name ?? DELETED_ACCOUNT, email: o.customer_email ?? '' },
      acknowledgedAt: o.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: o.acknowledged_at ? { id: o.acknowledged_by, name: o.ack_name ?? DELETED_ACCOUNT } : null,
    };
    return [staffView];
  });
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
  centre: Centre;
  items: OrderView['items'];
  totalCents: number;
  donationTotalCents: number;
  createdAt: Date;
  holdExpiresAt: Date;
  customer: { id: string; name: string; email: string };
}

/**
 * The view of an order just placed, built from what its transaction wrote — the same
 * shape loadOrderViews reads back (a test holds the two equal), without reading back.
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
    history: [{ status: 'pending_payment', at, note: null, customerMessage: null, actorRole: 'customer', actorName: order.customer.name }],
    holdExpiresAt: order.holdExpiresAt.toISOString(),
    version: order.version,
    createdAt: at,
    updatedAt: at,
    customer: order.customer,
    acknowledgedAt: null,
    acknowledgedBy: null,
  };
}

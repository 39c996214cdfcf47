import type { Queryable } from '../../db/index.ts';
import { parisDayStart } from '../../shared/paris-time.ts';
import type { PickupDay, PickupOrder } from '../../contract/index.ts';
import type { OrderStatus } from './state-machine.ts';
import type { OrderViews, StaffOrderView } from './views.ts';

/**
 * The hand-over at the centre: an order waits `delivered` (its goods are at the centre) and
 * becomes `collected` when the customer takes them (a scanned pickup code, or staff).
 */
export const PICKUP_WAITING: OrderStatus = 'delivered';
export const PICKUP_DONE: OrderStatus = 'collected';

/** The Paris day [start, end) of a YYYY-MM-DD date (23, 24 or 25 hours). */
export function parisDayBounds(date: string): { start: Date; end: Date } {
  const start = parisDayStart(new Date(`${date}T12:00:00Z`));
  return { start, end: parisDayStart(new Date(start.getTime() + 36 * 3_600_000)) };
}

/** YYYY-MM-DD of a moment, in Paris. */
export const parisDateOf = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(at);

function pickupOrderOf(o: StaffOrderView, codeHash: string | null): PickupOrder {
  const own = o.items.filter((i) => !i.donate);
  const done = o.status === PICKUP_DONE ? o.history.findLast((e) => e.status === PICKUP_DONE) : undefined;
  return {
    id: o.id,
    number: o.number,
    customerName: o.customer.name,
    status: o.status,
    version: o.version,
    pickupSlot: o.pickupSlot,
    pickupCodeHash: codeHash,
    lines: own.length,
    units: own.reduce((n, i) => n + i.quantity, 0),
    giftLines: o.items.length - own.length,
    collectedAt: done?.at ?? null,
    collectedBy: done ? (done.actorName ?? null) : null,
  };
}

const counts = (orders: PickupOrder[]) => {
  const collected = orders.filter((o) => o.collectedAt !== null).length;
  return { expected: orders.length, collected, missing: orders.length - collected };
};

/**
 * The day's pickups (staff): every order with lines for the customer that waits at its
 * centre, those handed over that Paris day, and those whose slot is that day but that have
 * not reached the centre yet (unpaid, paid, in preparation or in delivery: their status says
 * so, staff see what is still to arrive) — per centre, then per slot, with the
 * expected / collected / missing counts. Gift-only orders have nothing to hand over.
 */
export async function pickupDay(db: Queryable, views: OrderViews, q: { date: string; centreId?: string }): Promise<PickupDay> {
  const { start, end } = parisDayBounds(q.date);
  // Waiting at the centre with a slot up to that day (late ones too) or none; collected: in its
  // slot's day, or (no slot) the day it was handed over; any other status but canceled: in
  // its slot's day (still on its way to the centre).
  const { rows } = await db.query<{ id: string; pickup_code_hash: string | null }>(
    `SELECT o.id, o.pickup_code_hash FROM orders o
      WHERE ($3::uuid IS NULL OR o.centre_id = $3::uuid)
        AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND NOT i.donate)
        AND ((o.status = $4 AND (o.pickup_slot_start IS NULL OR o.pickup_slot_start < $2))
             OR (o.status NOT IN ($4, 'canceled') AND o.pickup_slot_start >= $1 AND o.pickup_slot_start < $2)
             OR (o.status = $5 AND o.pickup_slot_start IS NULL
                 AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.status = $5 AND e.at >= $1 AND e.at < $2)))
      ORDER BY o.number`,
    [start, end, q.centreId ?? null, PICKUP_WAITING, PICKUP_DONE],
  );
  const hashOf = new Map(rows.map((r) => [r.id, r.pickup_code_hash]));
  const orders = await views.load(
    db,
    rows.map((r) => r.id),
    { withCustomer: true },
  );
  const byCentre = new Map<string, { centre: StaffOrderView['centre']; orders: PickupOrder[] }>();
  for (const o of orders) {
    const entry = byCentre.get(o.centre.id) ?? byCentre.set(o.centre.id, { centre: o.centre, orders: [] }).get(o.centre.id)!;
    entry.orders.push(pickupOrderOf(o, hashOf.get(o.id) ?? null));
  }
  const byName = (a: PickupOrder, b: PickupOrder) => a.customerName.localeCompare(b.customerName, 'fr') || a.number.localeCompare(b.number);
  const centres = [...byCentre.values()]
    .sort((a, b) => a.centre.name.localeCompare(b.centre.name, 'fr'))
    .map(({ centre, orders: list }) => {
      const bySlot = new Map<string, PickupOrder[]>();
      for (const o of list) {
        const key = o.pickupSlot?.start ?? '';
        (bySlot.get(key) ?? bySlot.set(key, []).get(key)!).push(o);
      }
      // Earliest slot first, the orders without a slot ('' key) last.
      const slots = [...bySlot.entries()]
        .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
        .map(([, slotOrders]) => ({ slot: slotOrders[0]!.pickupSlot, ...counts(slotOrders), orders: slotOrders.sort(byName) }));
      return { centre: { id: centre.id, name: centre.name, city: centre.city }, ...counts(list), slots };
    });
  return {
    day: q.date,
    waitingStatus: PICKUP_WAITING,
    collectedStatus: PICKUP_DONE,
    ...counts(centres.flatMap((c) => c.slots.flatMap((s) => s.orders))),
    centres,
  };
}

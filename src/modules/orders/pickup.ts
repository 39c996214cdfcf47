import type { Queryable, Transaction } from '../../db/index.ts';
import type { PickupSlot } from '../../contract/index.ts';
import { notFound } from '../../shared/errors.ts';
import { refusalOf, slotNotOffered, type SlotChoice } from './placement.ts';
import { centreSlotSettings, parisLocal, slotsBetween, type SlotTime } from '../centres/index.ts';

/**
 * Pickup slots of orders (issue 19). A centre's slots come from its hours (centres/slots.ts);
 * this counts the orders in each (every order but canceled ones: an expired or canceled
 * order frees its place) and claims a place for an order under a lock of the slot's row in
 * pickup_slot_locks, inside the placement's (or the move's) transaction, so that concurrent
 * buyers of the last place queue on that row and exactly `slotCapacity` orders get in.
 */
export interface PickupSettings {
  /** PICKUP_LEAD_HOURS: the first slot offered starts at least this long after now (the goods must reach the centre). */
  leadHours: number;
  /** PICKUP_DAYS_AHEAD: slots are offered up to this many days ahead. */
  daysAhead: number;
  /** UNCOLLECTED_DAYS: days after its slot's end before an uncollected order is offered to the centre; 0 = never. */
  uncollectedDays: number;
}

const HOUR = 3_600_000;

/** The window of slots offered at `now`. */
function window(now: Date, s: PickupSettings): { from: Date; to: Date } {
  return { from: new Date(now.getTime() + s.leadHours * HOUR), to: new Date(now.getTime() + s.daysAhead * 24 * HOUR) };
}

async function takenIn(db: Queryable, centreId: string, starts: Date[], exceptOrderId?: string): Promise<Map<number, number>> {
  if (starts.length === 0) return new Map();
  const { rows } = await db.query<{ start: Date; n: number }>(
    `SELECT pickup_slot_start AS start, count(*)::int AS n FROM orders
      WHERE centre_id = $1 AND pickup_slot_start = ANY($2::timestamptz[]) AND status <> 'canceled' AND id IS DISTINCT FROM $3::uuid
      GROUP BY pickup_slot_start`,
    [centreId, starts, exceptOrderId ?? null],
  );
  return new Map(rows.map((r) => [new Date(r.start).getTime(), r.n]));
}

/** GET /api/centres/:id/slots: the slots in [from, to) clamped to the window offered, with the places left. */
export async function listSlots(
  db: Queryable,
  centreId: string,
  now: Date,
  s: PickupSettings,
  asked: { from?: string; to?: string } = {},
): Promise<PickupSlot[]> {
  const centre = await centreSlotSettings(db, centreId, parisLocal(now).date);
  if (!centre) throw notFound();
  if (centre.slotMinutes === null || centre.slotCapacity === null) return [];
  const w = window(now, s);
  const from = asked.from && new Date(asked.from) > w.from ? new Date(asked.from) : w.from;
  const to = asked.to && new Date(asked.to) < w.to ? new Date(asked.to) : w.to;
  if (from >= to) return [];
  const slots = slotsBetween(centre.opening, centre.slotMinutes, from, to);
  const taken = await takenIn(
    db,
    centreId,
    slots.map((x) => x.start),
  );
  const capacity = centre.slotCapacity;
  return slots.map((x) => ({
    start: x.start.toISOString(),
    end: x.end.toISOString(),
    capacity,
    remaining: Math.max(0, capacity - (taken.get(x.start.getTime()) ?? 0)),
  }));
}

/**
 * The slot asked for, as the centre's hours offer it now (centres/slots.ts computes which slots
 * exist). Undefined when the centre is not an active one or takes no slots.
 */
export async function slotChoice(db: Queryable, centreId: string, startIso: string, now: Date, s: PickupSettings): Promise<SlotChoice | undefined> {
  const centre = await centreSlotSettings(db, centreId, parisLocal(now).date);
  if (!centre || centre.slotMinutes === null || centre.slotCapacity === null) return undefined;
  const w = window(now, s);
  const offered = slotsBetween(centre.opening, centre.slotMinutes, w.from, w.to);
  const wanted = new Date(startIso).getTime();
  const slot = offered.find((x) => x.start.getTime() === wanted);
  const later = offered.filter((x) => x.start.getTime() > wanted).map((x) => x.start.toISOString());
  const known = { slotMinutes: centre.slotMinutes, capacity: centre.slotCapacity, later };
  if (!slot) return { offered: false, ...known };
  return { offered: true, ...known, start: slot.start.toISOString(), end: slot.end.toISOString() };
}

/**
 * Claims a place in the slot starting at `startIso` for an order being moved (`orderId` is then
 * not counted). Undefined when the centre takes no slots. A slot that the centre does not offer
 * (closed, outside the window) is 400; a full one is 409 slot_full with the next free slots
 * (ps_claim_slot, the same rule as placing). The slot's lock row is held until the transaction ends.
 */
export async function claimSlot(
  tx: Transaction,
  centreId: string,
  startIso: string,
  now: Date,
  s: PickupSettings,
  orderId: string,
): Promise<SlotTime | undefined> {
  const choice = await slotChoice(tx, centreId, startIso, now, s);
  if (!choice) return undefined;
  if (!choice.offered) throw slotNotOffered();
  await tx.query('SELECT ps_claim_slot($1, $2, $3, $4::text[], $5)', [centreId, choice.start, choice.capacity, choice.later, orderId]).catch((err: unknown) => {
    throw refusalOf(err) ?? err;
  });
  return { start: new Date(choice.start!), end: new Date(choice.end!) };
}

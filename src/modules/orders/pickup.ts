import type { Queryable, Transaction } from '../../db/index.ts';
import type { PickupSlot } from '../../contract/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
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

const NEXT_OFFERED = 5;

/**
 * Claims a place in the slot starting at `startIso` for an order (placed now, or moved:
 * `orderId` is then not counted). Undefined when the centre takes no slots. A slot that the
 * centre does not offer (closed, outside the window) is 400; a full one is 409 slot_full with
 * the next free slots. The slot's lock row is held until the transaction ends.
 */
export async function claimSlot(
  tx: Transaction,
  centreId: string,
  startIso: string | undefined,
  now: Date,
  s: PickupSettings,
  orderId?: string,
): Promise<SlotTime | undefined> {
  const centre = await centreSlotSettings(tx, centreId, parisLocal(now).date);
  if (!centre || centre.slotMinutes === null || centre.slotCapacity === null) return undefined;
  const w = window(now, s);
  const offered = slotsBetween(centre.opening, centre.slotMinutes, w.from, w.to);
  if (startIso === undefined) {
    throw new AppError('validation_failed', { details: [{ field: 'pickupSlotStart', message: 'Choisissez un créneau de retrait.' }] });
  }
  const wanted = new Date(startIso).getTime();
  const slot = offered.find((x) => x.start.getTime() === wanted);
  if (!slot) {
    throw new AppError('validation_failed', { details: [{ field: 'pickupSlotStart', message: 'Ce créneau n’est pas proposé par ce centre.' }] });
  }
  await tx.query('INSERT INTO pickup_slot_locks (centre_id, starts_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [centreId, slot.start]);
  await tx.query('SELECT 1 FROM pickup_slot_locks WHERE centre_id = $1 AND starts_at = $2 FOR UPDATE', [centreId, slot.start]);
  const taken = await takenIn(tx, centreId, [slot.start], orderId);
  if ((taken.get(wanted) ?? 0) >= centre.slotCapacity) {
    const all = await takenIn(
      tx,
      centreId,
      offered.map((x) => x.start),
      orderId,
    );
    const next = offered
      .filter((x) => x.start.getTime() > wanted && (all.get(x.start.getTime()) ?? 0) < centre.slotCapacity!)
      .slice(0, NEXT_OFFERED)
      .map((x) => x.start.toISOString());
    throw new AppError('slot_full', { details: { next } });
  }
  return slot;
}

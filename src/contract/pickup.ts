import { z } from 'zod';
import { instant } from './common.ts';
import { ORDER_STATUSES } from './enums.ts';

// --- Pickup day (issue 19, points 5 and 7) ------------------------------------------------

/** GET /api/staff/pickups and /api/staff/pickups/day.pdf: which Paris day, which centre (all when absent). */
export const pickupDayQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)), 'Date inconnue.')
    .optional(),
  centreId: z.string().uuid('Centre inconnu.').optional(),
});
export type PickupDayQuery = z.infer<typeof pickupDayQuery>;

/** A pickup slot (null on an order: the centre takes no slots, the customer comes any time it is open). */
const slotTimes = z.object({ start: instant, end: instant });

/** One order to hand over: what the person at the counter needs, and the version to send with the hand-over. */
export const pickupOrder = z.object({
  id: z.string(),
  number: z.string(),
  customerName: z.string(),
  status: z.enum(ORDER_STATUSES),
  version: z.number().int(),
  pickupSlot: slotTimes.nullable(),
  /**
   * sha256 (hex) of the order's pickup code, upper case without separators: the pickup mode
   * recognises a scanned code offline by hashing it (the code itself is only the customer's).
   */
  pickupCodeHash: z.string().nullable(),
  /** Lines for the customer (what to hand over), and their units. */
  lines: z.number().int(),
  units: z.number().int(),
  /** Lines offered to the centre (they stay at the centre). */
  giftLines: z.number().int(),
  /** Handed over: when, and by whom (null while waiting). */
  collectedAt: instant.nullable(),
  collectedBy: z.string().nullable(),
});
export type PickupOrder = z.infer<typeof pickupOrder>;

const pickupCounts = {
  expected: z.number().int(),
  collected: z.number().int(),
  /** expected − collected: still to come. */
  missing: z.number().int(),
};

export const pickupDay = z
  .object({
    /** The Paris day (YYYY-MM-DD). */
    day: z.string(),
    /** The status an order waits in, and the one it reaches once handed over. */
    waitingStatus: z.enum(ORDER_STATUSES),
    collectedStatus: z.enum(ORDER_STATUSES),
    ...pickupCounts,
    centres: z.array(
      z.object({
        centre: z.object({ id: z.string(), name: z.string(), city: z.string() }),
        ...pickupCounts,
        /** By slot, earliest first; the orders without a slot last. */
        slots: z.array(z.object({ slot: slotTimes.nullable(), ...pickupCounts, orders: z.array(pickupOrder) })),
      }),
    ),
  })
  .meta({ id: 'PickupDay' });
export type PickupDay = z.infer<typeof pickupDay>;

import { z } from 'zod';
import { instant, lineFields, listFilters, namedAddress, paged, pageQuery, timestamps } from './common.ts';
import { centreSummary as centre } from './centres.ts';
import { ORDER_STATUSES, PAYMENT_STATUSES, SYSTEM_NOTE_CODES } from './enums.ts';

// --- Requests --------------------------------------------------------------------------

export const placeOrderBody = z.object({
  centreId: z.string().uuid('Centre inconnu.'),
  items: z
    .array(
      z.object({
        productId: z.string().uuid('Produit inconnu.'),
        quantity: z.number().int('La quantité doit être un nombre entier.').min(1).max(99),
        donate: z.boolean().optional().default(false),
      }),
    )
    .min(1, 'La commande est vide.')
    .max(100),
  donationOnly: z.boolean().optional().default(false),
  /** The start of the chosen pickup slot (ISO): required when the centre takes slots and some line is not a gift. */
  pickupSlotStart: z.iso.datetime({ offset: true, error: 'Créneau : date et heure ISO 8601.' }).optional(),
});
export type PlaceOrderInput = z.output<typeof placeOrderBody>;

/** The `Idempotency-Key` header of POST /api/orders: the same key places the order once. */
export const idempotencyKey = z.string().min(1).max(200);

export const staffOrderQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  ...listFilters,
  /** `true`: only orders with at least one line offered to the centre; `false`: only those without. */
  hasGifts: z
    .enum(['true', 'false', ''])
    .optional()
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : undefined)),
  ...pageQuery(25),
});
export type StaffOrderQuery = z.output<typeof staffOrderQuery>;

/** PATCH /api/orders/:id: the owner moves their pickup slot. */
export const moveSlotBody = z.object({ pickupSlotStart: z.iso.datetime({ offset: true, error: 'Créneau : date et heure ISO 8601.' }) });

/** POST /api/staff/pickups: the code the customer shows (dashes, spaces and case ignored). */
export const pickupBody = z.object({
  code: z.string().trim().min(1, 'Le code est requis.').max(40),
  expectedVersion: z.number().int().min(1).optional(),
});

export const statusChangeBody = z.object({
  status: z.enum(ORDER_STATUSES),
  /** Internal: staff and admins only, never the customer (their view, their events, their mail). */
  note: z.string().trim().max(500).optional(),
  /** Shown to the customer: in their order's history and in the status mail. */
  customerMessage: z.string().trim().max(500).optional(),
  /** The version the person saw; a different current version is a 409 conflict. */
  expectedVersion: z.number().int().min(1).optional(),
});

// --- Answers ---------------------------------------------------------------------------

/** An order line, as copied when the order was placed. */
export const orderItem = z.object({ productId: z.string(), name: z.string(), unit: z.string(), unitPriceCents: z.number().int(), ...lineFields });
export type OrderItem = z.infer<typeof orderItem>;

/** The order's latest payment. */
export const orderPayment = z.object({
  provider: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  url: z.string().nullable(),
  amountCents: z.number().int(),
  refundedCents: z.number().int(),
  providerRef: z.string().nullable(),
});
export type OrderPayment = z.infer<typeof orderPayment>;

/**
 * One step of the order's history; `actorName` only in the staff view. `note` is internal when
 * staff wrote it: the owner's view keeps only the system's own words there (payment received,
 * hold expired), never a staff member's note. `noteCode` names such a system note (null for
 * any other), for pages to render in their reader's language: `note` is in the language the
 * request read (French on live events). `customerMessage` is what staff wrote for the customer.
 */
export const orderEvent = z.object({
  status: z.enum(ORDER_STATUSES),
  at: instant,
  note: z.string().nullable(),
  noteCode: z.enum(SYSTEM_NOTE_CODES).nullable(),
  customerMessage: z.string().nullable(),
  actorRole: z.string(),
  actorName: z.string().nullable().optional(),
});
export type OrderEvent = z.infer<typeof orderEvent>;

/** An order as its owner sees it (API.md "Order"), on every route and socket event. */
export const order = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(ORDER_STATUSES),
    donationOnly: z.boolean(),
    centre,
    items: z.array(orderItem),
    totalCents: z.number().int(),
    donationTotalCents: z.number().int(),
    payment: orderPayment.nullable(),
    history: z.array(orderEvent),
    /** When an unpaid order's stock hold runs out. */
    holdExpiresAt: instant,
    /** The pickup slot chosen (null: no slot, a gift-only order or a centre without slots). */
    pickupSlot: z.object({ start: instant, end: instant }).nullable(),
    /** The owner's view only, once `delivered`: the short code to show at the centre (e.g. K7M-2QX). */
    pickupCode: z.string().optional(),
    version: z.number().int(),
    ...timestamps,
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof order>;

/** The customer of an order (a deleted account: id null, name « (compte supprimé) »). */
export const orderCustomer = z.object({ id: z.string().nullable(), name: z.string(), email: z.string() });
export type OrderCustomer = z.infer<typeof orderCustomer>;

/** Who acknowledged a new order (a deleted account: id null). */
export const orderAcknowledger = z.object({ id: z.string().nullable(), name: z.string() });

/**
 * An order as staff and admins see it: who ordered, staff names and internal notes in the
 * history, and whether someone acknowledged it (null: still "new" on every staff screen).
 */
export const staffOrder = order
  .extend({ customer: orderCustomer, acknowledgedAt: instant.nullable(), acknowledgedBy: orderAcknowledger.nullable() })
  .meta({ id: 'StaffOrder' });
export type StaffOrder = z.infer<typeof staffOrder>;

export const staffOrderDetail = staffOrder
  .extend({
    /** The moves staff may make from here (the console shows only these buttons). */
    allowedTransitions: z.array(z.enum(ORDER_STATUSES)),
    /** Processed orders only: the proof document's address. */
    proofUrl: z.string().optional(),
  })
  .meta({ id: 'StaffOrderDetail' });
export type StaffOrderDetail = z.infer<typeof staffOrderDetail>;

export const orderPage = paged(staffOrder)
  .extend({
    /** How many orders in each status, whatever the filters. */
    counts: z.record(z.enum(ORDER_STATUSES), z.number().int()),
  })
  .meta({ id: 'OrderPage' });
export type OrderPage = z.infer<typeof orderPage>;

export const ownOrders = z.object({ items: z.array(order) });

/** POST /api/orders and POST /api/orders/:id/pay: the order and where to pay it. */
export const placedOrder = z.object({ order, payment: z.object({ url: z.string().nullable() }) }).meta({ id: 'PlacedOrder' });
export type PlacedOrder = z.infer<typeof placedOrder>;

/** `details` of a 409 insufficient_stock. */
export const stockShortage = z.object({ productId: z.string(), available: z.number().int() });
export type StockShortage = z.infer<typeof stockShortage>;

/** GET /api/proofs/:token: what anyone holding a proof's link may check. */
/**
 * The association that issued a proof, as it was at issue time (the association's details:
 * `rna` is W and nine digits, `siret` fourteen digits, each empty when not set).
 */
export const proofIssuer = z
  .object({
    ...namedAddress,
    rna: z.string(),
    siret: z.string(),
    contactEmail: z.string(),
    signatoryName: z.string(),
    signatoryTitle: z.string(),
  })
  .meta({ id: 'ProofIssuer' });

export const proofCheck = z.object({
  valid: z.literal(true),
  issuer: proofIssuer,
  issuedAt: z.string(),
  order: order.pick({ id: true, number: true, status: true, createdAt: true, centre: true, totalCents: true, donationTotalCents: true }),
});

/** Socket `order:acknowledged` (room staff): someone acknowledged a new order. */
export const orderAcknowledged = z.object({ orderId: z.string(), acknowledgedAt: instant, acknowledgedBy: orderAcknowledger });
export type OrderAcknowledged = z.infer<typeof orderAcknowledged>;

/** GET /api/staff/dashboard: the day at a glance (Paris day), live on the console. */
export const staffDashboard = z
  .object({
    /** The Paris day these figures are for (YYYY-MM-DD). */
    day: z.string(),
    /** Orders placed today, by their status now. */
    byStatus: z.record(z.enum(ORDER_STATUSES), z.number().int()),
    /** Orders placed today, per centre (most first). */
    byCentre: z.array(z.object({ centreId: z.string(), name: z.string(), city: z.string(), count: z.number().int() })),
    /** Paid orders nobody has started preparing, the longest waiting first (at most 5). */
    waiting: z.array(staffOrder),
    /** Paid orders nobody has acknowledged yet (the console rings again while there are some). */
    unacknowledged: z.number().int(),
    /** Payments received today (net = amountCents - refundedCents). */
    payments: z.object({ count: z.number().int(), amountCents: z.number().int(), refundedCents: z.number().int() }),
    /** STAFF_REMINDER_SECONDS: how often the console rings again while a paid order is unacknowledged (0: never). */
    reminderSeconds: z.number().int(),
    /** Admins only: the last 7 Paris days, oldest first — sales (paid orders, refunds deducted) and gifts. */
    week: z.array(z.object({ day: z.string(), salesCents: z.number().int(), giftsCents: z.number().int(), orders: z.number().int() })).optional(),
  })
  .meta({ id: 'StaffDashboard' });
export type StaffDashboard = z.infer<typeof staffDashboard>;

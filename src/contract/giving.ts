import { z } from 'zod';
import { product } from './catalog.ts';
import { centreSummary } from './centres.ts';
import { blankIsAbsent, instant, parisDay } from './common.ts';
import { ORDER_STATUSES } from './enums.ts';

/** A centre's need: a product of the catalogue, how many it wants, how many paid gifts gave so far. */
export const need = z
  .object({
    id: z.string(),
    centreId: z.string(),
    product,
    targetQuantity: z.number().int(),
    givenQuantity: z.number().int(),
    /** The last day it is wanted (Paris), or null. */
    until: z.string().nullable(),
    note: z.string(),
    /** Given ≥ target: the shop says thank you and stops asking (more gifts are still welcome). */
    met: z.boolean(),
  })
  .meta({ id: 'Need' });
export type Need = z.infer<typeof need>;

export const needsQuery = z.object({ centreId: blankIsAbsent(z.string().uuid('Centre inconnu.')) });

const target = z.number().int('Un nombre entier.').min(1, 'Au moins 1.').max(100_000, 'Au plus 100 000.');
const note = z.string().trim().max(200, '200 caractères au plus.');

export const createNeedBody = z.object({
  productId: z.string().uuid('Produit inconnu.'),
  targetQuantity: target,
  until: parisDay.nullish(),
  note: note.optional(),
});
export type CreateNeedBody = z.infer<typeof createNeedBody>;

export const updateNeedBody = z.object({ targetQuantity: target.optional(), until: parisDay.nullish(), note: note.optional() });
export type UpdateNeedBody = z.infer<typeof updateNeedBody>;

/** `need:changed`, to everyone. */
export interface NeedChange {
  needId: string;
  centreId: string;
  givenQuantity: number;
  met: boolean;
}

/**
 * `impact:changed`, to everyone: the month's public figures (Paris month `YYYY-MM`, from its
 * first day) after a paid gift or a paid gift taken back, at most once per IMPACT_LIVE_INTERVAL_MS.
 */
export interface ImpactChange {
  month: string;
  kilograms: number;
  units: number;
  donatedCents: number;
  meals: number;
  kgPerMeal: number;
}

/** Traceability (issue 20, point 5): a need an order's gifts went to, and how many of them. */
export const orderNeed = z
  .object({
    needId: z.string(),
    centreId: z.string(),
    productId: z.string(),
    productName: z.string(),
    /** Units of this order that counted toward the need. */
    quantity: z.number().int(),
    targetQuantity: z.number().int(),
    givenQuantity: z.number().int(),
    until: z.string().nullable(),
    note: z.string(),
  })
  .meta({ id: 'OrderNeed' });
export type OrderNeed = z.infer<typeof orderNeed>;

/** A paid order whose gifts counted toward a need (staff): where the gift is now. */
export const needGift = z
  .object({
    orderId: z.string(),
    number: z.string(),
    status: z.enum(ORDER_STATUSES),
    customerName: z.string(),
    /** Units of that order that counted toward the need. */
    quantity: z.number().int(),
    paidAt: instant.nullable(),
    /** When the goods reached the centre (`delivered`), and when a customer's lines were handed over (`collected`). */
    deliveredAt: instant.nullable(),
    collectedAt: instant.nullable(),
  })
  .meta({ id: 'NeedGift' });
export type NeedGift = z.infer<typeof needGift>;

export const givingQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** A donor's paid gifts of one Paris year, at cost price. */
export const givingRecord = z
  .object({
    year: z.number().int(),
    totalCents: z.number().int(),
    units: z.number().int(),
    orders: z.array(
      z.object({
        orderId: z.string(),
        number: z.string(),
        centre: centreSummary,
        donatedCents: z.number().int(),
        units: z.number().int(),
        at: instant,
      }),
    ),
  })
  .meta({ id: 'GivingRecord' });
export type GivingRecord = z.infer<typeof givingRecord>;

export const impactQuery = z.object({
  from: blankIsAbsent(parisDay),
  to: blankIsAbsent(parisDay),
  centreId: blankIsAbsent(z.string().uuid('Centre inconnu.')),
  format: blankIsAbsent(z.enum(['json', 'csv'])),
});

const figures = { units: z.number().int(), donatedCents: z.number().int(), kilograms: z.number() };

/** What paid gifts gave (no names): units, euros at cost price, kilograms, meals (kg ÷ kgPerMeal). */
export const impact = z
  .object({
    ...figures,
    meals: z.number().int(),
    kgPerMeal: z.number(),
    byCentre: z.array(z.object({ centreId: z.string(), name: z.string(), city: z.string(), ...figures })),
    /** Weeks from Monday 00:00 Paris time: `week` is that Monday, `YYYY-MM-DD`. */
    byWeek: z.array(z.object({ week: z.string(), ...figures })),
  })
  .meta({ id: 'Impact' });
export type Impact = z.infer<typeof impact>;

import { z } from 'zod';
import { stripBidiControls } from '../shared/text.ts';
import { LOCALES } from './enums.ts';
import { namedAddress } from './common.ts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, 'Heure au format HH:MM (00:00 à 23:59).');

/** One weekly opening range, Paris time: `day` 1 = Monday … 7 = Sunday. */
export const hoursRange = z
  .object({
    day: z.number().int().min(1, 'Jour de 1 (lundi) à 7 (dimanche).').max(7, 'Jour de 1 (lundi) à 7 (dimanche).'),
    opens: hhmm,
    closes: hhmm,
  })
  .refine((r) => r.opens < r.closes, { message: 'L’heure de fermeture suit l’heure d’ouverture.', path: ['closes'] })
  .meta({ id: 'OpeningRange' });
export type HoursRange = z.infer<typeof hoursRange>;

/** A date that departs from the week: without times the centre is closed that day; with times, those are the day's hours. */
export const hoursException = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format AAAA-MM-JJ.'),
    opens: hhmm.nullable(),
    closes: hhmm.nullable(),
    note: z.string().trim().max(200).default(''),
  })
  .refine((e) => (e.opens === null) === (e.closes === null), { message: 'Les deux heures, ou aucune (fermé).', path: ['closes'] })
  .refine((e) => e.opens === null || e.closes === null || e.opens < e.closes, {
    message: 'L’heure de fermeture suit l’heure d’ouverture.',
    path: ['closes'],
  })
  .meta({ id: 'OpeningException' });
export type HoursException = z.infer<typeof hoursException>;

/** A centre as an order remembers it: where it is and its hours as text. */
export const centreSummary = z
  .object({
    id: z.string(),
    ...namedAddress,
    /** The weekly hours as a sentence, in the language read (made from `hours`). */
    openingHours: z.string(),
    lat: z.number(),
    lng: z.number(),
  })
  .meta({ id: 'CentreSummary' });
export type CentreSummary = z.infer<typeof centreSummary>;

/** A collection point (Restos du Cœur centre) where orders are picked up. */
export const centre = centreSummary
  .extend({
    hours: z.array(hoursRange),
    /** Open at the moment of the answer (Paris time, exceptions included). */
    openNow: z.boolean(),
    /** The start of the next opening after now (ISO), null when none is planned in the next 60 days. */
    nextOpening: z.string().nullable(),
    /** With `near`, `postcode` or `town`: the distance from there, in km (one decimal). */
    distanceKm: z.number().optional(),
    /** Pickup slots: their length in minutes, and how many orders each takes (null: no slots, come any time it is open). */
    slotMinutes: z.number().int().nullable(),
    slotCapacity: z.number().int().nullable(),
  })
  .meta({ id: 'Centre' });
export type Centre = z.infer<typeof centre>;

/**
 * A centre as the shop lists it (GET /api/centres): with the no-show rule its orders follow,
 * said at checkout.
 */
export const shopCentre = centre
  .extend({
    /**
     * UNCOLLECTED_DAYS: an order not collected this many days after its slot's end (at a
     * centre without slots: after it is ready at the centre) is offered to the centre; 0: never.
     */
    uncollectedDays: z.number().int().min(0),
  })
  .meta({ id: 'ShopCentre' });
export type ShopCentre = z.infer<typeof shopCentre>;

export const centreListQuery = z.object({
  near: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'Position « latitude,longitude » en degrés décimaux.')
    .refine((s) => {
      const [lat, lng] = s.split(',').map(Number) as [number, number];
      return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
    }, 'Position hors limites.')
    .optional(),
  postcode: z
    .string()
    .trim()
    .regex(/^\d[\dAB]\d{3}$/, 'Code postal à 5 chiffres.')
    .optional(),
  town: z.string().trim().min(1).max(100).optional(),
  lang: z.enum(LOCALES, { error: 'Langue « fr » ou « en ».' }).optional(),
});

export const adminCentre = centre.extend({ active: z.boolean(), exceptions: z.array(hoursException) }).meta({ id: 'AdminCentre' });
export type AdminCentre = z.infer<typeof adminCentre>;

const centreFields = {
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(120),
  address: z.string().trim().min(1, 'L’adresse est requise.').max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Code postal à 5 chiffres.'),
  city: z.string().trim().min(1).max(100),
  /** Free text shown only while the centre has no `hours` (centres made before hours were data). */
  openingHours: z.string().trim().max(300),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  active: z.boolean(),
  /** The whole week: replaces the centre's weekly ranges. */
  hours: z.array(hoursRange).max(50),
  /** Replaces the centre's exceptions (closed days, extra or different days). */
  exceptions: z.array(hoursException).max(200),
  /** Pickup slot length (5 to 480 minutes); null with slotCapacity null: the centre takes no slots. */
  slotMinutes: z.number().int().min(5, 'Un créneau dure au moins 5 minutes.').max(480, 'Un créneau dure au plus 480 minutes.').nullable(),
  /** Orders per slot; null: the centre takes no slots (customers come any time it is open). */
  slotCapacity: z.number().int().min(1, 'Au moins 1 commande par créneau.').max(10000).nullable(),
};
export const createCentreBody = z.object({
  ...centreFields,
  openingHours: centreFields.openingHours.default(''),
  active: centreFields.active.default(true),
  hours: centreFields.hours.default([]),
  exceptions: centreFields.exceptions.default([]),
  // A new centre takes slots of 30 minutes, 10 orders each, unless told otherwise.
  slotMinutes: centreFields.slotMinutes.default(30),
  slotCapacity: centreFields.slotCapacity.default(10),
});
/** What POST /api/admin/centres accepts (defaults left out). */
export type CreateCentreBody = z.input<typeof createCentreBody>;
export const updateCentreBody = z
  .object(centreFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Rien à modifier.');

/** GET /api/centres/:id/slots: the window asked (ISO instants), clamped to what the shop offers. */
export const slotQuery = z.object({
  from: z.iso.datetime({ offset: true, error: 'Date et heure ISO 8601.' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'Date et heure ISO 8601.' }).optional(),
});

/** A pickup slot of a centre and how many orders it still takes. */
export const pickupSlot = z.object({ start: z.string(), end: z.string(), capacity: z.number().int(), remaining: z.number().int() }).meta({ id: 'PickupSlot' });
export type PickupSlot = z.infer<typeof pickupSlot>;

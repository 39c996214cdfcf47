import { z } from 'zod';
import { stripBidiControls } from '../shared/text.ts';

/** A collection point (Restos du Cœur centre) where orders are picked up. */
export const centre = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    city: z.string(),
    openingHours: z.string(),
    lat: z.number(),
    lng: z.number(),
  })
  .meta({ id: 'Centre' });
export type Centre = z.infer<typeof centre>;

export const adminCentre = centre.extend({ active: z.boolean() }).meta({ id: 'AdminCentre' });
export type AdminCentre = z.infer<typeof adminCentre>;

const centreFields = {
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(120),
  address: z.string().trim().min(1, 'L’adresse est requise.').max(200),
  postcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Code postal à 5 chiffres.'),
  city: z.string().trim().min(1).max(100),
  openingHours: z.string().trim().max(300),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  active: z.boolean(),
};
export const createCentreBody = z.object({
  ...centreFields,
  openingHours: centreFields.openingHours.default(''),
  active: centreFields.active.default(true),
});
export const updateCentreBody = z
  .object(centreFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Rien à modifier.');

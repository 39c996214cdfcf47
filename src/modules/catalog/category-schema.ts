import { z } from 'zod';

/** Lower-case words joined by single hyphens: the slug is part of shop URLs (`?category=`). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const noNul = (s: string) => !s.includes('\u0000');

const name = z
  .string({ error: 'Le nom est requis.' })
  .trim()
  .min(1, 'Le nom est requis.')
  .max(80, 'Le nom est limité à 80 caractères.')
  .refine(noNul, 'Caractère interdit.');

/** The English name; empty or null means "none" (visitors reading English then see the French name). */
const nameEn = z
  .string()
  .trim()
  .max(80, 'Le nom anglais est limité à 80 caractères.')
  .refine(noNul, 'Caractère interdit.')
  .nullable()
  .transform((s) => (s ? s : null));

/** Where the category goes in the display order, counted from 0 (beyond the end means last). */
const position = z
  .number({ error: 'La position est un nombre entier.' })
  .int('La position est un nombre entier.')
  .min(0, 'La position ne peut pas être négative.')
  .max(10_000);

export const createCategoryBody = z.object({
  slug: z
    .string({ error: 'L’identifiant est requis.' })
    .min(1, 'L’identifiant est requis.')
    .max(64, 'L’identifiant est limité à 64 caractères.')
    .regex(SLUG, 'L’identifiant ne contient que des lettres minuscules sans accent, des chiffres et des tirets (ex. « epicerie-sucree »).'),
  name,
  nameEn: nameEn.optional(),
  position: position.optional(),
});

export const updateCategoryBody = z
  .object({ name, nameEn, position })
  .partial()
  .refine((b) => b.name !== undefined || b.nameEn !== undefined || b.position !== undefined, 'Rien à modifier (name, nameEn ou position).');

export const publicCategoryQuery = z.object({
  lang: z.enum(['fr', 'en'], { error: 'Langue « fr » ou « en ».' }).optional(),
});

import { z } from 'zod';
import { stripBidiControls } from '../../shared/text.ts';

const newPassword = z.string().min(8, 'Le mot de passe doit contenir au moins 8 caractères.').max(200);

export const forgotBody = z.object({ email: z.string().trim().min(1, 'L’adresse e-mail est requise.').max(254) });

export const resetBody = z.object({
  token: z.string().min(1).max(200),
  password: newPassword,
});

export const profilePatch = z
  .object({
    name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(100).optional(),
    locale: z.enum(['fr', 'en']).optional(),
  })
  .refine((b) => b.name !== undefined || b.locale !== undefined, 'Indiquez name ou locale.');

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, 'Le mot de passe actuel est requis.').max(200),
  newPassword,
});

/** Deleting one's account: the password, or for an account without one, its email typed again. */
export const deletionBody = z.object({
  password: z.string().min(1).max(200).optional(),
  confirm: z.string().trim().max(254).optional(),
});

/** Using an email-verification link. */
export const verifyBody = z.object({ token: z.string().min(1).max(200) });

import { z } from 'zod';
import { stripBidiControls } from '../../shared/text.ts';

const email = z.string().trim().max(254).email('Adresse e-mail invalide.');

export const registerBody = z.object({
  name: z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(100),
  email,
  password: z.string().min(8, 'Le mot de passe doit contenir au moins 8 caractères.').max(200),
  locale: z.enum(['fr', 'en']).optional(),
});

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

import { z } from 'zod';
import { cart } from './cart.ts';
import { stripBidiControls } from '../shared/text.ts';
import { instant, pageQuery } from './common.ts';
import { LOCALES, ROLES } from './enums.ts';

// --- Requests --------------------------------------------------------------------------

const email = z.string().trim().max(254).email('Adresse e-mail invalide.');
const personName = z.string().overwrite(stripBidiControls).trim().min(1, 'Le nom est requis.').max(100);
const newPassword = z.string().min(8, 'Le mot de passe doit contenir au moins 8 caractères.').max(200);

export const registerBody = z.object({
  name: personName,
  email,
  password: newPassword,
  locale: z.enum(LOCALES).optional(),
});

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const forgotBody = z.object({ email: z.string().trim().min(1, 'L’adresse e-mail est requise.').max(254) });

export const resetBody = z.object({
  token: z.string().min(1).max(200),
  password: newPassword,
});

/** A person's postal address (optional, for their tax receipts): a French one, all three parts. */
export const postalAddress = z
  .object({
    line: z.string().overwrite(stripBidiControls).trim().min(1, 'L’adresse est requise.').max(200),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'Code postal à 5 chiffres.'),
    city: z.string().overwrite(stripBidiControls).trim().min(1, 'La ville est requise.').max(100),
  })
  .meta({ id: 'PostalAddress' });
export type PostalAddress = z.infer<typeof postalAddress>;

export const profilePatch = z
  .object({
    name: personName.optional(),
    locale: z.enum(LOCALES).optional(),
    /** null removes it. */
    postalAddress: postalAddress.nullable().optional(),
  })
  .refine((b) => b.name !== undefined || b.locale !== undefined || b.postalAddress !== undefined, 'Indiquez name, locale ou postalAddress.');

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

export const adminUserQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  ...pageQuery(50),
});

export const adminUserPatch = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'Indiquez role ou disabled.');

// --- Answers ---------------------------------------------------------------------------

/** What the API shows of a person: never the hash, never internal flags. */
export const user = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    locale: z.enum(LOCALES),
    /** The person opened the link mailed to the address (or proved it otherwise). */
    emailVerified: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const userAnswer = z.object({ user });
export type UserAnswer = z.infer<typeof userAnswer>;

/** Sign-up and sign-in: the person, and the cart when a guest cart was merged into it (with `adjusted` for any cut). */
export const signInAnswer = userAnswer.extend({ cart: cart.optional() });
export type SignInAnswer = z.infer<typeof signInAnswer>;

/** A sign-in provider other than email and password (OpenID Connect). */
export const authProvider = z.object({ id: z.string(), label: z.string() }).meta({ id: 'AuthProvider' });
export type AuthProvider = z.infer<typeof authProvider>;

/** A request taken in (202) or an action done, without more to say. */
export const statusAnswer = z.object({ status: z.enum(['accepted', 'password_changed']) });

/** GET /api/account: the person, how they sign in, since when. */
export const accountSummary = z.object({
  user,
  hasPassword: z.boolean(),
  identities: z.array(z.object({ provider: z.literal('oidc'), issuer: z.string(), linkedAt: instant })),
  createdAt: instant,
  /** Printed on the person's tax receipts; null until they give it. */
  postalAddress: postalAddress.nullable(),
});
export type AccountSummary = z.infer<typeof accountSummary>;

export const adminUser = user
  .extend({
    disabled: z.boolean(),
    disabledAt: instant.nullable(),
    createdAt: instant,
    orderCount: z.number().int(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUser>;

/** One of my live sessions (GET /api/account/sessions): `id` is opaque and opens nothing. */
export const accountSession = z
  .object({
    id: z.string().meta({ description: 'An opaque identifier of the session: not its token, useless to sign in.' }),
    current: z.boolean().meta({ description: 'True for the session making this request.' }),
    createdAt: z.string(),
    lastSeenAt: z.string().meta({ description: 'Last use, noted at most once per SESSION_TOUCH_SECONDS.' }),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'AccountSession' });
export type AccountSession = z.infer<typeof accountSession>;

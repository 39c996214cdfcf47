import { z } from 'zod';
import { adminUser } from './auth.ts';
import { instant, pageQuery } from './common.ts';
import { ENTITY_TYPES } from './enums.ts';
import { proofIssuer, staffOrder } from './orders.ts';

/** GET /api/admin/users/:id: the person and their orders (staff view). */
export const adminUserDetail = adminUser.extend({ orders: z.array(staffOrder) }).meta({ id: 'AdminUserDetail' });
export type AdminUserDetail = z.infer<typeof adminUserDetail>;

export const auditQuery = z.object({
  entityType: z.enum(ENTITY_TYPES).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().uuid().optional(),
  ...pageQuery(50, 200),
});

/** Who did what, when, with the state before and after (actor name null once the account is erased). */
export const auditEntry = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), role: z.string() }),
    action: z.string(),
    entityType: z.enum(ENTITY_TYPES),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    at: instant,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntry>;

/** GET /api/admin/setup: what a fresh install still lacks (the first-run checklist). */
export const setupCounts = z.object({
  categories: z.number().int(),
  centres: z.number().int(),
  /** Active centres without weekly opening hours: no pickup slot, so no order for their customers. */
  centresWithoutHours: z.number().int(),
  productsOnSale: z.number().int(),
  staff: z.number().int(),
  done: z.boolean(),
});
export type SetupCounts = z.infer<typeof setupCounts>;

/**
 * GET /api/admin/diagnostics: this node's round trips to the database since it started (each
 * statement is one), for measuring what an operation costs (npm run bench reads it around the
 * checkout). `socketAdapter` is null without PostgreSQL (one process: no adapter).
 */
export const diagnostics = z.object({
  driver: z.enum(['pg', 'pglite']),
  database: z.object({ roundTrips: z.number().int() }),
  socketAdapter: z.object({ roundTrips: z.number().int() }).nullable(),
});
export type Diagnostics = z.infer<typeof diagnostics>;

/** The association's details (issue 18): the issuer of proofs, and later of mails, legal pages and receipts. */
export const association = proofIssuer
  .extend({
    /** The association's object, as a receipt states it ("aide alimentaire aux personnes démunies"). */
    object: z.string(),
    /** Tax receipts for gifts (issue 20): off until the admin switches them on. */
    receiptsEnabled: z.boolean(),
    /** The legal basis printed on receipts ("article 200 du CGI"): the association's choice and responsibility. */
    receiptLegalBasis: z.string(),
    /** The nature of the gift printed on receipts (default "don en nature acheté au prix coûtant"). */
    receiptNature: z.string(),
    updatedAt: instant,
  })
  .meta({ id: 'Association' });
export type Association = z.infer<typeof association>;

const line = (max: number) => z.string().trim().max(max);
/** PUT /api/admin/association: every field may be sent; an empty string clears an optional one. */
export const associationPatch = z
  .object({
    name: line(200).min(1, 'Le nom de l’association est requis.'),
    address: line(300),
    postcode: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, 'Code postal : cinq chiffres.'),
    city: line(120),
    rna: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(W\d{9})?$/, 'Numéro RNA : la lettre W suivie de neuf chiffres.'),
    siret: z
      .string()
      .transform((s) => s.replace(/\s+/g, ''))
      .pipe(z.string().regex(/^(\d{14})?$/, 'SIRET : quatorze chiffres.')),
    contactEmail: z.union([z.literal(''), z.string().trim().max(254).email('Adresse e-mail invalide.')]),
    signatoryName: line(200),
    signatoryTitle: line(200),
    object: line(500),
    receiptsEnabled: z.boolean('Oui ou non.'),
    receiptLegalBasis: line(300),
    receiptNature: line(200).min(1, 'La nature du don est requise.'),
  })
  .partial();
export type AssociationPatch = z.infer<typeof associationPatch>;

import { z } from 'zod';
import { adminUser } from './auth.ts';
import { instant, pageQuery } from './common.ts';
import { ENTITY_TYPES } from './enums.ts';
import { staffOrder } from './orders.ts';

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
  productsOnSale: z.number().int(),
  staff: z.number().int(),
  done: z.boolean(),
});
export type SetupCounts = z.infer<typeof setupCounts>;

import { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import { auditQuery, type AuditAction, type EntityType } from '../../contract/index.ts';
import { pagedSearch, SearchFilter, type Database, type Queryable } from '../../db/index.ts';
import type { PersonEraser } from '../../shared/person-eraser.ts';
import { parseQuery } from '../../shared/validate.ts';

/**
 * The audit trail: who did what, when, with the state before and after. Written in
 * the same transaction as the change it describes, so the trail and the data agree.
 */
export interface AuditActor {
  id: string;
  role: string;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  entityType: EntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.actor.id,
      e.actor.role,
      e.action,
      e.entityType,
      e.entityId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}

/** Audit fields that hold a person's name or email as a whole value. */
const PERSON_FIELDS = new Set(['name', 'email', 'customerName', 'customerEmail']);
/** Audit fields of free text written by staff. */
const FREE_TEXT_FIELDS = new Set(['note']);

/** Rewrites an audit before/after: person fields and free text only; every other value (statuses, roles…) stays. */
function scrubAudit(value: unknown, eraser: PersonEraser, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && FREE_TEXT_FIELDS.has(key)) return eraser.inText(value);
    if (key !== undefined && PERSON_FIELDS.has(key)) return eraser.asValue(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => scrubAudit(v, eraser, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubAudit(v, eraser, k)]));
  return value;
}

/**
 * Erasing a person (inside the account's deletion transaction): rewrites, in the journal
 * entries about their account or their orders, and in any entry that holds their email,
 * the person fields and free text that name them (see PersonEraser). Actions, statuses and
 * roles stay; actor_id is unlinked by the database when the account goes.
 */
export async function eraseAuditFor(tx: Queryable, person: { userId: string; email: string; orderIds: string[]; eraser: PersonEraser }): Promise<void> {
  const { eraser } = person;
  const audits = await tx.query<{ id: string; before: unknown; after: unknown }>(
    `SELECT id, before, after FROM audit_log
      WHERE (entity_type = 'order' AND entity_id = ANY($1::text[])) OR (entity_type = 'user' AND entity_id = $2)
         OR strpos(lower(coalesce(before::text, '') || ' ' || coalesce(after::text, '')), lower($3)) > 0
      FOR UPDATE`,
    [person.orderIds, person.userId, person.email],
  );
  for (const a of audits.rows) {
    const before = scrubAudit(a.before, eraser);
    const after = scrubAudit(a.after, eraser);
    if (JSON.stringify(before) === JSON.stringify(a.before) && JSON.stringify(after) === JSON.stringify(a.after)) continue;
    await tx.query('UPDATE audit_log SET before = $2, after = $3 WHERE id = $1', [
      a.id,
      before === null || before === undefined ? null : JSON.stringify(before),
      after === null || after === undefined ? null : JSON.stringify(after),
    ]);
  }
}

type AuditSearch = z.infer<typeof auditQuery>;

/** Who acted, by id (auth's namesByIds, handed in by the composition root: audit imports no module). */
export type ActorNames = (db: Queryable, ids: string[]) => Promise<Map<string, { name: string }>>;

/** The journal, newest first, filtered by entity or actor. */
export async function searchAudit(db: Queryable, names: ActorNames, q: AuditSearch) {
  const filter = new SearchFilter();
  if (q.entityType) filter.where(`entity_type = ${filter.param(q.entityType)}`);
  if (q.entityId) filter.where(`entity_id = ${filter.param(q.entityId)}`);
  if (q.actorId) filter.where(`actor_id = ${filter.param(q.actorId)}`);
  const { rows, total } = await pagedSearch<{
    id: number;
    actor_id: string | null;
    actor_role: string;
    action: string;
    entity_type: string;
    entity_id: string;
    before: unknown;
    after: unknown;
    at: Date;
  }>(db, {
    select: 'id, actor_id, actor_role, action, entity_type, entity_id, before, after, at',
    from: 'audit_log',
    filter,
    orderBy: 'at DESC, id DESC',
    page: q.page,
    pageSize: q.pageSize,
  });
  const nameBy = await names(
    db,
    rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      actor: { id: r.actor_id, name: (r.actor_id && nameBy.get(r.actor_id)?.name) ?? null, role: r.actor_role },
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      at: r.at.toISOString(),
    })),
    total,
  };
}

export function auditRoutes(db: Database, requireAdmin: RequestHandler, names: ActorNames): Router {
  const r = Router();
  r.get('/admin/audit', requireAdmin, async (req, res) => {
    const q = parseQuery(auditQuery, req.query);
    res.json({ ...(await searchAudit(db, names, q)), page: q.page, pageSize: q.pageSize });
  });
  return r;
}

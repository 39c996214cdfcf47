import { Router } from 'express';
import { auditQuery, type EntityType } from '../../contract/index.ts';
import type { Database, Queryable } from '../../db/index.ts';
import { parseQuery } from '../../shared/validate.ts';
import { requireAdmin } from '../auth/index.ts';

/**
 * The audit trail: who did what, when, with the state before and after. Written in
 * the same transaction as the change it describes, so the trail and the data agree.
 */
export interface AuditEntry {
  actor: { id: string; role: string };
  action: string;
  entityType: EntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.actor.id, e.actor.role, e.action, e.entityType, e.entityId, e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after)],
  );
}

export function auditRoutes(db: Database): Router {
  const r = Router();
  r.get('/admin/audit', requireAdmin, async (req, res) => {
    const q = parseQuery(auditQuery, req.query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.entityType) where.push(`a.entity_type = $${params.push(q.entityType)}`);
    if (q.entityId) where.push(`a.entity_id = $${params.push(q.entityId)}`);
    if (q.actorId) where.push(`a.actor_id = $${params.push(q.actorId)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a ${whereSql}`, params);
    const { rows } = await db.query<{ id: number; actor_id: string | null; actor_name: string | null; actor_role: string; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; at: Date }>(
      `SELECT a.id, a.actor_id, u.name AS actor_name, a.actor_role, a.action, a.entity_type, a.entity_id, a.before, a.after, a.at
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ${whereSql}
        ORDER BY a.at DESC, a.id DESC LIMIT $${params.push(q.pageSize)} OFFSET $${params.push((q.page - 1) * q.pageSize)}`,
      params,
    );
    res.json({
      items: rows.map((r) => ({
        id: String(r.id),
        actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role },
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        at: r.at.toISOString(),
      })),
      total: total.rows[0]?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    });
  });
  return r;
}

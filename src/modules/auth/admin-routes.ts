import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { requireAdmin, userOf } from './middleware.ts';
import { deleteUserSessions } from './sessions.ts';
import { adminUserPatch as userPatch, adminUserQuery as userQuery } from '../../contract/index.ts';


interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  locale: string;
  disabled_at: Date | null;
  email_verified_at: Date | null;
  created_at: Date;
  order_count: number;
}

const toAdminUser = (u: AdminUserRow) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  locale: u.locale,
  emailVerified: u.email_verified_at !== null,
  disabled: u.disabled_at !== null,
  disabledAt: u.disabled_at?.toISOString() ?? null,
  createdAt: u.created_at.toISOString(),
  orderCount: u.order_count,
});

const SELECT_USER = `SELECT u.id, u.name, u.email, u.role, u.locale, u.disabled_at, u.email_verified_at, u.created_at,
  (SELECT count(*)::int FROM orders o WHERE o.user_id = u.id) AS order_count FROM users u`;

/**
 * Admin management of accounts: search, roles, disabling. The last active admin can
 * be neither demoted nor disabled, and nobody demotes or disables themself. A disabled
 * account's sessions end and its sockets are cut at once.
 */
export function adminUserRoutes(deps: { db: Database; events: EventPublisher; orderViews: (ids: string[]) => Promise<unknown[]> }): Router {
  const { db, events } = deps;
  const r = Router();
  r.use('/admin/users', requireAdmin);

  r.get('/admin/users', async (req, res) => {
    const q = parseQuery(userQuery, req.query);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.q) where.push(`(${sqlFold('u.name')} LIKE $${params.push(`%${escapeLike(foldForSearch(q.q))}%`)} OR ${sqlFold('u.email')} LIKE $${params.length})`);
    if (q.role) where.push(`u.role = $${params.push(q.role)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u ${whereSql}`, params);
    const { rows } = await db.query<AdminUserRow>(
      `${SELECT_USER} ${whereSql} ORDER BY u.created_at DESC, u.id LIMIT $${params.push(q.pageSize)} OFFSET $${params.push((q.page - 1) * q.pageSize)}`,
      params,
    );
    res.json({ items: rows.map(toAdminUser), total: total.rows[0]?.n ?? 0, page: q.page, pageSize: q.pageSize });
  });

  r.get('/admin/users/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const { rows } = await db.query<AdminUserRow>(`${SELECT_USER} WHERE u.id = $1`, [id]);
    if (!rows[0]) throw notFound();
    const orders = await db.query<{ id: string }>('SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50', [id]);
    res.json({ ...toAdminUser(rows[0]), orders: await deps.orderViews(orders.rows.map((o) => o.id)) });
  });

  r.patch('/admin/users/:id', async (req, res) => {
    const body = parse(userPatch, req.body);
    const actor = userOf(req);
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const updated = await db.transaction(async (tx) => {
      // Lock every active admin row: two admins demoting each other at once are serialised here.
      const admins = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
      const { rows } = await tx.query<AdminUserRow>(`${SELECT_USER} WHERE u.id = $1 FOR UPDATE OF u`, [id]);
      const before = rows[0];
      if (!before) throw notFound();
      const losesAdmin = before.role === 'admin' && before.disabled_at === null && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
      if (losesAdmin && id === actor.id) throw new AppError('self_demotion');
      if (body.disabled === true && id === actor.id) throw new AppError('self_demotion');
      if (losesAdmin && admins.rows.length <= 1) throw new AppError('last_admin');

      const disabledAt = body.disabled === undefined ? before.disabled_at : body.disabled ? (before.disabled_at ?? new Date()) : null;
      const role = body.role ?? before.role;
      await tx.query('UPDATE users SET role = $2, disabled_at = $3, updated_at = now() WHERE id = $1', [id, role, disabledAt]);
      const nowDisabled = disabledAt !== null && before.disabled_at === null;
      if (nowDisabled) await deleteUserSessions(tx, id);
      // HTTP reads the role on every request; open sockets are cut so they reconnect into the right rooms.
      if (nowDisabled || role !== before.role) tx.afterCommit(() => events.publish({ type: 'user.access_changed', userId: id }));
      const after = { ...before, role, disabled_at: disabledAt };
      await recordAudit(tx, {
        actor,
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before: { role: before.role, disabled: before.disabled_at !== null },
        after: { role, disabled: disabledAt !== null },
      });
      return toAdminUser(after);
    });
    res.json(updated);
  });

  return r;
}

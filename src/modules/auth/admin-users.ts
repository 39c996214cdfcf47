import type { Database } from '../../db/index.ts';
import { pagedSearch, SearchFilter, type PageRequest } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import { escapeLike, foldForSearch, sqlFold } from '../../shared/text.ts';
import { recordAudit, type AuditActor } from '../audit/index.ts';
import { deleteUserSessions } from './sessions.ts';
import { toPublicUser, type Role, type UserRow } from './users-repo.ts';

/**
 * What the admin's account pages need of people's orders, handed in by the composition
 * root from orders' public face: auth does not read the orders table.
 */
export interface CustomerOrders {
  countsByCustomer(userIds: string[]): Promise<Map<string, number>>;
  /** The customer's latest orders, as staff see them. */
  latestViews(userId: string): Promise<unknown[]>;
}

/** A person as the admin lists them: the public user, plus the account's state and order count. */
type AdminUserRow = Pick<UserRow, 'id' | 'name' | 'email' | 'role' | 'locale' | 'disabled_at' | 'email_verified_at' | 'created_at'>;

const toAdminUser = (u: AdminUserRow, orderCount: number) => ({
  ...toPublicUser(u),
  disabled: u.disabled_at !== null,
  disabledAt: u.disabled_at?.toISOString() ?? null,
  createdAt: u.created_at.toISOString(),
  orderCount,
});

const USER_COLUMNS = 'u.id, u.name, u.email, u.role, u.locale, u.disabled_at, u.email_verified_at, u.created_at';

/**
 * Admin management of accounts: search, roles, disabling. The last active admin can
 * be neither demoted nor disabled, and nobody demotes or disables themself. A disabled
 * account's sessions end and its sockets are cut at once.
 */
export function createUserAdmin(deps: { db: Database; events: EventPublisher; orders: CustomerOrders }) {
  const { db, events, orders } = deps;

  const withOrderCounts = async (rows: AdminUserRow[]) => {
    const counts = await orders.countsByCustomer(rows.map((u) => u.id));
    return rows.map((u) => toAdminUser(u, counts.get(u.id) ?? 0));
  };

  return {
    async search(q: { q?: string; role?: string } & PageRequest) {
      const filter = new SearchFilter();
      if (q.q) {
        const p = filter.param(`%${escapeLike(foldForSearch(q.q))}%`);
        filter.where(`(${sqlFold('u.name')} LIKE ${p} OR ${sqlFold('u.email')} LIKE ${p})`);
      }
      if (q.role) filter.where(`u.role = ${filter.param(q.role)}`);
      const { rows, total } = await pagedSearch<AdminUserRow>(db, { select: USER_COLUMNS, from: 'users u', filter, orderBy: 'u.created_at DESC, u.id', ...q });
      return { items: await withOrderCounts(rows), total };
    },

    async get(id: string) {
      if (!isUuid(id)) throw notFound();
      const { rows } = await db.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
      if (!rows[0]) throw notFound();
      const [user] = await withOrderCounts(rows);
      return { ...user!, orders: await orders.latestViews(id) };
    },

    async update(actor: AuditActor, id: string, body: { role?: Role; disabled?: boolean }) {
      if (!isUuid(id)) throw notFound();
      const updated = await db.transaction(async (tx) => {
        // Lock every active admin row: two admins demoting each other at once are serialised here.
        const admins = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE`);
        const { rows } = await tx.query<AdminUserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 FOR UPDATE OF u`, [id]);
        const before = rows[0];
        if (!before) throw notFound();
        const losesAdmin =
          before.role === 'admin' && before.disabled_at === null && ((body.role !== undefined && body.role !== 'admin') || body.disabled === true);
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
        await recordAudit(tx, {
          actor,
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: { role: before.role, disabled: before.disabled_at !== null },
          after: { role, disabled: disabledAt !== null },
        });
        return { ...before, role, disabled_at: disabledAt };
      });
      const [view] = await withOrderCounts([updated]);
      return view!;
    },
  };
}

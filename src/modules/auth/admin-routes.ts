import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { createUserAdmin, type CustomerOrders } from './admin-users.ts';
import { requireAdmin, userOf } from './middleware.ts';
import { adminUserPatch as userPatch, adminUserQuery as userQuery } from '../../contract/index.ts';

/**
 * Admin management of accounts (the rules are in admin-users.ts). A disabled account's
 * sessions end and its sockets are cut at once.
 */
export function adminUserRoutes(deps: { db: Database; events: EventPublisher; orders: CustomerOrders }): Router {
  const users = createUserAdmin(deps);
  const r = Router();
  r.use('/admin/users', requireAdmin);

  r.get('/admin/users', async (req, res) => {
    const q = parseQuery(userQuery, req.query);
    res.json({ ...(await users.search(q)), page: q.page, pageSize: q.pageSize });
  });

  r.get('/admin/users/:id', async (req, res) => {
    res.json(await users.get(String(req.params.id)));
  });

  r.patch('/admin/users/:id', async (req, res) => {
    const body = parse(userPatch, req.body);
    res.json(await users.update(userOf(req), String(req.params.id), body));
  });

  return r;
}

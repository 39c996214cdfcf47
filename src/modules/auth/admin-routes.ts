import type { Router } from 'express';
import type { Database } from '../../db/index.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { createUserAdmin, type CustomerOrders } from './admin-users.ts';
import { adminRouter, readHandler, searchHandler, updateHandler } from './admin-handlers.ts';
import { adminUserPatch as userPatch, adminUserQuery as userQuery } from '../../contract/index.ts';

/**
 * Admin management of accounts (the rules are in admin-users.ts). A disabled account's
 * sessions end and its sockets are cut at once.
 */
export function adminUserRoutes(deps: { db: Database; events: EventPublisher; orders: CustomerOrders }): Router {
  const users = createUserAdmin(deps);
  const r = adminRouter('/admin/users');

  r.get('/admin/users', searchHandler(userQuery, users.search));

  r.get('/admin/users/:id', readHandler(users.get));

  r.patch('/admin/users/:id', updateHandler(userPatch, users.update));

  return r;
}

import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireAdmin, requireStaff, userOf } from '../auth/index.ts';
import { staffOrderQuery, statusChangeBody, type StaffOrderQuery } from '../../contract/index.ts';
import { parisDate } from '../../shared/paris-time.ts';
import { sendOrdersSheet } from './export.ts';
import type { OrdersService } from './service.ts';
import { searchStaffOrders } from './search.ts';
import { allowedTransitions, isProcessed } from './state-machine.ts';
import { loadOrderViews, type StaffOrderView } from './views.ts';

export function staffOrderRoutes(deps: { db: Database; orders: OrdersService; proofUrlFor: (orderId: string) => string }): Router {
  const { db, orders } = deps;
  const r = Router();
  r.use('/staff', requireStaff);

  const detail = (order: StaffOrderView) => ({
    ...order,
    allowedTransitions: allowedTransitions(order.status, 'staff'),
    ...(isProcessed(order.status) ? { proofUrl: deps.proofUrlFor(order.id) } : {}),
  });

  r.get('/staff/orders', listOrExport(db));

  r.get('/staff/orders/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const [order] = await loadOrderViews(db, [id], { withCustomer: true });
    if (!order) throw notFound();
    res.json(detail(order));
  });

  r.post('/staff/orders/:id/status', async (req, res) => {
    const body = parse(statusChangeBody, req.body);
    const user = userOf(req);
    const order = await orders.changeStatusByStaff({ id: user.id, role: user.role }, String(req.params.id), body.status, {
      note: body.note || undefined,
      expectedVersion: body.expectedVersion,
    });
    res.json(detail(order));
  });

  return r;
}

/** The most orders one export holds. */
const EXPORT_MAX_ORDERS = 10_000;

/**
 * The order list (staff and admin): a page as JSON, or with `format=csv` (or `xlsx`) the
 * whole filtered list (up to EXPORT_MAX_ORDERS) as a download in the reader's language.
 */
function listOrExport(db: Database, forceCsv = false) {
  return async (req: Request, res: Response) => {
    const query: StaffOrderQuery = parseQuery(staffOrderQuery, req.query);
    const search = { ...query, q: query.q || undefined };
    const format = forceCsv ? 'csv' : query.format;
    if (format === 'csv' || format === 'xlsx') {
      const { items } = await searchStaffOrders(db, { ...search, page: 1, pageSize: EXPORT_MAX_ORDERS });
      await sendOrdersSheet(res, items, { format, lang: userOf(req).locale, lines: query.lines === true, today: parisDate(new Date()) });
      return;
    }
    const result = await searchStaffOrders(db, search);
    res.json({ ...result, page: query.page, pageSize: query.pageSize });
  };
}

/** Admin: the same order list as staff, and its CSV export (`format=csv`, or the older /admin/orders.csv). */
export function adminOrderRoutes(db: Database): Router {
  const r = Router();
  r.get('/admin/orders', requireAdmin, listOrExport(db));
  r.get('/admin/orders.csv', requireAdmin, listOrExport(db, true));
  return r;
}

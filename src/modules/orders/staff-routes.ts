import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireAdmin, requireStaff, userOf } from '../auth/index.ts';
import { pickupBody, staffOrderQuery, statusChangeBody, type StaffDashboard, type StaffOrderQuery } from '../../contract/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { parisDate, parisDayStart } from '../../shared/paris-time.ts';
import { ordersOfTheDay, salesOfTheWeek } from './dashboard.ts';
import { sendOrdersSheet } from './export.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import type { OrdersService } from './service.ts';
import { searchStaffOrders } from './search.ts';
import { allowedTransitions, isProcessed } from './state-machine.ts';
import type { StaffOrderView } from './views.ts';

export interface StaffOrderRoutesDeps {
  db: Database;
  orders: OrdersService;
  clock: Clock;
  proofUrlFor: (orderId: string) => string;
  /** Payments received since a moment (payments' own figures: orders never read its tables). */
  paymentsSince: (since: Date) => Promise<StaffDashboard['payments']>;
  /** STAFF_REMINDER_SECONDS, told to the console. */
  reminderSeconds: number;
  /** EXPORT_MAX_ROWS: the most orders one export holds. */
  exportMaxRows: number;
}

export function staffOrderRoutes(deps: StaffOrderRoutesDeps): Router {
  const { db, orders } = deps;
  const r = Router();
  r.use('/staff', requireStaff);

  const detail = (order: StaffOrderView) => ({
    ...order,
    allowedTransitions: allowedTransitions(
      order.status,
      'staff',
      order.items.every((i) => i.donate),
    ),
    ...(isProcessed(order.status) ? { proofUrl: deps.proofUrlFor(order.id) } : {}),
  });

  r.get('/staff/orders', listOrExport(db, orders, deps.exportMaxRows));

  r.get('/staff/orders/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound();
    const [order] = await orders.views.load(db, [id], { withCustomer: true });
    if (!order) throw notFound();
    res.json(detail(order));
  });

  // A pickup code scanned or typed at the centre: the order is handed over (collected). The
  // answer says what to hand over: the customer's lines; gifts stay for the centre.
  r.post('/staff/pickups', async (req, res) => {
    const body = parse(pickupBody, req.body);
    const user = userOf(req);
    const order = await orders.collectByCode({ id: user.id, role: user.role }, body.code, {
      expectedVersion: body.expectedVersion,
      requestKey: idempotencyKeyOf(req),
    });
    res.json({
      ...detail(order),
      handOver: { items: order.items.filter((i) => !i.donate), giftsStayForCentre: order.items.some((i) => i.donate) },
    });
  });

  r.post('/staff/orders/:id/status', async (req, res) => {
    const body = parse(statusChangeBody, req.body);
    const user = userOf(req);
    const order = await orders.changeStatusByStaff({ id: user.id, role: user.role }, String(req.params.id), body.status, {
      note: body.note || undefined,
      customerMessage: body.customerMessage || undefined,
      expectedVersion: body.expectedVersion,
      requestKey: idempotencyKeyOf(req),
    });
    res.json(detail(order));
  });

  r.post('/staff/orders/:id/ack', async (req, res) => {
    const order = await orders.acknowledge(userOf(req), String(req.params.id));
    res.json(detail(order));
  });

  r.get('/staff/dashboard', async (req, res) => {
    const now = deps.clock.now();
    const [day, payments, week] = await Promise.all([
      ordersOfTheDay(db, orders.views, now),
      deps.paymentsSince(parisDayStart(now)),
      userOf(req).role === 'admin' ? salesOfTheWeek(db, now) : Promise.resolve(undefined),
    ]);
    const answer: StaffDashboard = { ...day, payments, reminderSeconds: deps.reminderSeconds, ...(week ? { week } : {}) };
    res.json(answer);
  });

  return r;
}

/**
 * The order list (staff and admin): a page as JSON, or with `format=csv` (or `xlsx`) the
 * whole filtered list (up to `exportMaxRows`, EXPORT_MAX_ROWS) as a download in the reader's language.
 */
function listOrExport(db: Database, orders: Pick<OrdersService, 'views'>, exportMaxRows: number, forceCsv = false) {
  return async (req: Request, res: Response) => {
    const query: StaffOrderQuery = parseQuery(staffOrderQuery, req.query);
    const search = { ...query, q: query.q || undefined };
    const format = forceCsv ? 'csv' : query.format;
    if (format === 'csv' || format === 'xlsx') {
      const { items } = await searchStaffOrders(db, orders.views, { ...search, page: 1, pageSize: exportMaxRows });
      await sendOrdersSheet(res, items, { format, lang: userOf(req).locale, lines: query.lines === true, today: parisDate(new Date()) });
      return;
    }
    const result = await searchStaffOrders(db, orders.views, search);
    res.json({ ...result, page: query.page, pageSize: query.pageSize });
  };
}

/** Admin: the same order list as staff, and its export (`format=csv|xlsx`, or the older /admin/orders.csv). */
export function adminOrderRoutes(deps: { db: Database; orders: Pick<OrdersService, 'views'>; exportMaxRows: number }): Router {
  const r = Router();
  r.get('/admin/orders', requireAdmin, listOrExport(deps.db, deps.orders, deps.exportMaxRows));
  r.get('/admin/orders.csv', requireAdmin, listOrExport(deps.db, deps.orders, deps.exportMaxRows, true));
  return r;
}

import { Router } from 'express';
import type { Database } from '../../db/index.ts';
import { notFound } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireAdmin, requireStaff, userOf } from '../auth/index.ts';
import { stringify } from 'csv-stringify/sync';
import { pickupBody, staffOrderQuery, statusChangeBody, type StaffDashboard } from '../../contract/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { parisDayStart } from '../../shared/paris-time.ts';
import { ordersOfTheDay, salesOfTheWeek } from './dashboard.ts';
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

  r.get('/staff/orders', async (req, res) => {
    const query = parseQuery(staffOrderQuery, req.query);
    const result = await searchStaffOrders(db, orders.views, { ...query, q: query.q || undefined });
    res.json({ ...result, page: query.page, pageSize: query.pageSize });
  });

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
    const order = await orders.collectByCode({ id: user.id, role: user.role }, body.code, body.expectedVersion);
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
    });
    res.json(detail(order));
  });

  r.post('/staff/orders/:id/ack', async (req, res) => {
    const order = await orders.acknowledge({ id: userOf(req).id }, String(req.params.id));
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

/** CSV cells: a leading = + - @ would be read as a formula by spreadsheets; neutralise it. */
const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** Admin: the same order list as staff, and its CSV export (a filtered list, up to 10,000 orders). */
export function adminOrderRoutes(deps: { db: Database; orders: Pick<OrdersService, 'views'> }): Router {
  const { db, orders } = deps;
  const r = Router();
  r.get('/admin/orders', requireAdmin, async (req, res) => {
    const query = parseQuery(staffOrderQuery, req.query);
    const result = await searchStaffOrders(db, orders.views, { ...query, q: query.q || undefined });
    res.json({ ...result, page: query.page, pageSize: query.pageSize });
  });
  r.get('/admin/orders.csv', requireAdmin, async (req, res) => {
    const query = parseQuery(staffOrderQuery, req.query);
    const { items } = await searchStaffOrders(db, orders.views, { ...query, q: query.q || undefined, page: 1, pageSize: 10_000 });
    const rows = items.map((o) =>
      [
        o.number,
        o.createdAt,
        o.status,
        o.customer.name,
        o.customer.email,
        o.centre.name,
        o.centre.city,
        euros(o.totalCents),
        euros(o.donationTotalCents),
        o.donationOnly ? 'oui' : 'non',
        o.payment?.provider ?? '',
        o.payment?.status ?? '',
        o.payment?.providerRef ?? '',
        euros(o.payment?.refundedCents ?? 0),
      ].map((v) => cell(String(v))),
    );
    const header = [
      'numero',
      'date',
      'statut',
      'client',
      'email',
      'centre',
      'ville',
      'total_eur',
      'offert_eur',
      'tout_offert',
      'paiement',
      'statut_paiement',
      'reference_paiement',
      'rembourse_eur',
    ];
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="commandes-${new Date().toISOString().slice(0, 10)}.csv"`);
    // BOM so that spreadsheet software reads the accents as UTF-8.
    res.send(`\ufeff${stringify([header, ...rows], { delimiter: ';' })}`);
  });
  return r;
}

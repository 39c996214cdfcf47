import { Router } from 'express';
import { demoPaymentBody as demoBody, paymentsQuery } from '../../contract/index.ts';
import type { Database } from '../../db/index.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { parse, parseQuery } from '../../shared/validate.ts';
import { requireStaff, requireUser, userOf } from '../auth/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { csvDateTime, csvEuros, sendSheet } from '../../shared/csv.ts';
import { PAYMENT_STATUS_LABELS, PROVIDER_LABELS, type Lang } from '../../shared/labels.ts';
import { parisDate, parisDayStart, parisWeekStart } from '../../shared/paris-time.ts';
import { exportPaymentViews, listPaymentViews, receivedSince, type PaymentExportRow } from './repo.ts';
import { isOrderOf, type OrdersService } from '../orders/index.ts';
import type { Settlement } from './settlement.ts';

/** The demo provider's "pay" and "fail" buttons land here (owner only), then in the shared settlement path. */
export function demoPaymentRoutes(deps: { db: Database; settlement: Settlement; orders: OrdersService; enabled: boolean }): Router {
  const r = Router();
  r.post('/payments/demo/:orderId', requireUser, async (req, res) => {
    const orderId = String(req.params.orderId);
    if (!deps.enabled || !(await isOrderOf(deps.db, orderId, userOf(req).id))) throw notFound();
    const body = parse(demoBody, req.body);
    const order = await deps.orders.view(orderId);
    if (order.status !== 'pending_payment') {
      throw new AppError('invalid_transition', { message: 'Cette commande n’attend plus de paiement.', details: { from: order.status } });
    }
    await deps.settlement.report({ provider: 'demo', orderId }, body.outcome === 'succeeded' ? { kind: 'succeeded' } : { kind: 'failed' });
    res.json(await deps.orders.view(orderId));
  });

  // A new try after a failed payment, while the hold lasts.
  r.post('/orders/:orderId/pay', requireUser, async (req, res) => {
    const orderId = String(req.params.orderId);
    if (!(await isOrderOf(deps.db, orderId, userOf(req).id))) throw notFound();
    const order = await deps.orders.view(orderId);
    if (order.status !== 'pending_payment') throw new AppError('invalid_transition', { details: { from: order.status } });
    const url = await deps.orders.paymentUrl(orderId);
    res.json({ order: await deps.orders.view(orderId), payment: { url } });
  });
  return r;
}

/** Staff console: every payment with its order, newest first, and the day's and week's totals. */
export function staffPaymentRoutes(deps: { db: Database; clock: Clock; exportMaxRows: number }): Router {
  const r = Router();
  r.get('/staff/payments', requireStaff, async (req, res) => {
    const q = parseQuery(paymentsQuery, req.query);
    const now = deps.clock.now();
    const filters = { ...q, provider: q.provider || undefined, status: q.status || undefined, q: q.q || undefined };
    if (q.format === 'csv' || q.format === 'xlsx') {
      const lang = userOf(req).locale;
      const rows = await exportPaymentViews(deps.db, filters, deps.exportMaxRows);
      const name = `${lang === 'en' ? 'payments' : 'paiements'}-${parisDate(now)}`;
      await sendSheet(
        res,
        q.format,
        name,
        PAYMENT_HEADERS[lang],
        rows.map((p) => paymentRow(p, lang)),
      );
      return;
    }
    const [list, today, week] = await Promise.all([
      listPaymentViews(deps.db, filters),
      receivedSince(deps.db, parisDayStart(now)),
      receivedSince(deps.db, parisWeekStart(now)),
    ]);
    res.json({ ...list, page: q.page, pageSize: q.pageSize, totals: { today, week } });
  });
  return r;
}

const PAYMENT_HEADERS: Record<Lang, string[]> = {
  fr: ['Date', 'Commande', 'Client', 'Centre', 'Prestataire', 'Statut', 'Montant (€)', 'Remboursé (€)', 'Référence'],
  en: ['Date', 'Order', 'Customer', 'Centre', 'Provider', 'Status', 'Amount (€)', 'Refunded (€)', 'Reference'],
};

const paymentRow = (p: PaymentExportRow, lang: Lang) => [
  csvDateTime(p.createdAt),
  p.orderNumber,
  p.customerName ?? '',
  p.centreName,
  PROVIDER_LABELS[lang][p.provider] ?? p.provider,
  PAYMENT_STATUS_LABELS[lang][p.status] ?? p.status,
  csvEuros(p.amountCents, lang),
  csvEuros(p.refundedCents, lang),
  p.providerRef ?? '',
];

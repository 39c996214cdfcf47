import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PaymentProvider } from './provider.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './repo.ts';

/** What a provider reports about a payment, whichever provider it is. */
export type PaymentReport =
  | { kind: 'succeeded'; amountCents?: number; paymentIntent?: string | null }
  | { kind: 'failed' }
  | { kind: 'expired' }
  | { kind: 'refunded'; refundedCents: number };

export interface ReportTarget {
  provider: 'demo' | 'stripe';
  /** The provider's event id: acted on once, in the transaction of its effect (invariant 3). */
  eventId?: string;
  eventType?: string;
  /** How to find the payment: its provider reference, or else the order's latest payment. */
  providerRef?: string;
  paymentIntent?: string;
  orderId?: string;
}

export type SettleOutcome = 'applied' | 'duplicate' | 'unknown_payment';

/**
 * The one code path for "payment succeeded / failed / expired / refunded", used by the
 * demo page and by Stripe webhooks alike. Money state follows the provider's word only.
 */
export function createSettlement(deps: {
  db: Database;
  clock: Clock;
  provider: PaymentProvider;
  orders: OrdersService;
  events: EventPublisher;
  logger: Logger;
}) {
  const { db, clock, provider, orders, events } = deps;

  async function findPayment(tx: Transaction, t: ReportTarget): Promise<PaymentRow | undefined> {
    const lookups: Array<[string, unknown[]]> = [];
    if (t.providerRef) lookups.push([`provider = $1 AND provider_ref = $2`, [t.provider, t.providerRef]]);
    if (t.paymentIntent) lookups.push([`provider = $1 AND payment_intent = $2`, [t.provider, t.paymentIntent]]);
    if (t.orderId) lookups.push([`provider = $1 AND order_id::text = $2`, [t.provider, t.orderId]]);
    for (const [where, params] of lookups) {
      const r = await tx.query<PaymentRow>(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${where} ORDER BY created_at DESC, id LIMIT 1 FOR UPDATE`,
        params,
      );
      if (r.rows[0]) return r.rows[0];
    }
    return undefined;
  }

  const setPayment = (tx: Transaction, id: string, fields: { status?: string; refunded?: number; intent?: string | null }) =>
    tx.query(
      `UPDATE payments SET status = coalesce($2, status), refunded_cents = coalesce($3, refunded_cents),
              payment_intent = coalesce($4, payment_intent), updated_at = $5 WHERE id = $1`,
      [id, fields.status ?? null, fields.refunded ?? null, fields.intent ?? null, clock.now()],
    );

  const published = (tx: Transaction, p: PaymentRow, status: string) =>
    tx.afterCommit(() => events.publish({ type: 'payment.recorded', paymentId: p.id, orderId: p.order_id, status }));

  async function apply(tx: Transaction, p: PaymentRow, report: PaymentReport): Promise<void> {
    switch (report.kind) {
      case 'succeeded': {
        if (p.status === 'succeeded' || p.status === 'refunded') return; // already settled: a repeat
        await setPayment(tx, p.id, { status: 'succeeded', intent: report.paymentIntent ?? null });
        published(tx, p, 'succeeded');
        const before = await orders.markPaid(tx, p.order_id);
        if (before === 'canceled') {
          // Paid after the hold ran out (or after a cancel): the goods are gone, the money goes back.
          deps.logger.warn({ orderId: p.order_id }, 'payment for a canceled order: refunding');
          await provider.refund({ paymentId: p.id, providerRef: p.provider_ref, paymentIntent: report.paymentIntent ?? p.payment_intent, amountCents: p.amount_cents });
          await setPayment(tx, p.id, { status: 'refunded', refunded: p.amount_cents });
          published(tx, p, 'refunded');
        }
        return;
      }
      case 'failed':
        if (p.status !== 'pending') return;
        await setPayment(tx, p.id, { status: 'failed' });
        published(tx, p, 'failed');
        return;
      case 'expired':
        if (p.status === 'pending') await setPayment(tx, p.id, { status: 'failed' });
        await orders.cancelUnpaid(tx, p.order_id, 'Paiement non effectué avant la fin de la réservation');
        return;
      case 'refunded': {
        const refunded = Math.min(p.amount_cents, Math.max(p.refunded_cents, report.refundedCents));
        if (refunded === p.refunded_cents) return;
        const full = refunded >= p.amount_cents;
        await setPayment(tx, p.id, { refunded, status: full ? 'refunded' : p.status });
        published(tx, p, full ? 'refunded' : p.status);
        if (full) await orders.cancelAfterRefund(tx, p.order_id);
        return;
      }
    }
  }

  return {
    async report(target: ReportTarget, report: PaymentReport): Promise<SettleOutcome> {
      return db.transaction(async (tx) => {
        if (target.eventId) {
          const first = await tx.query(
            'INSERT INTO payment_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
            [target.provider, target.eventId, target.eventType ?? report.kind],
          );
          if (first.rowCount === 0) return 'duplicate';
        }
        const payment = await findPayment(tx, target);
        if (!payment) return 'unknown_payment';
        await apply(tx, payment, report);
        return 'applied';
      });
    },
  };
}

export type Settlement = ReturnType<typeof createSettlement>;

import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { sqlState } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import type { EventPublisher } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import { SYSTEM_NOTES, type OrdersService } from '../orders/index.ts';
import type { PaymentProvider } from './provider.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './repo.ts';

/**
 * What a provider reports about a payment, whichever provider it is. `paymentIntent`
 * (Stripe) is recorded on the payment whenever a report carries it: refunds are made
 * against it, and charge events find the payment by it.
 */
export type PaymentReport = (
  | { kind: 'succeeded'; amountCents?: number }
  /** Checkout finished but the money is not there yet (delayed payment methods): record, wait. */
  | { kind: 'processing' }
  | { kind: 'failed' }
  | { kind: 'expired' }
  /** `refundedCents` is the total refunded so far on the payment (Stripe's `amount_refunded`). */
  | { kind: 'refunded'; refundedCents: number }
) & { paymentIntent?: string | null };

/** Where to find a payment, tried in this order. */
interface PaymentKeys {
  /** The provider's reference (Stripe Checkout Session id). */
  providerRef?: string;
  /** Our own payment id, as the provider echoes it back (Stripe metadata). */
  paymentId?: string;
  /** Stripe PaymentIntent id (charge events carry only this). */
  paymentIntent?: string;
  /** Last resort (demo provider): the order's latest payment. */
  orderId?: string;
}

export interface ReportTarget extends PaymentKeys {
  provider: 'demo' | 'stripe';
  /** The provider's event id: acted on once, in the transaction of its effect (invariant 3). */
  eventId?: string;
  eventType?: string;
  /**
   * Asked when no key above matches a payment (e.g. a Stripe charge event arriving
   * before the checkout event that told us the PaymentIntent): more keys, from the provider.
   */
  resolve?: () => Promise<PaymentKeys | undefined>;
}

export type SettleOutcome = 'applied' | 'duplicate' | 'unknown_payment';

/** A payment refunded in part at the provider: what the order's payment still holds. */
export type PartialRefundListener = (tx: Transaction, refund: { orderId: string; netPaidCents: number }) => Promise<void>;

/** Deadlock and serialization failures: the transaction did nothing, running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);

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
  /** Told, in the refund's transaction, when a payment is refunded in part (receipts follow the net amount). */
  const partialRefundListeners: PartialRefundListener[] = [];

  async function lookup(tx: Transaction, providerName: string, keys: PaymentKeys): Promise<PaymentRow | undefined> {
    const lookups: Array<[string, unknown[]]> = [];
    if (keys.providerRef) lookups.push([`provider = $1 AND provider_ref = $2`, [providerName, keys.providerRef]]);
    if (isUuid(keys.paymentId)) {
      // Our id echoed back: only for a payment whose reference is not known yet, or is this one.
      lookups.push([`provider = $1 AND id = $2 AND (provider_ref IS NULL OR provider_ref = $3)`, [providerName, keys.paymentId, keys.providerRef ?? null]]);
    }
    if (keys.paymentIntent) lookups.push([`provider = $1 AND payment_intent = $2`, [providerName, keys.paymentIntent]]);
    if (isUuid(keys.orderId)) lookups.push([`provider = $1 AND order_id = $2`, [providerName, keys.orderId]]);
    for (const [where, params] of lookups) {
      const r = await tx.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${where} ORDER BY created_at DESC, id LIMIT 1 FOR UPDATE`, params);
      if (r.rows[0]) return r.rows[0];
    }
    return undefined;
  }

  async function findPayment(tx: Transaction, t: ReportTarget): Promise<PaymentRow | undefined> {
    const found = await lookup(tx, t.provider, t);
    if (found || !t.resolve) return found;
    const more = await t.resolve();
    if (!more) return undefined;
    const again = await lookup(tx, t.provider, more);
    // The reference the provider just told us is worth keeping (first write wins).
    if (again && !again.provider_ref && more.providerRef) {
      await tx.query('UPDATE payments SET provider_ref = $2 WHERE id = $1 AND provider_ref IS NULL', [again.id, more.providerRef]);
    }
    return again;
  }

  const setPayment = (tx: Transaction, id: string, fields: { status?: string; refunded?: number; intent?: string | null; ref?: string | null }) =>
    tx.query(
      `UPDATE payments SET status = coalesce($2, status), refunded_cents = coalesce($3, refunded_cents),
              payment_intent = coalesce($4, payment_intent), provider_ref = coalesce(provider_ref, $5), updated_at = $6 WHERE id = $1`,
      [id, fields.status ?? null, fields.refunded ?? null, fields.intent ?? null, fields.ref ?? null, clock.now()],
    );

  /** `succeeded` becomes the staff's `payment:received`; every other status a `payment:updated`. */
  const published = (tx: Transaction, p: PaymentRow, status: string) =>
    tx.afterCommit(() => events.publish({ type: 'payment.recorded', paymentId: p.id, orderId: p.order_id, status }));

  async function apply(tx: Transaction, p: PaymentRow, report: PaymentReport, target: ReportTarget): Promise<void> {
    const intent = report.paymentIntent ?? null;
    // What the provider told us about this payment's identity is recorded whatever the outcome.
    if ((intent && intent !== p.payment_intent) || (!p.provider_ref && target.providerRef)) {
      await setPayment(tx, p.id, { intent, ref: target.providerRef ?? null });
    }
    switch (report.kind) {
      case 'succeeded': {
        if (p.status === 'succeeded' || p.status === 'refunded') return; // already settled: a repeat
        if (report.amountCents !== undefined && report.amountCents !== p.amount_cents) {
          deps.logger.error({ paymentId: p.id, expected: p.amount_cents, reported: report.amountCents }, 'provider reports another amount than the order');
        }
        await setPayment(tx, p.id, { status: 'succeeded' });
        published(tx, p, 'succeeded');
        const before = await orders.markPaid(tx, p.order_id);
        if (before === 'canceled') {
          // Paid after the hold ran out (or after a cancel): the goods are gone, the money goes back.
          deps.logger.warn({ orderId: p.order_id }, 'payment for a canceled order: refunding');
          await provider.refund({
            paymentId: p.id,
            providerRef: p.provider_ref ?? target.providerRef ?? null,
            paymentIntent: intent ?? p.payment_intent,
            amountCents: p.amount_cents - p.refunded_cents,
          });
          await setPayment(tx, p.id, { status: 'refunded', refunded: p.amount_cents });
          published(tx, p, 'refunded');
        }
        return;
      }
      case 'processing':
        return;
      case 'failed':
        if (p.status !== 'pending') return;
        await setPayment(tx, p.id, { status: 'failed' });
        published(tx, p, 'failed');
        return;
      case 'expired': {
        // An expiry says nothing about money that was received (e.g. `expired` after `completed`).
        if (p.status === 'succeeded' || p.status === 'refunded') return;
        if (p.status === 'pending') {
          await setPayment(tx, p.id, { status: 'failed' });
          published(tx, p, 'failed');
        }
        // Only when no other attempt of this order can still bring the money.
        const other = await tx.query(`SELECT 1 FROM payments WHERE order_id = $1 AND id <> $2 AND status IN ('pending', 'succeeded') LIMIT 1`, [
          p.order_id,
          p.id,
        ]);
        if (other.rowCount === 0) await orders.cancelUnpaid(tx, p.order_id, SYSTEM_NOTES.notPaidInTime.fr);
        return;
      }
      case 'refunded': {
        const refunded = Math.min(p.amount_cents, Math.max(p.refunded_cents, report.refundedCents));
        if (refunded === p.refunded_cents) return; // nothing new (our own refund, reported back)
        const full = refunded >= p.amount_cents;
        await setPayment(tx, p.id, { refunded, status: full ? 'refunded' : p.status });
        published(tx, p, full ? 'refunded' : 'partially_refunded');
        // The money went back in full outside our console: the order is off, its stock returns.
        if (full) await orders.cancelAfterRefund(tx, p.order_id);
        else for (const listener of partialRefundListeners) await listener(tx, { orderId: p.order_id, netPaidCents: p.amount_cents - refunded });
        return;
      }
    }
  }

  async function settleOnce(target: ReportTarget, report: PaymentReport): Promise<SettleOutcome> {
    return db.transaction(async (tx) => {
      if (target.eventId) {
        // Concurrent deliveries of one event wait here on the first one's row, then find it taken.
        const first = await tx.query('INSERT INTO payment_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id', [
          target.provider,
          target.eventId,
          target.eventType ?? report.kind,
        ]);
        if (first.rowCount === 0) return 'duplicate';
      }
      const payment = await findPayment(tx, target);
      if (!payment) return 'unknown_payment';
      await apply(tx, payment, report, target);
      return 'applied';
    });
  }

  return {
    onPartialRefund(listener: PartialRefundListener): void {
      partialRefundListeners.push(listener);
    },

    /**
     * Records the report and acts on it in one transaction. The payment row is locked
     * before the order here, while a cancel locks the order first: when both meet,
     * PostgreSQL breaks the deadlock by failing one of them, which simply runs again.
     */
    async report(target: ReportTarget, report: PaymentReport): Promise<SettleOutcome> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await settleOnce(target, report);
        } catch (err) {
          const state = sqlState(err);
          if (!state || !RETRYABLE.has(state) || attempt >= 3) throw err;
          deps.logger.warn({ err, eventId: target.eventId, attempt }, 'settlement conflicted with another transaction; retrying');
        }
      }
    },
  };
}

export type Settlement = ReturnType<typeof createSettlement>;

import { randomUUID } from 'node:crypto';
import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import type { NewCheckout, PayableOrder, PaymentGateway } from '../orders/index.ts';
import type { PaymentProvider } from './provider.ts';
import { PAYMENT_COLUMNS, paymentSummaryFor, type PaymentRow } from './repo.ts';

/** Implements what orders need from payments (the PaymentGateway port) over one provider. */
export function createPaymentGateway(deps: { db: Database; clock: Clock; provider: PaymentProvider; events: EventPublisher; logger: Logger }): PaymentGateway {
  const { db, clock, provider, events } = deps;

  async function startCheckout(checkout: NewCheckout): Promise<{ url: string; providerRef: string }> {
    const made = await provider.createCheckout(checkout);
    // Two concurrent callers get the same session (idempotency key = payment id); the first write wins.
    const { rows } = await db.query<{ url: string; provider_ref: string }>(
      `UPDATE payments SET url = coalesce(url, $2), provider_ref = coalesce(provider_ref, $3), updated_at = $4 WHERE id = $1 RETURNING url, provider_ref`,
      [checkout.paymentId, made.url, made.providerRef, clock.now()],
    );
    return rows[0] ? { url: rows[0].url, providerRef: rows[0].provider_ref } : made;
  }

  return {
    provider: provider.name,

    newPayment(orderId) {
      const paymentId = randomUUID();
      const local = provider.localCheckout?.({ orderId, paymentId });
      return { id: paymentId, provider: provider.name, url: local?.url ?? null, providerRef: local?.providerRef ?? null };
    },

    startCheckout,

    summaryFor: paymentSummaryFor,

    async checkoutUrl(order: PayableOrder) {
      const { rows } = await db.query<{ id: string; status: string; url: string | null }>(
        'SELECT id, status, url FROM payments WHERE order_id = $1 ORDER BY created_at DESC, id LIMIT 1',
        [order.orderId],
      );
      const latest = rows[0];
      if (order.status !== 'pending_payment' || (latest?.url && latest.status === 'pending')) return latest?.url ?? null;
      let paymentId = latest?.id;
      if (!latest || latest.status === 'failed') {
        // A failed attempt: a fresh payment for a new try, while the hold lasts.
        const now = clock.now();
        const r = await db.query<{ id: string }>(
          `INSERT INTO payments (order_id, provider, amount_cents, status, created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4) RETURNING id`,
          [order.orderId, provider.name, order.totalCents, now],
        );
        paymentId = r.rows[0]!.id;
      }
      const { status: _status, ...checkout } = order;
      return (await startCheckout({ ...checkout, paymentId: paymentId! })).url;
    },

    async refundOrder(tx: Transaction, orderId: string) {
      const { rows } = await tx.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1 AND status = 'succeeded' FOR UPDATE`, [orderId]);
      for (const p of rows) {
        const remaining = p.amount_cents - p.refunded_cents;
        if (remaining <= 0) continue;
        await provider.refund({ paymentId: p.id, providerRef: p.provider_ref, paymentIntent: p.payment_intent, amountCents: remaining });
        await tx.query(`UPDATE payments SET refunded_cents = amount_cents, status = 'refunded', updated_at = $2 WHERE id = $1`, [p.id, clock.now()]);
        tx.afterCommit(() => events.publish({ type: 'payment.recorded', paymentId: p.id, orderId, status: 'refunded' }));
      }
    },

    async abandon(tx: Transaction, orderId: string) {
      const { rows } = await tx.query<PaymentRow>(
        `UPDATE payments SET status = 'failed', updated_at = $2 WHERE order_id = $1 AND status = 'pending' RETURNING ${PAYMENT_COLUMNS}`,
        [orderId, clock.now()],
      );
      for (const p of rows) {
        if (!p.provider_ref) continue;
        // Best effort: if the provider cannot be reached, its own expiry (same deadline) still applies.
        await provider.expireCheckout(p.provider_ref).catch((err) => deps.logger.warn({ err, orderId }, 'could not expire checkout'));
      }
    },
  };
}

import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import type { EventPublisher } from '../../shared/events.ts';
import type { Logger } from '../../shared/logger.ts';
import type { NewCheckout, PaymentGateway } from '../orders/index.ts';
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

    async open(tx, order) {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO payments (order_id, provider, amount_cents, status, created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4) RETURNING id`,
        [order.id, provider.name, order.totalCents, order.createdAt],
      );
      return { paymentId: rows[0]!.id };
    },

    startCheckout,

    summaryFor: paymentSummaryFor,

    async checkoutUrl(orderId) {
      const { rows } = await db.query<{
        status: string;
        number: string;
        total_cents: number;
        hold_expires_at: Date;
        email: string | null;
        payment_id: string | null;
        payment_status: string | null;
        url: string | null;
      }>(
        `SELECT o.status, o.number, o.total_cents, o.hold_expires_at, u.email, p.id AS payment_id, p.status AS payment_status, p.url
           FROM orders o LEFT JOIN users u ON u.id = o.user_id
           LEFT JOIN LATERAL (SELECT id, status, url FROM payments WHERE order_id = o.id ORDER BY created_at DESC, id LIMIT 1) p ON true
          WHERE o.id = $1`,
        [orderId],
      );
      const order = rows[0];
      if (!order) return null;
      if (order.status !== 'pending_payment' || (order.url && order.payment_status === 'pending')) return order.url;
      let paymentId = order.payment_id;
      if (!paymentId || order.payment_status === 'failed') {
        // A failed attempt: a fresh payment for a new try, while the hold lasts.
        const now = clock.now();
        const r = await db.query<{ id: string }>(
          `INSERT INTO payments (order_id, provider, amount_cents, status, created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4) RETURNING id`,
          [orderId, provider.name, order.total_cents, now],
        );
        paymentId = r.rows[0]!.id;
      }
      const { rows: lines } = await db.query<{ name: string; unit_price_cents: number; quantity: number }>(
        'SELECT name, unit_price_cents, quantity FROM order_items WHERE order_id = $1 ORDER BY position',
        [orderId],
      );
      const checkout = await startCheckout({
        paymentId,
        orderId,
        orderNumber: order.number,
        lines: lines.map((l) => ({ name: l.name, unitPriceCents: l.unit_price_cents, quantity: l.quantity })),
        totalCents: order.total_cents,
        expiresAt: order.hold_expires_at,
        customerEmail: order.email ?? undefined,
      });
      return checkout.url;
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

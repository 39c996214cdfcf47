import { createHash, randomUUID } from 'node:crypto';
import type { Database, Transaction } from '../../db/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { EventPublisher } from '../../shared/events.ts';
import { isUuid } from '../../shared/ids.ts';
import type { Logger } from '../../shared/logger.ts';
import { changeStockMany, type StockListener } from '../catalog/index.ts';
import { addToCart, type CartView } from '../cart/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor, NewCheckout, PaymentGateway } from './ports.ts';
import type { PlaceOrderInput } from '../../contract/index.ts';
import { mergeLines, placeOrderStatement, type OrderLimits } from './placement.ts';
import { assertTransition, type OrderStatus } from './state-machine.ts';
import { eraseCustomerFromOrders, isOrderOf, orderIdsOfCustomer } from './customers.ts';
import { createOrderViews, newOrderView, type NewOrder, type OrderView, type StaffOrderView } from './views.ts';
import { SYSTEM_NOTES } from './system-notes.ts';
import { claimSlot, slotChoice, type PickupSettings } from './pickup.ts';
import { hashPickupCode, type PickupCodes } from './pickup-code.ts';

export interface OrdersDeps {
  db: Database;
  clock: Clock;
  events: EventPublisher<StaffOrderView>;
  payments: PaymentGateway;
  logger: Logger;
  reservationMinutes: number;
  limits: OrderLimits;
  pickup: PickupSettings;
  pickupCodes: PickupCodes;
}

/** What placing an order wrote: enough to answer and to notify without reading it back. */
interface PlacedOrder extends NewOrder {
  paymentId: string;
}

interface LockedOrder {
  id: string;
  user_id: string | null;
  centre_id?: string;
  status: OrderStatus;
  version: number;
}

const checkoutLines = (items: OrderView['items']): NewCheckout['lines'] =>
  items.map((l) => ({ name: l.name, unitPriceCents: l.unitPriceCents, quantity: l.quantity }));

export const SYSTEM: Actor = { kind: 'system', role: 'system' };
export const PAYMENT: Actor = { kind: 'payment', role: 'payment' };

/** A status change, as listeners inside its transaction see it. */
export interface StatusChange {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
  /** The order as it stands after the change, read once in the transaction. */
  order: StaffOrderView;
  /** What staff wrote for the customer (their mail carries it); never the internal note. */
  customerMessage?: string;
}

/**
 * Runs inside the transaction that changes an order's status, after the change is written:
 * what must exist exactly when the change does (the customer's mail) is written here. A
 * listener contains its own failures (a savepoint): the order's change never fails for it.
 */
export type StatusChangeListener = (tx: Transaction, change: StatusChange) => Promise<void>;

/** What the pickup sweep tells the customer: a reminder (the day before, an hour before), or the no-show rule applied. */
export type PickupNotice = 'reminder_day' | 'reminder_hour' | 'offered_to_centre';

/** Runs inside the sweep's transaction for each notice (the customer's mail is queued there). */
export type PickupNoticeListener = (tx: Transaction, notice: { kind: PickupNotice; order: StaffOrderView }) => Promise<void>;

export function createOrdersService(deps: OrdersDeps) {
  const { db, clock, events, payments } = deps;
  const views = createOrderViews(payments, deps.pickupCodes.codeOf);
  const statusListeners: StatusChangeListener[] = [];
  const pickupListeners: PickupNoticeListener[] = [];
  const onStockChanged: StockListener = (c) => events.publish({ type: 'stock.changed', ...c });

  async function lockOrder(tx: Transaction, orderId: string): Promise<LockedOrder | undefined> {
    if (!isUuid(orderId)) return undefined;
    const r = await tx.query<LockedOrder>('SELECT id, user_id, centre_id, status, version FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    return r.rows[0];
  }

  async function releaseStock(tx: Transaction, orderId: string, actor: Actor): Promise<void> {
    const { rows } = await tx.query<{ product_id: string; quantity: number }>(
      // Same product order as the hold, so concurrent releases and holds never deadlock.
      'SELECT product_id, sum(quantity)::int AS quantity FROM order_items WHERE order_id = $1 GROUP BY product_id ORDER BY product_id',
      [orderId],
    );
    await changeStockMany(
      tx,
      rows.map((line) => ({ productId: line.product_id, delta: line.quantity, reason: 'order_release' as const, orderId, actorId: actor.userId })),
      onStockChanged,
    );
  }

  /**
   * Every status change goes through here (invariant 4): the order is locked, the move
   * checked against the state machine, its side effects done in the same transaction
   * (stock back and refund on cancellation), the history written, the event published
   * after commit. The order's view is read once, here, and serves the listeners (mail),
   * the event (realtime) and the caller's answer.
   */
  async function transitionLocked(
    tx: Transaction,
    order: LockedOrder,
    to: OrderStatus,
    actor: Actor,
    note?: string,
    customerMessage?: string,
    /** The sender's Idempotency-Key, kept with the history line (staff moves only). */
    requestKey?: string,
  ): Promise<StaffOrderView> {
    if (to === 'collected') {
      const { rows } = await tx.query<{ gift_only: boolean }>('SELECT bool_and(donate) AS gift_only FROM order_items WHERE order_id = $1', [order.id]);
      assertTransition(order.status, to, actor.kind, rows[0]?.gift_only ?? true);
    } else assertTransition(order.status, to, actor.kind);
    if (to === 'delivered') {
      // Orders placed before pickup codes existed get theirs on arrival at the centre.
      await tx.query(
        'UPDATE orders SET pickup_code_hash = $2 WHERE id = $1 AND pickup_code_hash IS NULL AND EXISTS (SELECT 1 FROM order_items WHERE order_id = $1 AND NOT donate)',
        [order.id, hashPickupCode(deps.pickupCodes.codeOf(order.id))],
      );
    }
    if (to === 'canceled') {
      if (order.status === 'pending_payment') await payments.abandon(tx, order.id);
      else await payments.refundOrder(tx, order.id);
      await releaseStock(tx, order.id, actor);
    }
    const now = clock.now();
    // A staff member who moves a new order has seen it: it is acknowledged too (if nobody had).
    const byStaff = actor.kind === 'staff' && actor.userId !== undefined;
    await tx.query(
      `UPDATE orders SET status = $2, version = version + 1, updated_at = $3,
              delivered_at = CASE WHEN $2 = 'delivered' THEN $3 ELSE delivered_at END,
              acknowledged_at = CASE WHEN acknowledged_at IS NULL AND $4::uuid IS NOT NULL THEN $3 ELSE acknowledged_at END,
              acknowledged_by = CASE WHEN acknowledged_at IS NULL AND $4::uuid IS NOT NULL THEN $4::uuid ELSE acknowledged_by END
        WHERE id = $1`,
      [order.id, to, now, byStaff ? actor.userId : null],
    );
    await tx.query(
      'INSERT INTO order_events (order_id, status, actor_id, actor_role, note, customer_message, at, request_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [order.id, to, actor.userId ?? null, actor.role, note ?? null, customerMessage ?? null, now, requestKey ?? null],
    );
    const [changed] = await views.load(tx, [order.id], { withCustomer: true });
    for (const listener of statusListeners) await listener(tx, { orderId: order.id, from: order.status, to, order: changed!, customerMessage });
    tx.afterCommit(() => events.publish({ type: 'order.changed', orderId: order.id, status: to, actorId: actor.userId, view: changed }));
    return changed!;
  }

  /** Staff move an order: locked, version checked, moved, audited, in one transaction. */
  function moveByStaff(
    staff: { id: string; role: string },
    orderId: string,
    to: OrderStatus,
    opts: { note?: string; customerMessage?: string; expectedVersion?: number; requestKey?: string },
    precheck?: (tx: Transaction, order: LockedOrder) => Promise<void>,
  ): Promise<StaffOrderView> {
    return db.transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (!order) throw notFound();
      // The same move sent again (its answer was lost): answered as the order now is, once
      // more, before the version check that would call it a conflict. Read under the order's
      // lock, so a resend racing the first waits for it and then finds its line.
      if (opts.requestKey !== undefined) {
        const { rows: sent } = await tx.query<{ status: string }>(
          'SELECT status FROM order_events WHERE order_id = $1 AND actor_id = $2 AND request_key = $3',
          [order.id, staff.id, opts.requestKey],
        );
        if (sent[0] && sent[0].status !== to) throw new AppError('idempotency_conflict');
        if (sent[0]) {
          const [now] = await views.load(tx, [order.id], { withCustomer: true });
          return now!;
        }
      }
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== order.version) {
        throw new AppError('conflict', {
          message: 'Cette commande vient d’être modifiée par quelqu’un d’autre. Rechargez-la avant d’agir.',
          details: { currentStatus: order.status, currentVersion: order.version },
        });
      }
      await precheck?.(tx, order);
      if (order.status === to) {
        throw new AppError('invalid_transition', { message: 'La commande a déjà ce statut.', details: { from: order.status, to } });
      }
      const moved = await transitionLocked(
        tx,
        order,
        to,
        { kind: 'staff', userId: staff.id, role: staff.role },
        opts.note,
        opts.customerMessage,
        opts.requestKey,
      );
      await recordAudit(tx, {
        actor: staff,
        action: 'order.status',
        entityType: 'order',
        entityId: order.id,
        before: { status: order.status, version: order.version },
        after: { status: to, note: opts.note ?? null, customerMessage: opts.customerMessage ?? null },
      });
      return moved;
    });
  }

  async function view(orderId: string): Promise<OrderView> {
    const [v] = await views.load(db, [orderId]);
    if (!v) throw notFound();
    return v;
  }

  const viewOf = (draft: PlacedOrder, checkout: { url: string | null; providerRef: string | null }): StaffOrderView =>
    newOrderView({
      ...draft,
      payment: {
        provider: payments.provider,
        status: 'pending',
        url: checkout.url,
        amountCents: draft.totalCents,
        refundedCents: 0,
        providerRef: checkout.providerRef,
      },
    });

  /** Where the customer pays for this order: payments are handed the order as it stands. */
  async function paymentUrl(orderId: string): Promise<string | null> {
    const [order] = await views.load(db, [orderId], { withCustomer: true });
    if (!order) return null;
    return payments.checkoutUrl({
      orderId: order.id,
      orderNumber: order.number,
      status: order.status,
      lines: checkoutLines(order.items),
      totalCents: order.totalCents,
      expiresAt: new Date(order.holdExpiresAt),
      customerEmail: order.customer.email || undefined,
    });
  }

  const requestHash = (input: PlaceOrderInput): string => createHash('sha256').update(JSON.stringify(input)).digest('hex');

  return {
    /** The order read model (payments' part read through the gateway), for every reader of orders. */
    views,

    /**
     * Places an order in one statement (place_order, migration 022: the rules live there, in
     * one transaction): the order's size → lock the account (one placement at a time) →
     * idempotency → centre → price (per-product caps) → total → the account's unpaid holdings →
     * pickup slot → write the order, its lines, its first history event, its pending payment →
     * empty the cart → hold the stock of every line or of none. Any refusal rolls everything
     * back. Then the payment URL is made (unless the provider made it without the network).
     * A slot asked for is first looked up among those the centre's hours offer (one read).
     */
    async placeOrder(
      customer: { id: string; name: string; email: string },
      input: PlaceOrderInput,
      idempotencyKey?: string,
    ): Promise<{ order: OrderView; payment: { url: string | null } }> {
      const userId = customer.id;
      const lines = mergeLines(input);
      const id = randomUUID();
      const now = clock.now();
      const holdExpiresAt = new Date(now.getTime() + deps.reservationMinutes * 60_000);
      const forCustomer = lines.some((l) => !l.donate);
      const slot = forCustomer && input.pickupSlotStart ? await slotChoice(db, input.centreId, input.pickupSlotStart, now, deps.pickup) : undefined;
      const payment = payments.newPayment(id);
      const placed = await placeOrderStatement(db, {
        orderId: id,
        userId,
        centreId: input.centreId,
        lines,
        donationOnly: input.donationOnly,
        now,
        holdExpiresAt,
        idempotencyKey,
        requestHash: requestHash(input),
        pickupCodeHash: forCustomer ? hashPickupCode(deps.pickupCodes.codeOf(id)) : null,
        payment,
        limits: deps.limits,
        slot,
      });

      // A replayed request answers with the order as it is now.
      if ('replayOf' in placed) {
        const url = await paymentUrl(placed.replayOf);
        return { order: await view(placed.replayOf), payment: { url } };
      }

      const draft: PlacedOrder = {
        id,
        number: placed.number,
        version: placed.version,
        donationOnly: input.donationOnly,
        centre: placed.centre,
        items: placed.items,
        totalCents: placed.totalCents,
        donationTotalCents: placed.donationTotalCents,
        createdAt: now,
        holdExpiresAt,
        pickupSlot: placed.pickupSlot && { start: new Date(placed.pickupSlot.start), end: new Date(placed.pickupSlot.end) },
        customer: { id: userId, name: customer.name, email: customer.email },
        paymentId: payment.id,
      };
      // Staff hear of the order first, from what was just written (no read-back), then the
      // stock moves go out to every shopper.
      events.publish({ type: 'order.placed', orderId: id, view: viewOf(draft, payment), stocks: placed.stocks });
      for (const s of placed.stocks) events.publish({ type: 'stock.changed', ...s, orderId: id });
      if (payment.url !== null) return { order: views.owner(viewOf(draft, payment)), payment: { url: payment.url } };

      let checkout: { url: string; providerRef: string };
      try {
        checkout = await payments.startCheckout({
          paymentId: draft.paymentId,
          orderId: draft.id,
          orderNumber: draft.number,
          lines: checkoutLines(draft.items),
          totalCents: draft.totalCents,
          expiresAt: draft.holdExpiresAt,
          customerEmail: customer.email || undefined,
        });
      } catch (err) {
        // The provider could not open a payment: give the stock back rather than hold it for nothing.
        deps.logger.error({ err, orderId: draft.id }, 'checkout creation failed; canceling the order');
        await db
          .transaction(async (tx) => {
            const order = await lockOrder(tx, draft.id);
            if (order?.status === 'pending_payment') await transitionLocked(tx, order, 'canceled', SYSTEM, SYSTEM_NOTES.paymentUnavailable.fr);
          })
          .catch((e) => deps.logger.error({ err: e, orderId: draft.id }, 'compensation failed'));
        throw new AppError('payment_provider_error');
      }
      return { order: views.owner(viewOf(draft, checkout)), payment: { url: checkout.url } };
    },

    /** Every order of this customer, newest first, as they see them (their data export). */
    async exportFor(userId: string): Promise<OrderView[]> {
      return views.load(db, await orderIdsOfCustomer(db, userId));
    },

    /** See eraseCustomerFromOrders: their notes rewritten, their order ids returned. */
    eraseFor: eraseCustomerFromOrders,

    async listForUser(userId: string): Promise<OrderView[]> {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC, number DESC LIMIT 200', [userId]);
      return views.load(
        db,
        rows.map((r) => r.id),
      );
    },

    /** The order if it is this customer's; 404 otherwise (someone else's order does not "exist"). */
    async getForUser(userId: string, orderId: string): Promise<OrderView> {
      if (!(await isOrderOf(db, orderId, userId))) throw notFound();
      return view(orderId);
    },

    async cancelByCustomer(userId: string, orderId: string): Promise<OrderView> {
      const canceled = await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (!order || order.user_id !== userId) throw notFound();
        return transitionLocked(tx, order, 'canceled', { kind: 'customer', userId, role: 'customer' }, SYSTEM_NOTES.canceledByCustomer.fr);
      });
      return views.owner(canceled);
    },

    /** The owner moves their pickup slot (before collection), under the same capacity rule as placing. */
    async moveSlot(userId: string, orderId: string, pickupSlotStart: string): Promise<OrderView> {
      const moved = await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (!order || order.user_id !== userId) throw notFound();
        if (order.status === 'canceled' || order.status === 'collected') {
          throw new AppError('invalid_transition', {
            message: order.status === 'collected' ? 'Cette commande est déjà retirée.' : 'Cette commande est annulée.',
            details: { from: order.status },
          });
        }
        const { rows } = await tx.query<{ gift_only: boolean }>('SELECT bool_and(donate) AS gift_only FROM order_items WHERE order_id = $1', [order.id]);
        const now = clock.now();
        const slot = rows[0]?.gift_only ? undefined : await claimSlot(tx, order.centre_id!, pickupSlotStart, now, deps.pickup, order.id);
        if (!slot) {
          throw new AppError('validation_failed', { details: [{ field: 'pickupSlotStart', message: 'Cette commande n’a pas de créneau de retrait.' }] });
        }
        // A new slot: its reminders are due again.
        await tx.query(
          `UPDATE orders SET pickup_slot_start = $2, pickup_slot_end = $3, reminded_day_at = NULL, reminded_hour_at = NULL,
                  version = version + 1, updated_at = $4 WHERE id = $1`,
          [order.id, slot.start, slot.end, now],
        );
        const [changed] = await views.load(tx, [order.id], { withCustomer: true });
        tx.afterCommit(() => events.publish({ type: 'order.changed', orderId: order.id, status: order.status, actorId: userId, view: changed }));
        return changed!;
      });
      return views.owner(moved);
    },

    /**
     * "Put it back in my cart": the lines of one's own canceled order (an expired hold is a
     * cancellation too) go back into the cart, as much as is still sold, cuts told in `adjusted`.
     */
    async reorder(userId: string, orderId: string): Promise<CartView> {
      if (!(await isOrderOf(db, orderId, userId))) throw notFound();
      // A hold that ran out a moment ago and the sweep has not reached yet: expired now, so its
      // stock is back on the shelves before the lines are put back.
      await db.transaction(async (tx) => {
        const locked = await lockOrder(tx, orderId);
        const { rows } = await tx.query<{ expired: boolean }>('SELECT hold_expires_at <= $2 AS expired FROM orders WHERE id = $1', [orderId, clock.now()]);
        if (locked?.status === 'pending_payment' && rows[0]?.expired) await transitionLocked(tx, locked, 'canceled', SYSTEM, 'Réservation expirée');
      });
      const order = await view(orderId);
      if (order.status !== 'canceled') {
        throw new AppError('invalid_transition', { message: 'Seule une commande annulée ou expirée peut être remise dans le panier.' });
      }
      const lines = order.items.map((i) => ({ productId: i.productId, quantity: i.quantity, donate: i.donate }));
      return addToCart(db, userId, lines, deps.limits);
    },

    /** Staff move an order; `expectedVersion` turns a colleague's concurrent move into a 409 conflict. */
    async changeStatusByStaff(
      staff: { id: string; role: string },
      orderId: string,
      to: OrderStatus,
      opts: { note?: string; customerMessage?: string; expectedVersion?: number; requestKey?: string } = {},
    ): Promise<StaffOrderView> {
      return moveByStaff(staff, orderId, to, opts);
    },

    /**
     * A pickup code shown at the centre (issue 19): the order it belongs to becomes collected.
     * 404 for a code no order has; 409 invalid_transition before delivered, or when it was
     * already collected (saying when and by whom).
     */
    async collectByCode(
      staff: { id: string; role: string },
      code: string,
      opts: { expectedVersion?: number; requestKey?: string } = {},
    ): Promise<StaffOrderView> {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM orders WHERE pickup_code_hash = $1', [hashPickupCode(code)]);
      if (!rows[0]) throw new AppError('not_found', { message: 'Code de retrait inconnu.' });
      return moveByStaff(staff, rows[0].id, 'collected', opts, async (tx, order) => {
        if (order.status === 'delivered') return;
        if (order.status === 'collected') {
          const [v] = await views.load(tx, [order.id], { withCustomer: true });
          const done = v?.history.findLast((e) => e.status === 'collected');
          const at = done ? new Date(done.at) : undefined;
          const when = at ? at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) : '?';
          throw new AppError('invalid_transition', {
            message: `Déjà remise le ${when} par ${done?.actorName ?? '?'}.`,
            details: { from: order.status, to: 'collected', collectedAt: done?.at ?? null, collectedBy: done?.actorName ?? null },
          });
        }
        throw new AppError('invalid_transition', {
          message: 'Cette commande n’est pas encore arrivée au centre : rien à remettre pour l’instant.',
          details: { from: order.status, to: 'collected' },
        });
      });
    },

    /**
     * A staff member acknowledges a new order, once for every staff screen: the first one
     * wins and is kept (acknowledging again answers the order as it is). Not a status change:
     * the version stays, so a colleague's pending move is not turned into a conflict.
     */
    async acknowledge(staff: { id: string; role: string }, orderId: string): Promise<StaffOrderView> {
      if (!isUuid(orderId)) throw notFound();
      return db.transaction(async (tx) => {
        const now = clock.now();
        const r = await tx.query<{ id: string }>(
          'UPDATE orders SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id',
          [orderId, now, staff.id],
        );
        const [acked] = await views.load(tx, [orderId], { withCustomer: true });
        if (!acked) throw notFound();
        if (r.rowCount === 1 && acked.acknowledgedAt && acked.acknowledgedBy) {
          const ack = { orderId, acknowledgedAt: acked.acknowledgedAt, acknowledgedBy: acked.acknowledgedBy };
          // Only the acknowledgement that took effect is journaled (a colleague's second one changes nothing).
          await recordAudit(tx, {
            actor: staff,
            action: 'order.ack',
            entityType: 'order',
            entityId: orderId,
            before: { acknowledgedAt: null, status: acked.status },
            after: { acknowledgedAt: acked.acknowledgedAt },
          });
          tx.afterCommit(() => events.publish({ type: 'order.acknowledged', ...ack }));
        }
        return acked;
      });
    },

    /**
     * Payment succeeded (called by payments, inside its transaction). Returns what the
     * order was before: 'canceled' tells the caller the money must go back.
     */
    async markPaid(tx: Transaction, orderId: string): Promise<OrderStatus | undefined> {
      const order = await lockOrder(tx, orderId);
      if (!order) return undefined;
      if (order.status === 'pending_payment') await transitionLocked(tx, order, 'paid', PAYMENT, SYSTEM_NOTES.paymentReceived.fr);
      return order.status;
    },

    /** The provider gave up on this order's payment (Checkout expired): cancel it, stock back. */
    async cancelUnpaid(tx: Transaction, orderId: string, note: string): Promise<boolean> {
      const order = await lockOrder(tx, orderId);
      if (order?.status !== 'pending_payment') return false;
      await transitionLocked(tx, order, 'canceled', PAYMENT, note);
      return true;
    },

    /** The money went back in full outside our console (Stripe dashboard): cancel, stock back. */
    async cancelAfterRefund(tx: Transaction, orderId: string): Promise<void> {
      const order = await lockOrder(tx, orderId);
      if (!order || order.status === 'canceled' || order.status === 'delivered') return;
      await transitionLocked(tx, order, 'canceled', PAYMENT, SYSTEM_NOTES.refundedAtProvider.fr);
    },

    /**
     * Cancels unpaid orders whose hold ran out and returns their stock. SKIP LOCKED lets
     * several nodes sweep at once without waiting on each other or canceling twice.
     */
    async expireHolds(batch = 100): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await db.transaction(async (tx) => {
          const { rows } = await tx.query<LockedOrder>(
            `SELECT id, user_id, status, version FROM orders
              WHERE status = 'pending_payment' AND hold_expires_at <= $1
              ORDER BY hold_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [clock.now(), batch],
          );
          for (const order of rows) await transitionLocked(tx, order, 'canceled', SYSTEM, SYSTEM_NOTES.reservationExpired.fr);
          return rows.length;
        });
        total += n;
        if (n < batch) return total;
      }
    },

    /**
     * Pickup reminders and no-shows (issue 19), run by the sweep on every node: a reminder the
     * day before the slot and one an hour before (each once: its sent-at column is set in the
     * same transaction), and an order still not collected UNCOLLECTED_DAYS after its slot's end
     * (at a centre without slots: after it became `delivered`) is offered to the centre (its
     * customer lines become gifts). Rows are taken FOR UPDATE
     * SKIP LOCKED, so several nodes share the work without doing anything twice.
     */
    async sweepPickups(batch = 100): Promise<{ reminders: number; offered: number }> {
      const now = clock.now();
      const HOUR = 3_600_000;
      const due: Array<{ kind: PickupNotice; column: string; where: string; params: unknown[] }> = [
        {
          kind: 'reminder_day',
          column: 'reminded_day_at',
          where: 'reminded_day_at IS NULL AND pickup_slot_start <= $2 AND pickup_slot_start > $3',
          params: [new Date(now.getTime() + 24 * HOUR), new Date(now.getTime() + HOUR)],
        },
        {
          kind: 'reminder_hour',
          column: 'reminded_hour_at',
          where: 'reminded_hour_at IS NULL AND pickup_slot_start <= $2 AND pickup_slot_start > $3',
          params: [new Date(now.getTime() + HOUR), now],
        },
      ];
      let reminders = 0;
      for (const d of due) {
        reminders += await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string }>(
            `SELECT id FROM orders
              WHERE status IN ('paid', 'in_preparation', 'in_delivery', 'delivered') AND pickup_slot_start IS NOT NULL AND ${d.where}
              ORDER BY pickup_slot_start LIMIT $1 FOR UPDATE SKIP LOCKED`,
            [batch, ...d.params],
          );
          for (const { id } of rows) {
            await tx.query(`UPDATE orders SET ${d.column} = $2 WHERE id = $1`, [id, now]);
            const note = d.kind === 'reminder_day' ? SYSTEM_NOTES.reminderDay.fr : SYSTEM_NOTES.reminderHour.fr;
            await tx.query(
              `INSERT INTO order_events (order_id, status, actor_id, actor_role, note, at) SELECT id, status, NULL, 'system', $2, $3 FROM orders WHERE id = $1`,
              [id, note, now],
            );
            const [order] = await views.load(tx, [id], { withCustomer: true });
            for (const listener of pickupListeners) await listener(tx, { kind: d.kind, order: order! });
          }
          return rows.length;
        });
      }
      let offered = 0;
      if (deps.pickup.uncollectedDays > 0) {
        const limit = new Date(now.getTime() - deps.pickup.uncollectedDays * 24 * HOUR);
        offered = await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string; status: OrderStatus }>(
            `SELECT id, status FROM orders o
              WHERE status = 'delivered' AND offered_to_centre_at IS NULL
                AND (pickup_slot_end <= $2 OR (pickup_slot_end IS NULL AND delivered_at <= $2))
                AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND NOT i.donate)
              ORDER BY pickup_slot_end NULLS LAST, number LIMIT $1 FOR UPDATE SKIP LOCKED`,
            [batch, limit],
          );
          for (const { id, status } of rows) {
            await tx.query('UPDATE order_items SET donate = true WHERE order_id = $1 AND NOT donate', [id]);
            await tx.query(
              'UPDATE orders SET donation_total_cents = total_cents, offered_to_centre_at = $2, version = version + 1, updated_at = $2 WHERE id = $1',
              [id, now],
            );
            await tx.query(`INSERT INTO order_events (order_id, status, actor_id, actor_role, note, at) VALUES ($1, $2, NULL, 'system', $3, $4)`, [
              id,
              status,
              SYSTEM_NOTES.offeredToCentre.fr,
              now,
            ]);
            const [order] = await views.load(tx, [id], { withCustomer: true });
            for (const listener of pickupListeners) await listener(tx, { kind: 'offered_to_centre', order: order! });
            tx.afterCommit(() => events.publish({ type: 'order.changed', orderId: id, status, view: order }));
          }
          return rows.length;
        });
      }
      return { reminders, offered };
    },

    /** Adds a listener run inside the pickup sweep's transaction for each reminder or no-show. */
    onPickupNotice(listener: PickupNoticeListener): void {
      pickupListeners.push(listener);
    },

    /** Adds a listener run inside every status change's transaction (see StatusChangeListener). */
    onStatusChange(listener: StatusChangeListener): void {
      statusListeners.push(listener);
    },

    /** Where the customer pays for a pending order (a fresh attempt after a failed one). */
    paymentUrl,

    view,
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;

import type { Queryable, Transaction } from '../../db/index.ts';
import type { Logger } from '../../shared/logger.ts';
import { findUserById } from '../auth/index.ts';
import type { OrdersService, StatusChangeListener } from '../orders/index.ts';
import type { MailMessage } from './mailer.ts';
import type { MailQueue } from './queue.ts';
import { orderPaidMail, orderStatusMail, pickupNoticeMail, type Recipient } from './messages.ts';

/** The statuses a customer is told about by mail (in preparation is staff business). */
const MAILED = new Set(['paid', 'in_delivery', 'delivered', 'canceled']);

/**
 * Mails the customer when their order is paid, on its way, delivered or canceled (with the
 * refund, if any). It runs inside the transaction that changes the status and writes the
 * message to the durable queue (queue.ts) there: the mail exists if and only if the change
 * committed, whatever happens to the process next, and a mail server that is down delays it
 * without losing it. A savepoint contains any failure here: the order's change never fails
 * because of its mail (that is logged instead).
 */
export function createOrderMails(deps: {
  /** Who to write to, in which language. */
  recipient(db: Queryable, userId: string): Promise<Recipient | undefined>;
  /** Queues the message in the transaction. */
  queue(message: MailMessage, tx: Transaction): Promise<void>;
  publicUrl(): string;
  logger: Logger;
}): StatusChangeListener {
  return async function mailStatusChange(tx, change) {
    if (!MAILED.has(change.to)) return;
    await tx.exec('SAVEPOINT order_mail');
    try {
      const order = change.order;
      // The owner's id is null once the account is deleted: nobody to write to.
      const to = order.customer.id ? await deps.recipient(tx, order.customer.id) : undefined;
      if (to) {
        const url = `${deps.publicUrl()}/orders/${order.id}`;
        const status = change.to as 'paid' | 'in_delivery' | 'delivered' | 'canceled';
        // The customer's message only: the change's internal note never reaches a mail.
        await deps.queue(status === 'paid' ? orderPaidMail(to, order, url) : orderStatusMail(to, order, status, url, change.customerMessage), tx);
      }
      await tx.exec('RELEASE SAVEPOINT order_mail');
    } catch (err) {
      await tx.exec('ROLLBACK TO SAVEPOINT order_mail');
      deps.logger.error({ err, orderId: change.orderId, status: change.to }, 'order mail not queued');
    }
  };
}

/**
 * Subscribes the customers' order mails to every status change (the composition root calls
 * this once): the owner's account, if it still exists and is enabled, gets the mail in their
 * language, queued in the change's own transaction.
 */
export function mailOrderStatusChanges(deps: {
  orders: Pick<OrdersService, 'onStatusChange' | 'onPickupNotice'>;
  queue: Pick<MailQueue, 'enqueue'>;
  publicUrl(): string;
  logger: Logger;
}): void {
  const recipient = async (q: Queryable, userId: string): Promise<Recipient | undefined> => {
    const u = await findUserById(q, userId);
    return u && !u.disabled_at ? { name: u.name, email: u.email, locale: u.locale } : undefined;
  };
  // Pickup reminders and no-shows: queued in the sweep's transaction, inside a savepoint.
  deps.orders.onPickupNotice(async (tx, { kind, order }) => {
    await tx.exec('SAVEPOINT pickup_mail');
    try {
      const to = order.customer.id ? await recipient(tx, order.customer.id) : undefined;
      if (to) await deps.queue.enqueue(pickupNoticeMail(to, order, kind, `${deps.publicUrl()}/orders/${order.id}`), tx);
      await tx.exec('RELEASE SAVEPOINT pickup_mail');
    } catch (err) {
      await tx.exec('ROLLBACK TO SAVEPOINT pickup_mail');
      deps.logger.error({ err, orderId: order.id, kind }, 'pickup mail not queued');
    }
  });
  deps.orders.onStatusChange(
    createOrderMails({
      recipient,
      queue: (message, tx) => deps.queue.enqueue(message, tx),
      publicUrl: deps.publicUrl,
      logger: deps.logger,
    }),
  );
}

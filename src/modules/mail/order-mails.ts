import type { DomainEvent } from '../../shared/events.ts';
import type { OrderView } from '../orders/index.ts';
import type { MailMessage } from './mailer.ts';
import { orderPaidMail, orderStatusMail, type Recipient } from './messages.ts';

/** The statuses a customer is told about by mail (in preparation is staff business). */
const MAILED = new Set(['paid', 'in_delivery', 'delivered', 'canceled']);

/**
 * Listens to committed domain events and mails the customer when their order is paid,
 * on its way, delivered or canceled (with the refund, if any). It runs after the order's
 * transaction has committed and only writes the message to the durable queue (queue.ts),
 * so mail never slows down or fails an order, and a mail server that is down delays the
 * mail without losing it. (The order's transaction does not write the mail itself: a
 * process that dies in the moment between that commit and this write loses the mail.)
 */
export function createOrderMails(deps: {
  /** The order as it is now, with its owner's id (null once the account is deleted). */
  loadOrder(orderId: string): Promise<(OrderView & { customer: { id: string | null } }) | undefined>;
  /** Who to write to, in which language. */
  recipient(userId: string): Promise<Recipient | undefined>;
  /** Queues the message (resolves once it is stored). */
  send(message: MailMessage): Promise<void>;
  publicUrl(): string;
}) {
  return async function handle(event: DomainEvent): Promise<void> {
    if (event.type !== 'order.changed' || !MAILED.has(event.status)) return;
    const order = await deps.loadOrder(event.orderId);
    if (!order?.customer.id) return;
    const to = await deps.recipient(order.customer.id);
    if (!to) return;
    const url = `${deps.publicUrl()}/orders/${order.id}`;
    const status = event.status as 'paid' | 'in_delivery' | 'delivered' | 'canceled';
    await deps.send(status === 'paid' ? orderPaidMail(to, order, url) : orderStatusMail(to, order, status, url));
  };
}

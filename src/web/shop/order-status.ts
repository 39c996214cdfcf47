/** An order's status in plain words, its badge, and the dates the shop shows. */

import type { Order, OrderEvent, OrderStatus } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { getLocale, t, type MessageKey } from '../shared/i18n.ts';

export const STATUS_STEPS: readonly OrderStatus[] = ['pending_payment', 'paid', 'in_preparation', 'in_delivery', 'delivered'];

const LABELS: Record<OrderStatus, MessageKey> = {
  pending_payment: 'status.pending_payment',
  paid: 'status.paid',
  in_preparation: 'status.in_preparation',
  in_delivery: 'status.in_delivery',
  delivered: 'status.delivered',
  collected: 'status.collected',
  canceled: 'status.canceled',
};

export function statusLabel(status: OrderStatus): string {
  const key = LABELS[status] as MessageKey | undefined;
  return key ? t(key) : status;
}

/**
 * A history entry's note as the reader reads it: a system note (its `noteCode`) in the page's
 * language — live events carry French words, the code says which note it is —, else the
 * words as written.
 */
export function historyNote(e: OrderEvent): string | null {
  return e.noteCode ? t(`history.note.${e.noteCode}` as MessageKey) : e.note;
}

export function statusBadge(status: OrderStatus): HTMLElement {
  return h('span', { class: `status-badge status-badge--${status}`, 'data-status': status }, statusLabel(status));
}

/** The customer may cancel while nothing is prepared (API.md). */
export const canCancel = (order: Order): boolean => order.status === 'pending_payment' || order.status === 'paid';

/** Processed orders have a proof to download. */
export const isProcessed = (order: Order): boolean => order.status === 'in_preparation' || order.status === 'in_delivery' || order.status === 'delivered';

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A <time> element: machine-readable date, human text. */
export function timeEl(iso: string, text: string): HTMLElement {
  return h('time', { datetime: iso }, text);
}

/** A sentence with a <time> inside: t('order.heldUntil', {time}) with the time as an element. */
export function withTime(key: MessageKey, iso: string, text = formatTime(iso)): Array<Node | string> {
  const [before = '', after = ''] = t(key, { time: '\u0000' }).split('\u0000');
  return [before, timeEl(iso, text), after];
}

/** Keeps the newer of two views of one order (socket events and fetches may cross). */
export function newer(a: Order | undefined, b: Order): Order {
  // Same version: same status; the later answer may know more about the payment.
  return !a || b.version >= a.version ? b : a;
}

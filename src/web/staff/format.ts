/** Labels and dates of the staff console, in the current language. */

import { h } from '../shared/dom.ts';
import { getLocale } from '../shared/i18n.ts';
import { m, type StaffKey } from './messages.ts';
import type { Payment, PaymentStatus } from '../../contract/index.ts';

// The status in words and as a badge, who made a change: the same in the admin panel.
export { actorText, statusBadge, statusLabel } from '../shared/console-ui.ts';

export function paymentStatusLabel(p: Pick<Payment, 'status' | 'refundedCents'>): string {
  if (p.status === 'succeeded' && p.refundedCents > 0) return m('payment.partlyRefunded');
  return m(`payment.${p.status}` as StaffKey);
}

export function paymentBadge(p: Pick<Payment, 'status' | 'refundedCents'>): HTMLElement {
  const kind: PaymentStatus | 'partly' = p.status === 'succeeded' && p.refundedCents > 0 ? 'partly' : p.status;
  return h('span', { class: `badge badge--pay-${kind}` }, paymentStatusLabel(p));
}

export function providerLabel(provider: string): string {
  return provider === 'demo' || provider === 'stripe' ? m(`provider.${provider}`) : provider;
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "14:32" */
export function formatTime(iso: string | Date): string {
  return new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "14/03/2026 14:32" */
export function formatDateTime(iso: string | Date): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** "aujourd’hui à 14:32", "hier à 09:10", else the date and time. */
export function formatWhen(iso: string | Date, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return m('time.today', { time: formatTime(d) });
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return m('time.yesterday', { time: formatTime(d) });
  return formatDateTime(d);
}

/** Compact, for tables: "15:59" today, "hier 15:59", else "12/03 15:59". */
export function formatShort(iso: string | Date, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return formatTime(d);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return m('time.yesterdayShort', { time: formatTime(d) });
  const day = new Intl.DateTimeFormat(getLocale(), {
    day: '2-digit',
    month: '2-digit',
    ...(d.getFullYear() === now.getFullYear() ? {} : { year: '2-digit' }),
  }).format(d);
  return `${day} ${formatTime(d)}`;
}

/** A <time> element with a machine-readable date and a human one. */
export function timeEl(iso: string, text = formatWhen(iso)): HTMLElement {
  return h('time', { datetime: iso, title: formatDateTime(iso) }, text);
}

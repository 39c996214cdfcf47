/**
 * Pieces the staff console and the admin panel both draw: the brand and the language
 * switch of their headers, tables (a caption for screen readers, column headings, rows),
 * the table of an order's lines, an order's status in words and as a badge, who made a
 * change. The shop does not load this module.
 */

import { consoleEn, consoleFr } from './console-messages.ts';
import { h, heartIcon, type Child } from './dom.ts';
import { formatPrice } from './format.ts';
import { createMessages, getLang, setLang, t } from './i18n.ts';

const m = createMessages(consoleFr, consoleEn).t;

/** The heart, the name, and which console this is under it. */
export function consoleBrand(href: string, tagline: string): HTMLElement {
  return h(
    'a',
    { href, class: 'brand' },
    heartIcon('brand__heart'),
    h('span', { class: 'brand__text' }, h('span', { class: 'brand__name' }, t('app.name')), h('span', { class: 'brand__tagline' }, tagline)),
  );
}

/** "English" / "Français": the header is then redrawn in the new language, the focus stays on the switch. */
export function langButton(): HTMLButtonElement {
  const b = h(
    'button',
    { type: 'button', class: 'btn btn--ghost btn--small lang-switch', lang: t('lang.switchCode'), 'data-lang-switch': '' },
    t('lang.switch'),
  );
  b.addEventListener('click', () => {
    setLang(getLang() === 'fr' ? 'en' : 'fr');
    document.querySelector<HTMLButtonElement>('[data-lang-switch]')?.focus();
  });
  return b;
}

export interface TableOptions {
  class: string;
  /** The caption: for screen readers only unless `captionClass` says otherwise. */
  caption?: string;
  captionClass?: string;
  /** Named by a heading outside the table instead of a caption. */
  labelledBy?: string;
  /** The column headings, with a class (num, col-hide-md…) where one is needed; null leaves a column out. */
  columns: ReadonlyArray<readonly [Child, string?] | null>;
  rows: Child;
  /** The rows of a <tfoot>, if any. */
  foot?: Child;
}

export function dataTable(o: TableOptions): HTMLTableElement {
  return h(
    'table',
    { class: o.class, 'aria-labelledby': o.labelledBy },
    o.caption === undefined ? null : h('caption', { class: o.captionClass ?? 'sr-only' }, o.caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        o.columns.map((c) => c && h('th', { scope: 'col', class: c[1] }, c[0])),
      ),
    ),
    h('tbody', null, o.rows),
    o.foot ? h('tfoot', null, o.foot) : null,
  );
}

interface Line {
  name: string;
  unit?: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

/**
 * An order's lines (product, quantity, unit price, line total) and their subtotal. Each
 * console draws the product cell and the quantity its own way.
 */
export function orderLinesTable(
  lines: readonly Line[],
  opts: Omit<TableOptions, 'columns' | 'rows' | 'foot'> & { productCell(line: Line): HTMLElement; quantity(n: number): string },
): HTMLTableElement {
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotalCents, 0);
  return dataTable({
    ...opts,
    columns: [[m('order.col.product')], [m('order.col.quantity'), 'num'], [m('order.col.unitPrice'), 'num'], [m('order.col.lineTotal'), 'num']],
    rows: lines.map((l) =>
      h(
        'tr',
        null,
        opts.productCell(l),
        h('td', { class: 'num' }, opts.quantity(l.quantity)),
        h('td', { class: 'num' }, formatPrice(l.unitPriceCents)),
        h('td', { class: 'num' }, formatPrice(l.lineTotalCents)),
      ),
    ),
    foot: h('tr', null, h('th', { scope: 'row', colspan: 3 }, m('order.subtotal')), h('td', { class: 'num' }, formatPrice(subtotal))),
  });
}

export const statusLabel = (status: string): string => m(`status.${status}` as keyof typeof consoleFr);

/** A coloured pill with the status in words (colour is never the only cue). */
export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge--${status}` }, statusLabel(status));
}

/** Who made a history entry, in words: "Karim Benali (équipe)", "le prestataire de paiement". */
export function actorText(entry: { actorRole: string; actorName?: string | null }): string {
  const name = entry.actorName ?? undefined;
  switch (entry.actorRole) {
    case 'customer':
      return name ? m('order.actor.customerNamed', { name }) : m('order.actor.customer');
    case 'staff':
      return name ? m('order.actor.staffNamed', { name }) : m('order.actor.staff');
    case 'admin':
      return name ? m('order.actor.adminNamed', { name }) : m('order.actor.admin');
    case 'payment':
      return m('order.actor.payment');
    case 'system':
      return m('order.actor.system');
    default:
      return name ?? entry.actorRole;
  }
}

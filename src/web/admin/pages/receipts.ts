/**
 * Tax receipts (/admin/receipts, issue 20): a Paris year's receipts in number order, with
 * the donor and the order, void ones marked, the year's total, and the CSV export for the
 * association's accounts.
 */

import type { AdminReceipts } from '../../../contract/index.ts';
import { api } from '../../shared/api.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { errorState, spinner } from '../../shared/ui.ts';
import { badge, formatDateTime, handledAuthError, hrefWith, pageHead, tableRegion } from '../kit.ts';
import { m } from '../messages.ts';
import { navigate, setTitle, type PageContext } from '../router.ts';

export async function receiptsPage(ctx: PageContext): Promise<void> {
  setTitle(m('receipts.title'), m('doc.title'));
  mount(ctx.main, spinner(m('receipts.loading')));
  const asked = Number(ctx.query.get('year'));
  const thisYear = new Date().getFullYear();
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2999 ? asked : thisYear;
  let list: AdminReceipts;
  try {
    list = await api.get<AdminReceipts>(`/api/admin/receipts?year=${year}`, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted || handledAuthError(err)) return;
    mount(ctx.main, pageHead(m('receipts.title')), errorState({ title: m('load.failed'), error: err, onRetry: () => void receiptsPage(ctx) }));
    return;
  }
  if (ctx.signal.aborted) return;

  const selectId = uid('receipts-year');
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(year)) years.push(year);
  const select = h(
    'select',
    { id: selectId, class: 'input select input--short' },
    years.map((y) => h('option', { value: String(y), selected: y === year }, String(y))),
  );
  select.addEventListener('change', () => navigate(hrefWith('/admin/receipts', { year: select.value })));

  const table = h(
    'table',
    { class: 'table' },
    h('caption', { class: 'visually-hidden' }, m('receipts.caption', { year })),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['receipts.number', 'receipts.date', 'receipts.order', 'receipts.donor', 'receipts.amount', 'receipts.state'].map((k) =>
          h('th', { scope: 'col' }, m(k as Parameters<typeof m>[0])),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      list.items.map((r) =>
        h(
          'tr',
          { 'data-receipt': r.number },
          h('th', { scope: 'row' }, r.number),
          h('td', null, formatDateTime(r.issuedAt)),
          h('td', null, h('a', { href: `/admin/orders/${r.orderId}` }, r.orderNumber)),
          h(
            'td',
            null,
            r.donor ? `${r.donor.name} (${r.donor.email})` : m('receipts.erased'),
            r.donor?.address ? h('div', { class: 'muted' }, r.donor.address) : null,
          ),
          h('td', { class: 'num' }, formatPrice(r.amountCents)),
          h('td', null, r.void ? badge(m('receipts.void', { at: formatDateTime(r.voidedAt ?? r.issuedAt) }), 'off') : badge(m('receipts.valid'), 'ok')),
        ),
      ),
    ),
  );

  mount(
    ctx.main,
    pageHead(m('receipts.title'), {
      intro: m('receipts.intro'),
      actions: h('a', { class: 'btn btn--secondary', href: `/api/admin/receipts?year=${year}&format=csv`, download: '' }, m('receipts.csv')),
    }),
    h(
      'section',
      { class: 'panel' },
      h('p', null, h('label', { for: selectId }, m('receipts.year')), ' ', select),
      h('p', { 'data-receipts-total': String(list.totalCents) }, m('receipts.totals', { count: list.count, amount: formatPrice(list.totalCents) })),
      list.items.length ? tableRegion(m('receipts.caption', { year }), table) : h('p', null, m('receipts.empty')),
    ),
  );
}

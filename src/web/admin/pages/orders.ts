/** Orders: the list with status filter and counts, search, and the CSV export of what is shown. */

import { api } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { anyFilter, filterControls, readFilters } from '../../shared/list-filters.ts';
import { emptyState } from '../../shared/ui.ts';
import { formatShortDateTime, hrefWith, loadInto, pageHead, pageNumber, pager, statusBadge, statusLabel, tableRegion, textField, timeEl } from '../kit.ts';
import { m, mn } from '../messages.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import { ORDER_STATUSES } from '../../../contract/enums.ts';
import type { OrderPage, OrderStatus, StaffOrder } from '../../../contract/index.ts';

const PAGE_SIZE = 25;

/** The orders table, shared with a user's page. */
export function ordersTable(orders: StaffOrder[], caption: string, opts: { customer?: boolean } = {}): HTMLElement {
  const withCustomer = opts.customer ?? true;
  const table = dataTable({
    class: 'table',
    caption,
    columns: [
      [m('orders.col.number')],
      [m('orders.col.date')],
      withCustomer ? [m('orders.col.customer')] : null,
      [m('orders.col.centre'), 'col-hide-md'],
      [m('orders.col.total'), 'num'],
      [m('orders.col.status')],
    ],
    rows: orders.map((o) =>
      h(
        'tr',
        null,
        h('td', { class: 'nowrap' }, h('a', { class: 'row-link', href: `/admin/orders/${o.id}` }, o.number)),
        h('td', { class: 'nowrap' }, timeEl(o.createdAt, formatShortDateTime(o.createdAt))),
        withCustomer ? h('td', null, o.customer.name, h('span', { class: 'cell-sub' }, o.customer.email)) : null,
        h('td', { class: 'col-hide-md' }, o.centre.name, h('span', { class: 'cell-sub' }, o.centre.city)),
        h(
          'td',
          { class: 'num' },
          formatPrice(o.totalCents),
          o.donationOnly
            ? h('span', { class: 'cell-sub' }, m('orders.allGift'))
            : o.donationTotalCents > 0
              ? h('span', { class: 'cell-sub' }, m('orders.gift', { amount: formatPrice(o.donationTotalCents) }))
              : null,
        ),
        h('td', null, statusBadge(o.status)),
      ),
    ),
  });
  return tableRegion(caption, table);
}

export async function ordersPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('orders.title'), m('doc.title'));
  const q = textField({ name: 'q', label: m('orders.search'), hint: m('orders.searchHint') });
  q.input.type = 'search';
  const statusNav = h('nav', { class: 'status-tabs', 'aria-label': m('orders.statusFilter') });
  // Centre, days and gifts: kept in the address with the status and the search.
  const filters = filterControls('orders');
  let chosen: Record<string, string> = {};
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': m('orders.filtersLabel'), action: '/admin/orders', method: 'get' },
    h('div', { class: 'filters__item filters__item--grow' }, q.element),
    filters.element,
    h('div', { class: 'filters__buttons actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, m('filters.search'))),
  );
  const csv = h('a', { class: 'btn btn--secondary', download: '' }, m('orders.csvAll'));
  const linesCsv = h('a', { class: 'btn btn--secondary', download: '' }, m('orders.csvLines'));
  const xlsx = h('a', { class: 'btn btn--secondary', download: '' }, m('orders.xlsx'));
  const count = h('p', { class: 'result-count', role: 'status' });
  const results = h('div', { class: 'results' });
  mount(
    ctx.main,
    pageHead(m('orders.title'), {
      intro: [m('orders.intro'), ' ', h('a', { href: '/staff' }, m('orders.toStaff'))],
      actions: [csv, linesCsv, xlsx],
    }),
    statusNav,
    form,
    count,
    results,
  );

  let current = ctx;
  let status = '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(hrefWith('/admin/orders', { status, q: q.input.value.trim(), ...filters.values() }));
  });

  function renderTabs(counts: Record<OrderStatus, number> | undefined, query: string): void {
    const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
    const tab = (value: string, label: string, n: number | undefined) =>
      h(
        'li',
        null,
        h(
          'a',
          {
            class: 'status-tab',
            href: hrefWith('/admin/orders', { status: value, q: query, ...chosen }),
            'aria-current': value === status ? 'page' : undefined,
          },
          h('span', null, label),
          n === undefined
            ? null
            : h('span', { class: 'status-tab__count' }, h('span', { class: 'sr-only' }, ' ('), String(n), h('span', { class: 'sr-only' }, ')')),
        ),
      );
    const hadFocus = statusNav.contains(document.activeElement);
    mount(
      statusNav,
      h(
        'ul',
        { class: 'status-tabs__list' },
        tab('', m('orders.all'), all),
        ORDER_STATUSES.map((s) => tab(s, statusLabel(s), counts?.[s])),
      ),
    );
    if (hadFocus) statusNav.querySelector<HTMLElement>('[aria-current="page"]')?.focus();
  }

  async function load(c: PageContext): Promise<void> {
    current = c;
    const query = c.query;
    status = ORDER_STATUSES.includes(query.get('status') as OrderStatus) ? (query.get('status') as string) : '';
    const text = query.get('q') ?? '';
    q.input.value = text;
    const page = pageNumber(query);
    chosen = readFilters(query, 'orders');
    filters.set(chosen);
    const listQuery = { status, q: text, ...chosen };
    csv.setAttribute('href', hrefWith('/api/admin/orders', { ...listQuery, format: 'csv' }));
    csv.textContent = status || text || anyFilter(chosen) ? m('orders.csvFiltered') : m('orders.csvAll');
    linesCsv.setAttribute('href', hrefWith('/api/admin/orders', { ...listQuery, format: 'csv', lines: 'true' }));
    xlsx.setAttribute('href', hrefWith('/api/admin/orders', { ...listQuery, format: 'xlsx' }));
    count.textContent = '';
    renderTabs(undefined, text);
    const data = await loadInto(results, {
      signal: c.signal,
      loading: m('orders.loading'),
      fetch: () => api.get<OrderPage>(hrefWith('/api/admin/orders', { ...listQuery, page, pageSize: PAGE_SIZE }), { signal: c.signal }),
      onRetry: () => void load(current),
    });
    if (!data) return;
    renderTabs(data.counts, text);
    const filter = status ? statusLabel(status) : m('orders.all');
    const sentence = text ? mn('orders.countQuery', data.total, { q: text, filter }) : mn('orders.count', data.total, { filter });
    count.textContent = sentence;
    if (data.items.length === 0) {
      results.replaceChildren(
        emptyState({
          title: text ? m('orders.emptyQuery', { q: text }) : m('orders.empty'),
          action: status || text || anyFilter(chosen) ? h('a', { class: 'btn btn--secondary', href: '/admin/orders' }, m('orders.showAll')) : undefined,
        }),
      );
      return;
    }
    results.replaceChildren(
      ordersTable(data.items, sentence),
      pager({ page, pageSize: PAGE_SIZE, total: data.total, href: (n) => hrefWith('/admin/orders', { ...listQuery, page: n }) }) ?? '',
    );
  }

  await load(ctx);
  return { update: (c) => load(c) };
}

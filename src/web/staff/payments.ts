/**
 * Payments (/staff/payments): every payment with its order, provider reference, amount,
 * refunded amount and state, newest first; the totals of today and of this week. A new
 * payment is added at once and highlighted, then the page and the totals are refetched.
 */

import { api, withQuery } from '../shared/api.ts';
import { dataTable } from '../shared/console-ui.ts';
import { exportLinks, filterControls, readFilters } from '../shared/list-filters.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { formatPrice } from '../shared/format.ts';
import { announce, errorState, spinner } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { formatShort, paymentBadge, providerLabel, timeEl } from './format.ts';
import { m, mn } from './messages.ts';
import type { View, ViewContext } from './router.ts';
import type { Payment, PaymentPage, PaymentTotals } from '../../contract/index.ts';
import { listLoader, showPager, showTable } from './widgets.ts';

const PAGE_SIZE = 25;

const pageOf = (url: URL) => Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
/** The filters in the address: the customer's name (q), centre, days, provider, state. */
const filtersOf = (url: URL): Record<string, string> => {
  const q = (url.searchParams.get('q') ?? '').trim();
  return { ...readFilters(url.searchParams, 'payments'), ...(q ? { q } : {}) };
};
const sameFilters = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

export function paymentsView(ctx: ViewContext, app: ConsoleApp): View {
  const { live } = app;
  let page = pageOf(ctx.url);
  let filters = filtersOf(ctx.url);
  const paymentsHref = (n: number) => withQuery('/staff/payments', { ...filters, page: n > 1 ? n : undefined });

  const controls = filterControls('payments');
  const searchId = uid('pay-q');
  const search = h('input', { id: searchId, class: 'input input--search', type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false' });
  const searchLabel = h('label', { class: 'search__label', for: searchId });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' });
  const clear = h('a', { class: 'board__clear', href: '/staff/payments' });
  const form = h(
    'form',
    { class: 'search board__search payments__filters', role: 'search', action: '/staff/payments', method: 'get' },
    searchLabel,
    search,
    controls.element,
    h('p', { class: 'actions' }, submit, clear),
  );
  const exportSlot = h('div');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = search.value.trim();
    app.navigate(withQuery('/staff/payments', { ...controls.values(), q: q || undefined }));
  });
  const showFilters = () => {
    controls.set(filters);
    search.value = filters.q ?? '';
    mount(exportSlot, exportLinks('/api/staff/payments', filters, 'payments'));
  };

  const heading = h('h1', { class: 'page-title', tabindex: '-1' });
  const intro = h('p', { class: 'page-intro' });
  const totals = h('div', { class: 'totals-cards' });
  const countLine = h('p', { class: 'board__count' });
  const results = h('div', { class: 'payments__results' });
  const pagerSlot = h('div', { class: 'board__pager' });
  mount(
    ctx.main,
    h(
      'div',
      { class: 'container payments' },
      h('div', { class: 'page-head' }, h('div', { class: 'page-head__text' }, heading, intro)),
      totals,
      form,
      exportSlot,
      countLine,
      results,
      pagerSlot,
    ),
  );

  function totalsCard(title: string, tot: PaymentTotals): HTMLElement {
    const id = uid('totals');
    return h(
      'section',
      { class: 'card totals-card', 'aria-labelledby': id },
      h('h2', { class: 'totals-card__title', id }, title),
      h(
        'p',
        { class: 'totals-card__amount' },
        h('span', { class: 'totals-card__net' }, `${m('payments.net')} `),
        formatPrice(tot.amountCents - tot.refundedCents),
      ),
      h('p', { class: 'totals-card__count' }, mn('payments.totalsCount', tot.count)),
      h(
        'dl',
        { class: 'totals-card__facts' },
        h('div', null, h('dt', null, m('payments.received')), h('dd', null, formatPrice(tot.amountCents))),
        h('div', null, h('dt', null, m('payments.refunded')), h('dd', null, formatPrice(tot.refundedCents))),
      ),
    );
  }

  function row(p: Payment): HTMLElement {
    const fresh = live.isFreshPayment(p.id);
    return h(
      'tr',
      { class: `payment-row${fresh ? ' is-fresh' : ''}` },
      h(
        'th',
        { scope: 'row' },
        h('a', { class: 'order-link', href: `/staff/orders/${encodeURIComponent(p.orderId)}`, 'data-focus-key': p.id }, p.orderNumber),
        fresh ? h('span', { class: 'badge badge--new' }, m('payments.new')) : null,
      ),
      h(
        'td',
        { class: 'payment-row__ref' },
        h('span', { class: 'cell-main' }, providerLabel(p.provider)),
        p.providerRef ? h('code', { class: 'ref', title: p.providerRef }, p.providerRef) : null,
        p.paymentIntent && p.paymentIntent !== p.providerRef ? h('code', { class: 'ref cell-sub', title: p.paymentIntent }, p.paymentIntent) : null,
      ),
      h('td', { class: 'num' }, formatPrice(p.amountCents)),
      h('td', { class: 'num' }, p.refundedCents > 0 ? formatPrice(p.refundedCents) : '—'),
      h('td', null, paymentBadge(p)),
      h('td', { class: 'payment-row__date' }, timeEl(p.createdAt, formatShort(p.createdAt))),
    );
  }

  function render(): void {
    ctx.setTitle(m('payments.title'));
    heading.textContent = m('payments.title');
    intro.textContent = m('payments.intro');
    searchLabel.textContent = m('payments.searchLabel');
    search.placeholder = m('payments.searchPlaceholder');
    submit.textContent = m('payments.filter');
    clear.textContent = m('payments.clear');
    clear.hidden = Object.keys(filters).length === 0;
    mount(totals, list.data ? [totalsCard(m('payments.today'), list.data.totals.today), totalsCard(m('payments.week'), list.data.totals.week)] : null);
    countLine.textContent = list.data ? mn('payments.count', list.data.total) : '';
    if (!list.data) {
      mount(
        results,
        list.failure !== undefined
          ? errorState({ title: m('payments.error'), error: list.failure, onRetry: () => void list.load() })
          : spinner(m('payments.loading')),
      );
      mount(pagerSlot);
      return;
    }
    if (list.data.items.length === 0) {
      mount(results, h('div', { class: 'state state--empty' }, h('p', { class: 'state__title' }, m('payments.empty'))));
    } else {
      showTable(
        results,
        dataTable({
          class: 'table payments-table',
          caption: m('payments.caption'),
          columns: [
            [m('payments.col.order')],
            [m('payments.col.providerRef')],
            [m('payments.col.amount'), 'num'],
            [m('payments.col.refunded'), 'num'],
            [m('payments.col.status')],
            [m('payments.col.date')],
          ],
          rows: list.data.items.map(row),
        }),
      );
    }
    showPager(pagerSlot, { page, total: list.data.total, pageSize: list.data.pageSize || PAGE_SIZE, href: paymentsHref });
  }

  const list = listLoader<PaymentPage>(app, {
    fetch: (signal) => api.get<PaymentPage>(withQuery('/api/staff/payments', { ...filters, page, pageSize: PAGE_SIZE }), { signal }),
    loading: render,
    done(quiet) {
      render();
      if (!quiet && list.data) announce(mn('payments.count', list.data.total));
    },
  });

  function applyLive(p: Payment, kind: 'received' | 'updated'): void {
    if (list.data) {
      const index = list.data.items.findIndex((x) => x.id === p.id);
      if (index >= 0) list.data.items[index] = p;
      else if (kind === 'received' && page === 1 && Object.keys(filters).length === 0) {
        list.data.items.unshift(p);
        list.data.items.splice(list.data.pageSize || PAGE_SIZE);
        list.data.total += 1;
      }
      render();
    }
    list.refetch();
  }

  const stops = [live.onPayment(({ payment, kind }) => applyLive(payment, kind)), live.onSync(() => list.refetch())];

  showFilters();
  render();
  void list.load();

  return {
    render() {
      showFilters();
      render();
    },
    update({ url }) {
      const next = pageOf(url);
      const nextFilters = filtersOf(url);
      if (next === page && sameFilters(nextFilters, filters)) return;
      page = next;
      filters = nextFilters;
      showFilters();
      render();
      void list.load();
    },
    destroy() {
      list.stop();
      for (const stop of stops) stop();
    },
  };
}

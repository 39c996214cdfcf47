/**
 * Payments (/staff/payments): every payment with its order, provider reference, amount,
 * refunded amount and state, newest first; the totals of today and of this week. A new
 * payment is added at once and highlighted, then the page and the totals are refetched.
 */

import { api, withQuery } from '../shared/api.ts';
import { dataTable } from '../shared/console-ui.ts';
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
const paymentsHref = (page: number) => withQuery('/staff/payments', { page: page > 1 ? page : undefined });

export function paymentsView(ctx: ViewContext, app: ConsoleApp): View {
  const { live } = app;
  let page = pageOf(ctx.url);

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
    fetch: (signal) => api.get<PaymentPage>(withQuery('/api/staff/payments', { page, pageSize: PAGE_SIZE }), { signal }),
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
      else if (kind === 'received' && page === 1) {
        list.data.items.unshift(p);
        list.data.items.splice(list.data.pageSize || PAGE_SIZE);
        list.data.total += 1;
      }
      render();
    }
    list.refetch();
  }

  const stops = [live.onPayment(({ payment, kind }) => applyLive(payment, kind)), live.onSync(() => list.refetch())];

  render();
  void list.load();

  return {
    render,
    update({ url }) {
      const next = pageOf(url);
      if (next === page) return;
      page = next;
      void list.load();
    },
    destroy() {
      list.stop();
      for (const stop of stops) stop();
    },
  };
}

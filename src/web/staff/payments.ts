/**
 * Payments (/staff/payments): every payment with its order, provider reference, amount,
 * refunded amount and state, newest first; the totals of today and of this week. A new
 * payment is added at once and highlighted, then the page and the totals are refetched.
 */

import { api, isAbort, withQuery } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { formatPrice } from '../shared/format.ts';
import { announce, errorState, spinner } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { formatShort, paymentBadge, providerLabel, timeEl } from './format.ts';
import { m, mn } from './messages.ts';
import type { View, ViewContext } from './router.ts';
import type { Payment, PaymentPage, PaymentTotals } from './types.ts';
import { debounced, keepFocus, pager } from './widgets.ts';

const PAGE_SIZE = 25;

const pageOf = (url: URL) => Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
const paymentsHref = (page: number) => withQuery('/staff/payments', { page: page > 1 ? page : undefined });

export function paymentsView(ctx: ViewContext, app: ConsoleApp): View {
  const { live } = app;
  let page = pageOf(ctx.url);
  let data: PaymentPage | undefined;
  let failure: unknown;
  let request: AbortController | undefined;

  const heading = h('h1', { class: 'page-title', tabindex: '-1' });
  const intro = h('p', { class: 'page-intro' });
  const totals = h('div', { class: 'totals-cards' });
  const countLine = h('p', { class: 'board__count' });
  const results = h('div', { class: 'payments__results' });
  const pagerSlot = h('div', { class: 'board__pager' });
  mount(ctx.main, h('div', { class: 'container payments' }, h('div', { class: 'page-head' }, h('div', { class: 'page-head__text' }, heading, intro)), totals, countLine, results, pagerSlot));

  function totalsCard(title: string, tot: PaymentTotals): HTMLElement {
    const id = uid('totals');
    return h(
      'section',
      { class: 'card totals-card', 'aria-labelledby': id },
      h('h2', { class: 'totals-card__title', id }, title),
      h('p', { class: 'totals-card__amount' }, h('span', { class: 'totals-card__net' }, `${m('payments.net')} `), formatPrice(tot.amountCents - tot.refundedCents)),
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
    mount(totals, data ? [totalsCard(m('payments.today'), data.totals.today), totalsCard(m('payments.week'), data.totals.week)] : null);
    countLine.textContent = data ? mn('payments.count', data.total) : '';
    if (!data) {
      mount(results, failure !== undefined ? errorState({ title: m('payments.error'), error: failure, onRetry: () => void load() }) : spinner(m('payments.loading')));
      mount(pagerSlot);
      return;
    }
    if (data.items.length === 0) {
      mount(results, h('div', { class: 'state state--empty' }, h('p', { class: 'state__title' }, m('payments.empty'))));
    } else {
      keepFocus(results, () =>
        mount(
          results,
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table payments-table' },
              h('caption', { class: 'sr-only' }, m('payments.caption')),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, m('payments.col.order')),
                  h('th', { scope: 'col' }, m('payments.col.providerRef')),
                  h('th', { scope: 'col', class: 'num' }, m('payments.col.amount')),
                  h('th', { scope: 'col', class: 'num' }, m('payments.col.refunded')),
                  h('th', { scope: 'col' }, m('payments.col.status')),
                  h('th', { scope: 'col' }, m('payments.col.date')),
                ),
              ),
              h('tbody', null, data!.items.map(row)),
            ),
          ),
        ),
      );
    }
    const pages = Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE)));
    keepFocus(pagerSlot, () => mount(pagerSlot, pager({ page, pages, href: paymentsHref })));
  }

  async function load(opts: { quiet?: boolean } = {}): Promise<void> {
    request?.abort();
    const controller = new AbortController();
    request = controller;
    if (!opts.quiet) {
      data = undefined;
      failure = undefined;
      render();
    }
    try {
      const next = await api.get<PaymentPage>(withQuery('/api/staff/payments', { page, pageSize: PAGE_SIZE }), { signal: controller.signal });
      if (controller.signal.aborted) return;
      data = next;
      failure = undefined;
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      if (app.handleAuthError(err)) return;
      failure = err;
      if (opts.quiet && data) return;
    }
    render();
    if (!opts.quiet && data) announce(mn('payments.count', data.total));
  }

  const refetch = debounced(() => void load({ quiet: true }), 120);

  function applyLive(p: Payment, kind: 'received' | 'updated'): void {
    if (data) {
      const index = data.items.findIndex((x) => x.id === p.id);
      if (index >= 0) data.items[index] = p;
      else if (kind === 'received' && page === 1) {
        data.items.unshift(p);
        data.items.splice(data.pageSize || PAGE_SIZE);
        data.total += 1;
      }
      render();
    }
    refetch.run();
  }

  const stops = [live.onPayment(({ payment, kind }) => applyLive(payment, kind)), live.onSync(() => refetch.run())];

  render();
  void load();

  return {
    render,
    update(url) {
      const next = pageOf(url);
      if (next === page) return;
      page = next;
      void load();
    },
    destroy() {
      refetch.cancel();
      request?.abort();
      for (const stop of stops) stop();
    },
  };
}

/** "Mes commandes": the customer's orders, newest first, with their status live. */

import { api, ApiError, isAbort, type Order } from '../../shared/api.ts';
import { h, heartIcon, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t, tn } from '../../shared/i18n.ts';
import { announce, errorState, spinner, pageState } from '../../shared/ui.ts';
import { cleanups, onLiveRefresh, onOrderUpdated } from '../live.ts';
import { formatDateTime, newer, statusBadge, statusLabel, timeEl } from '../order-status.ts';
import { focusHeading, navigate, type PageContext, type PageHandle } from '../router.ts';

export async function renderOrders(ctx: PageContext): Promise<PageHandle> {
  ctx.setTitle(t('orders.title'));
  const stop = cleanups();
  const heading = h('h1', { class: 'page-title' }, t('orders.title'));
  const container = h('div', { class: 'container orders-page' });
  const list = h('ul', { class: 'order-list' });
  mount(ctx.main, container);
  let orders: Order[] = [];
  const rows = new Map<string, HTMLLIElement>();

  function row(order: Order): HTMLLIElement {
    const href = `/orders/${encodeURIComponent(order.id)}`;
    const count = order.items.reduce((n, i) => n + i.quantity, 0);
    return h(
      'li',
      { class: 'order-row', 'data-order-id': order.id },
      h(
        'div',
        { class: 'order-row__head' },
        h('h2', { class: 'order-row__title' }, h('a', { class: 'order-row__link', href }, t('orders.number', { number: order.number }))),
        statusBadge(order.status),
      ),
      h(
        'p',
        { class: 'order-row__meta' },
        timeEl(order.createdAt, formatDateTime(order.createdAt)),
        ' · ',
        tn('cart.articles', count),
        ' · ',
        h('span', { lang: 'fr' }, order.centre.name),
      ),
      h(
        'p',
        { class: 'order-row__money' },
        h('span', { class: 'order-row__total' }, formatPrice(order.totalCents)),
        order.donationTotalCents > 0
          ? h('span', { class: 'order-row__gift' }, heartIcon('order-row__heart'), t('orders.offered', { amount: formatPrice(order.donationTotalCents) }))
          : null,
      ),
    );
  }

  function render(): void {
    if (orders.length === 0) {
      rows.clear();
      mount(container, heading, pageState({ title: t('orders.empty'), text: t('orders.emptyText'), link: ['/', t('cart.browse')] }));
      return;
    }
    if (!container.contains(list)) mount(container, heading, h('p', { class: 'page-intro' }, t('orders.intro')), list);
    const focusedId = (document.activeElement?.closest('[data-order-id]') as HTMLElement | null)?.dataset.orderId;
    rows.clear();
    mount(
      list,
      orders.map((o) => {
        const li = row(o);
        rows.set(o.id, li);
        return li;
      }),
    );
    if (focusedId) rows.get(focusedId)?.querySelector('a')?.focus();
  }

  async function load(isRetry: boolean): Promise<void> {
    try {
      const data = await api.get<{ items: Order[] }>('/api/orders', { signal: ctx.signal });
      if (ctx.signal.aborted) return;
      // Keep what a socket event may have brought meanwhile.
      const known = new Map(orders.map((o) => [o.id, o]));
      orders = data.items.map((o) => newer(known.get(o.id), o));
      render();
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) {
        navigate(`/login?next=${encodeURIComponent('/orders')}`, { replace: true });
        return;
      }
      mount(container, heading, errorState({ title: t('orders.error'), error: err, onRetry: () => void load(true) }));
    }
    if (isRetry) focusHeading();
  }

  stop.add(
    onOrderUpdated((order) => {
      const i = orders.findIndex((o) => o.id === order.id);
      const before = i >= 0 ? orders[i] : undefined;
      const next = newer(before, order);
      if (i >= 0) orders[i] = next;
      else orders.unshift(next);
      orders.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.number.localeCompare(a.number)));
      render();
      if (before && before.status !== next.status) announce(t('orders.statusChanged', { number: next.number, status: statusLabel(next.status) }));
    }),
  );
  stop.add(onLiveRefresh(() => void load(false)));

  mount(container, heading, spinner(t('orders.loading')));
  await load(false);
  return { destroy: () => stop.run() };
}

/**
 * The live board (/staff): orders filtered by status with their counts ("À traiter",
 * the paid orders, by default), a search by number or customer, paging. A new order is
 * added at once, highlighted, then the page is refetched so counts and membership are
 * exactly the server's; after each (re)connection the board refetches too.
 */

import { api, withQuery } from '../shared/api.ts';
import { dataTable } from '../shared/console-ui.ts';
import { anyFilter, exportLinks, filterControls, readFilters } from '../shared/list-filters.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { searchInput } from '../shared/forms.ts';
import { formatPrice } from '../shared/format.ts';
import { announce, errorState, spinner, toast } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { formatShort, formatTime, statusBadge, statusLabel, timeEl } from './format.ts';
import { isUnacknowledged } from './live.ts';
import { todayPanel } from './today.ts';
import { searchIcon } from './icons.ts';
import { m, mn } from './messages.ts';
import type { View, ViewContext } from './router.ts';
import { ORDER_STATUSES } from '../../contract/enums.ts';
import type { OrderPage, OrderStatus, StaffOrder } from '../../contract/index.ts';
import { keepFocus, listLoader, showPager, showTable } from './widgets.ts';

const PAGE_SIZE = 25;
/** The tabs, in the order of the work: "to do" (paid) first. */
const TABS: Array<OrderStatus | 'all'> = ['paid', 'in_preparation', 'in_delivery', 'pending_payment', 'delivered', 'canceled', 'all'];

interface Query {
  status: OrderStatus | 'all';
  q: string;
  page: number;
  /** Centre, days, gifts (shared/list-filters.ts). */
  filters?: Record<string, string>;
}

function readQuery(url: URL): Query {
  const raw = url.searchParams.get('status') ?? '';
  const status = raw === 'all' ? 'all' : (ORDER_STATUSES as readonly string[]).includes(raw) ? (raw as OrderStatus) : 'paid';
  const page = Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
  return { status, q: (url.searchParams.get('q') ?? '').trim(), page, filters: readFilters(url.searchParams, 'orders') };
}

function boardHref(q: Partial<Query>): string {
  return withQuery('/staff', {
    status: q.status && q.status !== 'paid' ? q.status : undefined,
    q: q.q || undefined,
    ...q.filters,
    page: q.page && q.page > 1 ? q.page : undefined,
  });
}

const tabLabel = (tab: OrderStatus | 'all') => (tab === 'paid' ? m('tab.todo') : tab === 'all' ? m('tab.all') : statusLabel(tab));

function matches(order: StaffOrder, query: Query): boolean {
  if (query.status !== 'all' && order.status !== query.status) return false;
  // Centre, days, gifts: the refetch that follows says whether it belongs.
  if (anyFilter(query.filters ?? {})) return false;
  if (!query.q) return true;
  const needle = query.q.toLowerCase();
  return [order.number, order.customer.name, order.customer.email].some((v) => v.toLowerCase().includes(needle));
}

export function boardView(ctx: ViewContext, app: ConsoleApp): View {
  const { live } = app;
  let query = readQuery(ctx.url);
  /** Rows to flash once when they are first drawn (arrived live). */
  const arriving = new Set<string>();

  const heading = h('h1', { class: 'page-title', tabindex: '-1' });
  const liveDot = h('p', { class: 'live-dot' });
  const searchId = uid('board-q');
  const search = searchInput({ id: searchId, name: 'q', spellcheck: 'false', value: query.q });
  const searchLabel = h('label', { class: 'search__label', for: searchId });
  const filterBar = filterControls('orders');
  const exportSlot = h('div');
  const searchButton = h('button', { type: 'submit', class: 'btn btn--primary search__button' });
  const clearLink = h('a', { class: 'board__clear', href: '/staff' });
  const searchForm = h(
    'form',
    { class: 'search board__search', role: 'search', action: '/staff', method: 'get' },
    searchLabel,
    h('div', { class: 'search__row' }, search, searchButton),
    filterBar.element,
    clearLink,
  );
  const today = todayPanel(app);
  const tabs = h('nav', { class: 'status-tabs' });
  const countLine = h('p', { class: 'board__count' });
  const results = h('div', { class: 'board__results' });
  const pagerSlot = h('div', { class: 'board__pager' });
  const root = h(
    'div',
    { class: 'container board' },
    h('div', { class: 'page-head' }, h('div', { class: 'page-head__text' }, heading, h('p', { class: 'page-intro' }, m('board.intro'))), liveDot),
    today.el,
    searchForm,
    exportSlot,
    tabs,
    countLine,
    results,
    pagerSlot,
  );
  mount(ctx.main, root);

  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    app.navigate(boardHref({ status: query.status, q: search.value.trim(), filters: filterBar.values() }));
  });

  results.addEventListener('click', (e) => {
    const target = e.target as Element;
    const ack = target.closest<HTMLButtonElement>('button[data-ack]');
    if (ack?.dataset.ack) {
      void acknowledge(ack.dataset.ack, ack);
      return;
    }
    if (target.closest('a, button')) return;
    const row = target.closest<HTMLElement>('tr[data-order-id]');
    if (row?.dataset.orderId) app.navigate(`/staff/orders/${encodeURIComponent(row.dataset.orderId)}`);
  });

  function renderChrome(): void {
    ctx.setTitle(m('board.title'));
    heading.textContent = m('board.title');
    root.querySelector('.page-intro')!.textContent = m('board.intro');
    searchLabel.textContent = m('board.searchLabel');
    search.placeholder = m('board.searchPlaceholder');
    mount(searchButton, searchIcon(), h('span', { class: 'search__button-text' }, m('board.searchButton')));
    clearLink.textContent = m('board.clearSearch');
    clearLink.href = boardHref({ status: query.status });
    clearLink.hidden = !query.q && !anyFilter(query.filters ?? {});
    filterBar.set(query.filters ?? {});
    mount(
      exportSlot,
      exportLinks('/api/staff/orders', { status: query.status === 'all' ? undefined : query.status, q: query.q || undefined, ...query.filters }, 'orders'),
    );
    tabs.setAttribute('aria-label', m('tabs.label'));
    renderLive();
  }

  function renderLive(): void {
    const { connected } = live.connection();
    liveDot.className = `live-dot ${connected ? 'is-on' : 'is-off'}`;
    mount(liveDot, h('span', { class: 'live-dot__dot', 'aria-hidden': 'true' }), connected ? m('board.live') : m('board.offline'));
  }

  function renderTabs(): void {
    const counts = list.data?.counts;
    const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : undefined;
    keepFocus(tabs, () =>
      mount(
        tabs,
        h(
          'ul',
          { class: 'status-tabs__list' },
          TABS.map((tab) => {
            const n = tab === 'all' ? all : counts?.[tab];
            return h(
              'li',
              null,
              h(
                'a',
                {
                  class: `status-tab status-tab--${tab}`,
                  href: boardHref({ status: tab, q: query.q, filters: query.filters }),
                  'aria-current': tab === query.status ? 'page' : undefined,
                  'data-focus-key': `tab-${tab}`,
                },
                h('span', { class: 'status-tab__label' }, tabLabel(tab)),
                n === undefined ? null : h('span', { class: 'status-tab__count' }, String(n)),
              ),
            );
          }),
        ),
      ),
    );
  }

  function countText(): string {
    if (!list.data) return '';
    return query.q ? mn('board.countQuery', list.data.total, { q: query.q }) : mn('board.count', list.data.total);
  }

  /** Acknowledged here: every staff screen drops the mark (order:acknowledged), this one at once. */
  async function acknowledge(orderId: string, button: HTMLButtonElement): Promise<void> {
    button.setAttribute('aria-disabled', 'true');
    try {
      applyAck(await live.acknowledge(orderId));
    } catch (err) {
      button.removeAttribute('aria-disabled');
      if (!app.handleAuthError(err)) toast(m('board.ackFailed'), 'error');
    }
  }

  function applyAck(ack: Pick<StaffOrder, 'id' | 'acknowledgedAt' | 'acknowledgedBy'>): void {
    const shown = list.data?.items.find((o) => o.id === ack.id);
    if (!shown || shown.acknowledgedAt) return;
    shown.acknowledgedAt = ack.acknowledgedAt;
    shown.acknowledgedBy = ack.acknowledgedBy;
    renderResults();
    // The focus was on the button that is now gone: keep it on the order's link.
    const link = results.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(ack.id)}"]`);
    if (link && document.activeElement === document.body) link.focus();
  }

  function row(order: StaffOrder): HTMLElement {
    const fresh = isUnacknowledged(order);
    const gifts = order.items.filter((i) => i.donate).reduce((a, i) => a + i.quantity, 0);
    const quantity = order.items.reduce((a, i) => a + i.quantity, 0);
    const flash = arriving.delete(order.id);
    return h(
      'tr',
      { class: `order-row${fresh ? ' is-fresh' : ''}${flash ? ' is-arriving' : ''}`, 'data-order-id': order.id },
      h(
        'th',
        { scope: 'row', class: 'order-row__number' },
        h('a', { class: 'order-link', href: `/staff/orders/${encodeURIComponent(order.id)}`, 'data-focus-key': order.id }, order.number),
        fresh ? h('span', { class: 'badge badge--new' }, m('board.new')) : null,
        fresh
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn--small btn--secondary ack-button',
                'data-ack': order.id,
              },
              m('board.ack'),
              h('span', { class: 'sr-only' }, m('board.ackLabel', { number: order.number })),
            )
          : order.acknowledgedAt && order.acknowledgedBy
            ? h('span', { class: 'cell-sub ack-by' }, m('board.ackBy', { name: order.acknowledgedBy.name, time: formatTime(order.acknowledgedAt) }))
            : null,
      ),
      h(
        'td',
        { class: 'order-row__customer' },
        h('span', { class: 'cell-main' }, order.customer.name),
        h('span', { class: 'cell-sub', title: order.customer.email }, order.customer.email),
      ),
      h('td', { class: 'order-row__centre' }, h('span', { class: 'cell-main' }, order.centre.name), h('span', { class: 'cell-sub' }, order.centre.city)),
      h(
        'td',
        { class: 'order-row__content' },
        h('span', { class: 'cell-main' }, mn('board.items', quantity)),
        order.donationOnly || (gifts > 0 && gifts === quantity)
          ? h('span', { class: 'gift-tag' }, m('board.allGift'))
          : gifts > 0
            ? h('span', { class: 'cell-sub' }, mn('board.gifts', gifts))
            : null,
      ),
      h('td', { class: 'num order-row__total' }, formatPrice(order.totalCents)),
      h('td', { class: 'order-row__status' }, statusBadge(order.status)),
      h('td', { class: 'order-row__created' }, timeEl(order.createdAt, formatShort(order.createdAt))),
    );
  }

  function renderResults(): void {
    countLine.textContent = countText();
    if (list.failure !== undefined && !list.data) {
      mount(results, errorState({ title: m('board.error'), error: list.failure, onRetry: () => void list.load() }));
      mount(pagerSlot);
      return;
    }
    if (!list.data) {
      mount(results, spinner(m('board.loading')));
      mount(pagerSlot);
      return;
    }
    if (list.data.items.length === 0) {
      let empty: HTMLElement;
      if (query.q) {
        empty = h(
          'div',
          { class: 'state state--empty' },
          h('p', { class: 'state__title' }, m('board.emptyQuery', { q: query.q })),
          query.status !== 'all' ? h('a', { class: 'btn btn--secondary', href: boardHref({ status: 'all', q: query.q }) }, m('board.searchEverywhere')) : null,
        );
      } else if (query.status === 'paid') {
        empty = h(
          'div',
          { class: 'state state--empty' },
          h('p', { class: 'state__title' }, m('board.emptyTodo')),
          h('p', { class: 'state__text' }, m('board.emptyTodoHint')),
        );
      } else {
        empty = h('div', { class: 'state state--empty' }, h('p', { class: 'state__title' }, m('board.empty')));
      }
      mount(results, empty);
    } else {
      const caption = query.q
        ? m('board.captionQuery', { filter: tabLabel(query.status), q: query.q })
        : m('board.caption', { filter: tabLabel(query.status) });
      showTable(
        results,
        dataTable({
          class: 'table orders-table',
          caption,
          columns: [
            [m('board.col.number')],
            [m('board.col.customer')],
            [m('board.col.centre'), 'order-row__centre'],
            [m('board.col.content'), 'order-row__content'],
            [m('board.col.total'), 'num'],
            [m('board.col.status')],
            [m('board.col.created')],
          ],
          rows: list.data.items.map(row),
        }),
      );
    }
    showPager(pagerSlot, {
      page: query.page,
      total: list.data.total,
      pageSize: list.data.pageSize || PAGE_SIZE,
      href: (page) => boardHref({ ...query, page }),
    });
  }

  function render(): void {
    renderChrome();
    today.render();
    renderTabs();
    renderResults();
  }

  /** The page the address names; a quiet load (a live refresh) shows no spinner and says nothing. */
  const list = listLoader<OrderPage>(app, {
    fetch: (signal) =>
      api.get<OrderPage>(
        withQuery('/api/staff/orders', {
          status: query.status === 'all' ? undefined : query.status,
          q: query.q,
          ...query.filters,
          page: query.page,
          pageSize: PAGE_SIZE,
        }),
        { signal },
      ),
    loading: renderResults,
    accept(page) {
      // Past the last page (orders moved away): go to the last one there is.
      const pages = Math.max(1, Math.ceil(page.total / (page.pageSize || PAGE_SIZE)));
      if (query.page <= pages) return true;
      app.navigate(boardHref({ ...query, page: pages }), { replace: true });
      return false;
    },
    done(quiet) {
      renderTabs();
      renderResults();
      if (!quiet) announce(countText());
    },
  });

  function applyLive(order: StaffOrder, kind: 'created' | 'updated'): void {
    if (!list.data) {
      list.refetch();
      return;
    }
    const index = list.data.items.findIndex((o) => o.id === order.id);
    const previous = index >= 0 ? list.data.items[index] : undefined;
    if (previous && previous.version > order.version) return;
    if (kind === 'created') {
      list.data.counts[order.status] = (list.data.counts[order.status] ?? 0) + 1;
    } else if (previous && previous.status !== order.status) {
      list.data.counts[previous.status] = Math.max(0, (list.data.counts[previous.status] ?? 0) - 1);
      list.data.counts[order.status] = (list.data.counts[order.status] ?? 0) + 1;
    }
    if (previous) {
      list.data.items[index] = order;
    } else if (query.page === 1 && matches(order, query)) {
      list.data.items.unshift(order);
      list.data.items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      list.data.items.splice(list.data.pageSize || PAGE_SIZE);
      list.data.total += 1;
      arriving.add(order.id);
    }
    renderTabs();
    renderResults();
    list.refetch();
  }

  const stops = [
    live.onOrder(({ order, kind }) => applyLive(order, kind)),
    live.onAcknowledged((ack) => applyAck({ id: ack.orderId, acknowledgedAt: ack.acknowledgedAt, acknowledgedBy: ack.acknowledgedBy })),
    live.onSync(() => list.refetch()),
    live.onChange(() => renderLive()),
    today.destroy,
  ];

  render();
  void list.load();

  return {
    render,
    update({ url }) {
      const next = readQuery(url);
      const changed =
        next.status !== query.status || next.q !== query.q || next.page !== query.page || JSON.stringify(next.filters) !== JSON.stringify(query.filters);
      query = next;
      if (search.value.trim() !== query.q) search.value = query.q;
      renderChrome();
      if (changed) {
        renderTabs();
        void list.load();
      }
    },
    destroy() {
      list.stop();
      for (const stop of stops) stop();
    },
  };
}

/**
 * "Aujourd'hui", the top of the staff landing: the day's orders per status and per centre
 * (Paris day), the paid orders waiting longest, the payments received today, and — for
 * admins — the week's sales and gifts as a small bar chart drawn by hand in SVG (no chart
 * library). Fed by the live layer's dashboard (GET /api/staff/dashboard), refetched after
 * every order, acknowledgement and payment event, so it stays live.
 */

import { h, mount, s, uid } from '../shared/dom.ts';
import { formatPrice } from '../shared/format.ts';
import { getLocale } from '../shared/i18n.ts';
import type { ConsoleApp } from './context.ts';
import { formatTime, statusLabel } from './format.ts';
import { m, mn } from './messages.ts';
import { ORDER_STATUSES } from '../../contract/enums.ts';
import type { StaffDashboard } from '../../contract/index.ts';

type Week = NonNullable<StaffDashboard['week']>;

const CHART = { width: 320, height: 120, bar: 16, gap: 4 };

/** A day "2026-11-27" as "ven. 27". */
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat(getLocale(), { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

/** Sales and gifts per day, side by side, scaled to the week's highest figure. Decorative: the table beside it says the same. */
function weekChart(week: Week): SVGElement {
  const max = Math.max(1, ...week.map((d) => d.salesCents));
  const slot = CHART.width / week.length;
  const scale = (cents: number) => Math.round((cents / max) * (CHART.height - 20));
  return s(
    'svg',
    { class: 'week-chart', viewBox: `0 0 ${CHART.width} ${CHART.height}`, 'aria-hidden': 'true', focusable: 'false' },
    week.map((d, i) => {
      const x = i * slot + (slot - 2 * CHART.bar - CHART.gap) / 2;
      const base = CHART.height - 16;
      return s(
        'g',
        null,
        s('rect', { class: 'week-chart__sales', x, y: base - scale(d.salesCents), width: CHART.bar, height: scale(d.salesCents) }),
        s('rect', { class: 'week-chart__gifts', x: x + CHART.bar + CHART.gap, y: base - scale(d.giftsCents), width: CHART.bar, height: scale(d.giftsCents) }),
        s('text', { class: 'week-chart__day', x: i * slot + slot / 2, y: CHART.height - 3, 'text-anchor': 'middle' }, dayLabel(d.day)),
      );
    }),
  );
}

function weekBlock(week: Week): HTMLElement {
  const captionId = uid('week');
  return h(
    'div',
    { class: 'today__block today__block--week' },
    h('h3', { class: 'today__title', id: captionId }, m('today.week')),
    h(
      'p',
      { class: 'week-legend', 'aria-hidden': 'true' },
      h('span', { class: 'week-legend__sales' }, m('today.sales')),
      h('span', { class: 'week-legend__gifts' }, m('today.gifts')),
    ),
    weekChart(week),
    h(
      'details',
      { class: 'today__details' },
      h('summary', null, m('today.weekTable')),
      h(
        'table',
        { class: 'table table--compact', 'aria-labelledby': captionId },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, m('today.day')),
            h('th', { scope: 'col', class: 'num' }, m('today.sales')),
            h('th', { scope: 'col', class: 'num' }, m('today.gifts')),
          ),
        ),
        h(
          'tbody',
          null,
          week.map((d) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, dayLabel(d.day)),
              h('td', { class: 'num' }, formatPrice(d.salesCents)),
              h('td', { class: 'num' }, formatPrice(d.giftsCents)),
            ),
          ),
        ),
      ),
    ),
  );
}

export interface TodayPanel {
  el: HTMLElement;
  render(): void;
  destroy(): void;
}

export function todayPanel(app: ConsoleApp): TodayPanel {
  const headingId = uid('today');
  const heading = h('h2', { class: 'today__heading', id: headingId });
  const body = h('div', { class: 'today__body' });
  const el = h('section', { class: 'today', 'aria-labelledby': headingId, 'data-testid': 'today' }, heading, body);

  function render(): void {
    heading.textContent = m('today.title');
    const d = app.live.dashboard();
    if (!d) {
      mount(body, h('p', { class: 'today__loading' }, m('today.loading')));
      return;
    }
    const placed = ORDER_STATUSES.reduce((sum, st) => sum + (d.byStatus[st] ?? 0), 0);
    const net = d.payments.amountCents - d.payments.refundedCents;
    mount(
      body,
      h(
        'div',
        { class: 'today__block' },
        h('h3', { class: 'today__title' }, mn('today.orders', placed)),
        h(
          'ul',
          { class: 'today__counts' },
          ORDER_STATUSES.filter((st) => (d.byStatus[st] ?? 0) > 0).map((st) =>
            h('li', { 'data-status': st }, h('span', { class: 'today__figure' }, String(d.byStatus[st])), ` ${statusLabel(st)}`),
          ),
        ),
        d.byCentre.length
          ? h(
              'ul',
              { class: 'today__centres', 'aria-label': m('today.perCentre') },
              d.byCentre.map((c) =>
                h(
                  'li',
                  { 'data-centre': c.centreId },
                  h('span', { class: 'today__figure' }, String(c.count)),
                  ` ${c.name}`,
                  h('span', { class: 'cell-sub' }, ` ${c.city}`),
                ),
              ),
            )
          : null,
      ),
      h(
        'div',
        { class: 'today__block' },
        h('h3', { class: 'today__title' }, m('today.waiting')),
        d.waiting.length
          ? h(
              'ol',
              { class: 'today__waiting' },
              d.waiting.map((o) =>
                h(
                  'li',
                  null,
                  // The link names the customer too: the board's own link to the order says the number alone.
                  h('a', { href: `/staff/orders/${encodeURIComponent(o.id)}` }, `${o.number} · ${o.customer.name}`),
                  ' · ',
                  h('time', { datetime: o.createdAt }, m('today.since', { time: formatTime(o.createdAt) })),
                ),
              ),
            )
          : h('p', { class: 'cell-sub' }, m('today.noneWaiting')),
        d.unacknowledged > 0 ? h('p', { class: 'today__alert' }, mn('today.unacknowledged', d.unacknowledged)) : null,
      ),
      h(
        'div',
        { class: 'today__block' },
        h('h3', { class: 'today__title' }, m('today.payments')),
        h('p', { class: 'today__money', 'data-testid': 'today-payments' }, formatPrice(net)),
        h('p', { class: 'cell-sub' }, mn('today.paymentCount', d.payments.count)),
      ),
      d.week ? weekBlock(d.week) : null,
    );
  }

  const stop = app.live.onDashboard(() => render());
  render();
  return { el, render, destroy: stop };
}

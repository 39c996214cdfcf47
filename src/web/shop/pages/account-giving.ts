/** The account page's giving record (issue 20): a Paris year's paid gifts, per order and per centre, and its PDF. */

import type { GivingRecord } from '../../../contract/index.ts';
import { api } from '../../shared/api.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { getLocale, t } from '../../shared/i18n.ts';
import { errorText } from '../../shared/ui.ts';

export function givingSection(signal: AbortSignal): HTMLElement {
  const thisYear = new Date().getFullYear();
  const selectId = uid('giving-year');
  const select = h(
    'select',
    { id: selectId, class: 'input' },
    [0, 1, 2, 3, 4].map((back) => h('option', { value: String(thisYear - back) }, String(thisYear - back))),
  );
  const body = h('div', { class: 'giving__body', 'aria-live': 'polite' });
  const titleId = uid('giving');
  const section = h(
    'section',
    { class: 'panel giving', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, t('giving.title')),
    h('p', { class: 'giving__year' }, h('label', { for: selectId }, t('giving.year')), ' ', select),
    body,
  );

  async function show(year: number): Promise<void> {
    mount(body, h('p', null, t('giving.loading')));
    try {
      const r = await api.get<GivingRecord>(`/api/account/giving?year=${year}`, { signal });
      const date = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'Europe/Paris' });
      mount(
        body,
        h('p', { class: 'giving__total', 'data-giving-total': String(r.totalCents) }, t('giving.total', { amount: formatPrice(r.totalCents), units: r.units })),
        r.orders.length === 0
          ? h('p', null, t('giving.none'))
          : h(
              'ul',
              { class: 'giving__orders' },
              r.orders.map((o) =>
                h(
                  'li',
                  null,
                  h('a', { href: `/orders/${o.orderId}` }, o.number),
                  ` — ${date.format(new Date(o.at))} — ${o.centre.name} (${o.centre.city}) — ${t('giving.units', { units: o.units })} — ${formatPrice(o.donatedCents)}`,
                ),
              ),
            ),
        h('p', null, h('a', { class: 'btn btn--secondary', href: `/api/account/giving/${year}.pdf`, download: '' }, t('giving.pdf', { year: String(year) }))),
      );
    } catch (err) {
      if (signal.aborted) return;
      mount(body, h('p', { role: 'alert' }, errorText(err)));
    }
  }
  select.addEventListener('change', () => void show(Number(select.value)));
  void show(thisYear);
  return section;
}

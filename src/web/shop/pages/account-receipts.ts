/**
 * The account page's tax receipts (issue 20): shown only when the person has some — each
 * gift's receipt with its download, void ones marked, and one receipt per year.
 */

import type { Receipt } from '../../../contract/index.ts';
import { api } from '../../shared/api.ts';
import { h, mount, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { getLocale, t } from '../../shared/i18n.ts';

export function receiptsSection(signal: AbortSignal): HTMLElement {
  const titleId = uid('receipts');
  const section = h('section', { class: 'panel receipts', 'aria-labelledby': titleId, hidden: true });

  async function show(): Promise<void> {
    let receipts: Receipt[];
    try {
      receipts = await api.get<Receipt[]>('/api/account/receipts', { signal });
    } catch {
      // Receipts are an extra: without them the account page stays whole.
      return;
    }
    if (signal.aborted || receipts.length === 0) return;
    const date = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone: 'Europe/Paris' });
    // RF-YYYY-NNNNNN: the receipt's Paris year is in its number.
    const yearOf = (r: Receipt) => r.number.slice(3, 7);
    mount(
      section,
      h('h2', { id: titleId }, t('receipts.title')),
      h('p', { class: 'receipts__intro' }, t('receipts.intro')),
      [...new Set(receipts.map(yearOf))]
        .sort()
        .reverse()
        .map((year) => {
          const ofYear = receipts.filter((r) => yearOf(r) === year);
          return h(
            'div',
            { class: 'receipts__year', 'data-receipts-year': year },
            h('h3', null, year),
            h(
              'ul',
              { class: 'receipts__list' },
              ofYear.map((r) =>
                h(
                  'li',
                  { 'data-receipt': r.number },
                  h('a', { href: `/api/account/receipts/${r.number}.pdf`, download: '', 'aria-label': t('receipts.download', { number: r.number }) }, r.number),
                  ` — ${date.format(new Date(r.issuedAt))} — ${formatPrice(r.amountCents)}`,
                  r.void ? h('span', { class: 'tag receipts__void' }, ` ${t('receipts.void')}`) : null,
                  r.replacedBy ? ` ${t('receipts.replacedBy', { number: r.replacedBy })}` : null,
                  r.replaces ? ` ${t('receipts.replaces', { number: r.replaces })}` : null,
                ),
              ),
            ),
            ofYear.some((r) => !r.void)
              ? h(
                  'p',
                  null,
                  h('a', { class: 'btn btn--secondary', href: `/api/account/receipts/year/${year}.pdf`, download: '' }, t('receipts.yearPdf', { year })),
                )
              : null,
          );
        }),
    );
    section.hidden = false;
  }
  void show();
  return section;
}

/**
 * Impact (/admin/impact, issue 20): what paid gifts gave over the last twelve Paris weeks —
 * kilograms by week as a small SVG bar chart drawn by hand (with the same figures as a
 * table for screen readers and for reading), the totals with the meals estimate and its
 * kg-per-meal stated, and the CSV export for funders.
 */

import type { Impact } from '../../../contract/index.ts';
import { api } from '../../shared/api.ts';
import { h, mount, s, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { errorState, spinner } from '../../shared/ui.ts';
import { handledAuthError, pageHead } from '../kit.ts';
import { m } from '../messages.ts';
import { setTitle, type PageContext } from '../router.ts';

/**
 * The Paris date (YYYY-MM-DD): the figures are by Paris day and week. The UTC date would leave
 * out the gifts made after midnight in Paris, until 1 or 2 am.
 */
const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function chart(figures: Impact, titleId: string): SVGElement {
  const weeks = figures.byWeek;
  const width = 600;
  const height = 200;
  const pad = 28;
  const max = Math.max(1, ...weeks.map((w) => w.kilograms));
  const bar = weeks.length ? (width - pad * 2) / weeks.length : 0;
  return s(
    'svg',
    { class: 'impact-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, preserveAspectRatio: 'xMidYMid meet' },
    s('line', { x1: String(pad), y1: String(height - pad), x2: String(width - pad), y2: String(height - pad), class: 'impact-chart__axis' }),
    weeks.map((w, i) => {
      const hgt = ((height - pad * 2) * w.kilograms) / max;
      const x = pad + i * bar + bar * 0.15;
      return s(
        'g',
        null,
        s('rect', { x: x.toFixed(1), y: (height - pad - hgt).toFixed(1), width: (bar * 0.7).toFixed(1), height: hgt.toFixed(1), class: 'impact-chart__bar' }),
        s('text', { x: (x + bar * 0.35).toFixed(1), y: String(height - pad + 14), 'text-anchor': 'middle', class: 'impact-chart__label' }, w.week.slice(5)),
      );
    }),
  );
}

export async function impactPage(ctx: PageContext): Promise<void> {
  setTitle(m('impact.title'), m('doc.title'));
  mount(ctx.main, spinner(m('impact.loading')));
  const to = new Date();
  const from = new Date(to.getTime() - 12 * 7 * 86_400_000);
  const query = `from=${day(from)}&to=${day(to)}`;
  let figures: Impact;
  try {
    figures = await api.get<Impact>(`/api/impact?${query}`, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted || handledAuthError(err)) return;
    mount(ctx.main, pageHead(m('impact.title')), errorState({ title: m('load.failed'), error: err, onRetry: () => void impactPage(ctx) }));
    return;
  }
  if (ctx.signal.aborted) return;
  const titleId = uid('impact-chart');
  mount(
    ctx.main,
    pageHead(m('impact.title'), {
      intro: m('impact.intro'),
      actions: h('a', { class: 'btn btn--secondary', href: `/api/impact?${query}&format=csv`, download: '' }, m('impact.csv')),
    }),
    h(
      'section',
      { class: 'panel impact-panel' },
      h(
        'p',
        { class: 'impact-panel__totals', 'data-impact-kg': String(figures.kilograms) },
        m('impact.totals', { kg: figures.kilograms, units: figures.units, amount: formatPrice(figures.donatedCents) }),
      ),
      h('p', null, m('impact.meals', { meals: figures.meals, kgPerMeal: figures.kgPerMeal })),
      h('h2', { id: titleId }, m('impact.chartTitle')),
      chart(figures, titleId),
      h(
        'table',
        { class: 'table' },
        h('caption', null, m('impact.tableCaption')),
        h(
          'thead',
          null,
          h('tr', null, h('th', { scope: 'col' }, m('impact.week')), h('th', { scope: 'col' }, m('impact.kg')), h('th', { scope: 'col' }, m('impact.units'))),
        ),
        h(
          'tbody',
          null,
          figures.byWeek.map((w) => h('tr', null, h('th', { scope: 'row' }, w.week), h('td', null, String(w.kilograms)), h('td', null, String(w.units)))),
        ),
      ),
    ),
  );
}

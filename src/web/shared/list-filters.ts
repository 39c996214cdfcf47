/**
 * The filters the staff console and the admin panel lists share (issue 18): a centre, a
 * range of days (Paris time; the last day counts whole), gifts for orders, provider and
 * payment status for payments — and the CSV export of what the filters select. The
 * values live in the page's address, so a reload or a shared link keeps them.
 */

import type { Centre } from '../../contract/index.ts';
import { PAYMENT_STATUSES } from '../../contract/enums.ts';
import { api, withQuery } from './api.ts';
import { consoleEn, consoleFr } from './console-messages.ts';
import { h, uid } from './dom.ts';
import { createMessages } from './i18n.ts';

const m = createMessages(consoleFr, consoleEn).t;

export type ListKind = 'orders' | 'payments';

const KEYS: Record<ListKind, readonly string[]> = {
  orders: ['centreId', 'from', 'to', 'hasGifts'],
  payments: ['centreId', 'from', 'to', 'provider', 'status'],
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const VALID: Record<string, (v: string) => boolean> = {
  centreId: (v) => /^[0-9a-f-]{36}$/i.test(v),
  from: (v) => DAY.test(v),
  to: (v) => DAY.test(v),
  hasGifts: (v) => v === 'true' || v === 'false',
  provider: (v) => v === 'stripe' || v === 'demo',
  status: (v) => (PAYMENT_STATUSES as readonly string[]).includes(v),
};

/** The filters of a list as its address gives them (unknown or malformed values dropped). */
export function readFilters(query: URLSearchParams, kind: ListKind): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS[kind]) {
    const v = query.get(key) ?? '';
    if (v && VALID[key]!(v)) out[key] = v;
  }
  return out;
}

/** Whether any filter is set (a page says "this list" rather than "every order"). */
export const anyFilter = (filters: Record<string, string>): boolean => Object.keys(filters).length > 0;

let centresOnce: Promise<Centre[]> | undefined;
const loadCentres = () => {
  centresOnce ??= api.get<Centre[]>('/api/centres').catch(() => {
    centresOnce = undefined;
    return [];
  });
  return centresOnce;
};

function control(label: string, input: HTMLInputElement | HTMLSelectElement): HTMLElement {
  const id = uid('flt');
  input.id = id;
  return h('div', { class: 'list-filters__item' }, h('label', { class: 'list-filters__label', for: id }, label), input);
}

function select(name: string, options: Array<[string, string]>): HTMLSelectElement {
  return h(
    'select',
    { class: 'input select', name },
    options.map(([value, label]) => h('option', { value }, label)),
  );
}

/**
 * The filter controls of a list, to put inside the page's search form: `values()` is what
 * they say now (empty ones left out), `set()` shows what the address says.
 */
export function filterControls(kind: ListKind): { element: HTMLElement; values(): Record<string, string>; set(values: Record<string, string>): void } {
  const centre = select('centreId', [['', m('filters.allCentres')]]);
  const from = h('input', { class: 'input', type: 'date', name: 'from' });
  const to = h('input', { class: 'input', type: 'date', name: 'to' });
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = { centreId: centre, from, to };
  const items = [control(m('filters.centre'), centre), control(m('filters.from'), from), control(m('filters.to'), to)];
  if (kind === 'orders') {
    inputs.hasGifts = select('hasGifts', [
      ['', m('filters.giftsAny')],
      ['true', m('filters.giftsWith')],
      ['false', m('filters.giftsWithout')],
    ]);
    items.push(control(m('filters.gifts'), inputs.hasGifts));
  } else {
    inputs.provider = select('provider', [
      ['', m('filters.providerAny')],
      ['stripe', 'Stripe'],
      ['demo', m('filters.providerDemo')],
    ]);
    inputs.status = select('status', [['', m('filters.statusAny')], ...PAYMENT_STATUSES.map((s): [string, string] => [s, m(`payment.${s}`)])]);
    items.push(control(m('filters.provider'), inputs.provider), control(m('filters.paymentStatus'), inputs.status));
  }
  let wanted: Record<string, string> = {};
  const set = (values: Record<string, string>) => {
    wanted = values;
    for (const [key, input] of Object.entries(inputs)) input.value = values[key] ?? '';
  };
  // The centres arrive after the first paint: the one the address names is selected then.
  void loadCentres().then((centres) => {
    centre.append(...centres.map((c) => h('option', { value: c.id }, `${c.name} (${c.city})`)));
    centre.value = wanted.centreId ?? '';
  });
  return {
    element: h('div', { class: 'list-filters' }, items),
    values: () => Object.fromEntries(Object.entries(inputs).flatMap(([key, input]) => (input.value ? [[key, input.value]] : []))),
    set,
  };
}

/** The downloads of a list as filtered: CSV per order (or payment), for orders one row per line, and an Excel workbook. */
export function exportLinks(apiPath: string, query: Record<string, string | undefined>, kind: ListKind): HTMLElement {
  const link = (extra: Record<string, string>, label: string) =>
    h('a', { class: 'btn btn--secondary btn--small', href: withQuery(apiPath, { ...query, ...extra }), download: '' }, label);
  return h(
    'p',
    { class: 'list-exports' },
    link({ format: 'csv' }, kind === 'orders' ? m('export.orders') : m('export.payments')),
    kind === 'orders' ? link({ format: 'csv', lines: 'true' }, m('export.lines')) : null,
    link({ format: 'xlsx' }, m('export.xlsx')),
  );
}

/**
 * The journal (audit trail): every admin and staff action, newest first, filtered by
 * kind of thing (and by one thing, from its page); each entry says who, what, when,
 * and what changed, as a readable "before → after" table.
 */

import { api, type Category } from '../../shared/api.ts';
import { h, mount, type Child } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { emptyState } from '../../shared/ui.ts';
import { loadCategories } from '../../shared/categories.ts';
import { hrefWith, loadInto, pageHead, pageNumber, pager, roleLabel, selectField, statusLabel, timeEl } from '../kit.ts';
import { m, mn, type AdminKey } from '../messages.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import { AUDIT_ACTIONS, ENTITY_TYPES, type AuditAction } from '../../../contract/enums.ts';
import type { AdminCentre, AdminProduct, AdminUser, AuditEntry, EntityType, Paged, StaffOrder } from '../../../contract/index.ts';
import { thumbnail } from './products.ts';

const PAGE_SIZE = 25;
/** Bookkeeping fields that say nothing to a reader. */
const HIDDEN_KEYS = new Set(['id', 'slug', 'createdAt', 'updatedAt', 'version', 'products', 'productsOnSale']);
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const KNOWN_FIELDS = new Set([
  'name',
  'description',
  'category',
  'unit',
  'priceCents',
  'stock',
  'onSale',
  'maxPerOrder',
  'imageUrl',
  'delta',
  'reason',
  'status',
  'note',
  'role',
  'disabled',
  'address',
  'postcode',
  'city',
  'openingHours',
  'lat',
  'lng',
  'active',
  'nameEn',
  'position',
  'title',
  'body',
  'lang',
]);

const ENTITY_HREF: Record<EntityType, string> = {
  product: '/admin/products/',
  order: '/admin/orders/',
  user: '/admin/users/',
  centre: '/admin/centres/',
  category: '/admin/categories#category-',
  association: '/admin/association#',
  page: '/admin/pages#page-',
};

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function fieldLabel(key: string): string {
  return KNOWN_FIELDS.has(key) ? m(`audit.field.${key}` as AdminKey) : key;
}

function valueText(key: string, value: unknown, categories: Category[]): Child {
  if (value === undefined) return h('span', { class: 'muted' }, '—');
  if (value === null || value === '') return h('span', { class: 'muted' }, m('audit.none'));
  if (typeof value === 'boolean') return value ? m('audit.yes') : m('audit.no');
  switch (key) {
    case 'priceCents':
      return typeof value === 'number' ? formatPrice(value) : String(value);
    case 'status':
      return statusLabel(String(value));
    case 'role':
      return roleLabel(String(value));
    case 'category':
      return categories.find((c) => c.slug === value)?.name ?? String(value);
    case 'delta':
      return typeof value === 'number' && value > 0 ? `+${value}` : String(value).replace('-', '−');
    case 'imageUrl':
      return typeof value === 'string' && value.startsWith('/')
        ? h('span', { class: 'audit-image' }, thumbnail(value, 40), h('span', { class: 'sr-only' }, m('audit.photo')))
        : String(value);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The rows of "before → after": only what changed (everything, for a creation). */
function changes(entry: AuditEntry, categories: Category[]): HTMLElement | null {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (!before && !after) return null;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN_KEYS.has(k));
  const changed = keys.filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null));
  if (changed.length === 0) return null;
  const creation = !before;
  return h(
    'table',
    { class: 'diff' },
    h('caption', { class: 'sr-only' }, m('audit.changes')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, m('audit.col.field')),
        creation ? null : h('th', { scope: 'col' }, m('audit.col.before')),
        creation ? null : h('th', { scope: 'col', class: 'diff__arrow' }, h('span', { class: 'sr-only' }, m('audit.col.arrow'))),
        h('th', { scope: 'col' }, creation ? m('audit.col.value') : m('audit.col.after')),
      ),
    ),
    h(
      'tbody',
      null,
      changed.map((k) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, fieldLabel(k)),
          creation ? null : h('td', { class: 'diff__before' }, valueText(k, before?.[k], categories)),
          creation ? null : h('td', { class: 'diff__arrow', 'aria-hidden': 'true' }, '→'),
          h('td', { class: 'diff__after' }, valueText(k, after?.[k], categories)),
        ),
      ),
    ),
  );
}

/**
 * What each entry is about, in words: the name written in the entry itself when there is
 * one (the name at the time), else the current name or number, looked up once per item
 * (the audit API gives only the id). A failed lookup leaves the generic label.
 */
const names = new Map<string, string>();
const nameKey = (type: string, id: string) => `${type}:${id}`;

function recordedName(entry: AuditEntry): string | null {
  const rec = asRecord(entry.after) ?? asRecord(entry.before);
  return typeof rec?.name === 'string' ? rec.name : null;
}

async function lookUpName(type: EntityType, id: string, signal: AbortSignal): Promise<void> {
  const path = encodeURIComponent(id);
  try {
    if (type === 'product') names.set(nameKey(type, id), (await api.get<AdminProduct>(`/api/admin/products/${path}`, { signal })).name);
    else if (type === 'user') names.set(nameKey(type, id), (await api.get<AdminUser>(`/api/admin/users/${path}`, { signal })).name);
    else if (type === 'order') names.set(nameKey(type, id), (await api.get<StaffOrder>(`/api/staff/orders/${path}`, { signal })).number);
    else if (type === 'centre') for (const c of await api.get<AdminCentre[]>('/api/admin/centres', { signal })) names.set(nameKey('centre', c.id), c.name);
  } catch {
    // Deleted or unreachable: the entry keeps its generic label.
  }
}

async function resolveNames(entries: AuditEntry[], signal: AbortSignal): Promise<void> {
  const todo = new Map<string, { type: EntityType; id: string }>();
  for (const e of entries) {
    const key = nameKey(e.entityType, e.entityId);
    if (recordedName(e) || names.has(key)) continue;
    // One request gives every centre.
    todo.set(e.entityType === 'centre' ? 'centre:*' : key, { type: e.entityType, id: e.entityId });
  }
  const queue = [...todo.values()];
  const worker = async () => {
    for (let next = queue.shift(); next && !signal.aborted; next = queue.shift()) await lookUpName(next.type, next.id, signal);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function entityLink(entry: AuditEntry): HTMLElement {
  const name = recordedName(entry) ?? names.get(nameKey(entry.entityType, entry.entityId)) ?? null;
  const label = name ?? m(`audit.entity.${entry.entityType}` as AdminKey);
  const base = ENTITY_HREF[entry.entityType];
  return base ? h('a', { href: `${base}${entry.entityId}` }, label) : h('span', null, label);
}

/** Every action of the contract has a label: a missing one does not compile. */
const actionKey = (action: AuditAction): AdminKey => `audit.action.${action}`;

function actionText(action: string): string {
  return KNOWN_ACTIONS.has(action) ? m(actionKey(action as AuditAction)) : action;
}

function entryView(entry: AuditEntry, categories: Category[]): HTMLElement {
  const who = entry.actor.name ? m('audit.actor', { name: entry.actor.name, role: roleLabel(entry.actor.role) }) : roleLabel(entry.actor.role);
  return h(
    'li',
    { class: 'audit-entry' },
    h('p', { class: 'audit-entry__when' }, timeEl(entry.at)),
    h('p', { class: 'audit-entry__what' }, h('strong', null, actionText(entry.action)), ' — ', entityLink(entry)),
    h('p', { class: 'audit-entry__who' }, m('audit.by', { who })),
    changes(entry, categories),
  );
}

export async function auditPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('audit.title'), m('doc.title'));
  const type = selectField({
    name: 'entityType',
    label: m('audit.filter'),
    options: [{ value: '', label: m('audit.filterAll') }, ...ENTITY_TYPES.map((t) => ({ value: t, label: m(`audit.type.${t}` as AdminKey) }))],
  });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': m('audit.filtersLabel'), action: '/admin/audit', method: 'get' },
    h('div', { class: 'filters__item' }, type.element),
    h('div', { class: 'filters__buttons actions' }, h('button', { type: 'submit', class: 'btn btn--primary' }, m('filters.apply'))),
  );
  const scope = h('div', { class: 'notice', hidden: true });
  const count = h('p', { class: 'result-count', role: 'status' });
  const results = h('div', { class: 'results' });
  mount(ctx.main, pageHead(m('audit.title'), { intro: m('audit.intro') }), form, scope, count, results);
  const typeIn = (c: PageContext): EntityType | '' =>
    ENTITY_TYPES.includes(c.query.get('entityType') as EntityType) ? (c.query.get('entityType') as EntityType) : '';
  // Set from the address now, before anything is awaited: a filter chosen while the page is
  // still loading must not be put back by the first load.
  type.input.value = typeIn(ctx);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(hrefWith('/admin/audit', { entityType: type.input.value }));
  });

  let categories: Category[] = [];
  try {
    categories = await loadCategories();
  } catch {
    categories = [];
  }
  let current = ctx;

  async function load(c: PageContext): Promise<void> {
    current = c;
    const entityType = typeIn(c);
    const entityId = entityType ? (c.query.get('entityId') ?? '') : '';
    scope.hidden = !entityId;
    if (entityId && entityType) {
      mount(
        scope,
        h('p', null, m(`audit.scope.${entityType}` as AdminKey), ' ', h('a', { href: `${ENTITY_HREF[entityType]}${entityId}` }, m('audit.scopeOpen'))),
        h('p', null, h('a', { href: hrefWith('/admin/audit', { entityType }) }, m('audit.scopeAll'))),
      );
    }
    const page = pageNumber(c.query);
    count.textContent = '';
    const data = await loadInto(results, {
      signal: c.signal,
      loading: m('audit.loading'),
      fetch: () => api.get<Paged<AuditEntry>>(hrefWith('/api/admin/audit', { entityType, entityId, page, pageSize: PAGE_SIZE }), { signal: c.signal }),
      onRetry: () => void load(current),
    });
    if (!data) return;
    await resolveNames(data.items, c.signal);
    if (c.signal.aborted) return;
    count.textContent = mn('audit.count', data.total);
    if (data.items.length === 0) {
      results.replaceChildren(emptyState({ title: m('audit.empty') }));
      return;
    }
    results.replaceChildren(
      h(
        'ol',
        { class: 'audit-list', 'aria-label': m('audit.listLabel') },
        data.items.map((e) => entryView(e, categories)),
      ),
      pager({ page, pageSize: PAGE_SIZE, total: data.total, href: (n) => hrefWith('/admin/audit', { entityType, entityId, page: n }) }) ?? '',
    );
  }

  await load(ctx);
  return {
    // Another address of this page (filter applied, back, forward): the select follows it.
    update: (c) => {
      type.input.value = typeIn(c);
      return load(c);
    },
  };
}

/** Products: a searchable list with category and on-sale filters. */

import { api, type Category } from '../../shared/api.ts';
import { dataTable } from '../../shared/console-ui.ts';
import { h, heartIcon, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { emptyState } from '../../shared/ui.ts';
import { loadCategories } from '../../shared/categories.ts';
import { hrefWith, loadInto, pageHead, pageNumber, pager, saleBadge, selectField, tableRegion, textField } from '../kit.ts';
import { m, mn } from '../messages.ts';
import { navigate, setTitle, type PageContext, type PageHandle } from '../router.ts';
import type { AdminProduct, Paged } from '../../../contract/index.ts';

const PAGE_SIZE = 25;
const LOW_STOCK = 5;

/** A small square picture of the product, or a drawn placeholder; decorative (the name is next to it). */
export function thumbnail(imageUrl: string | null, size = 48): HTMLElement {
  const placeholder = () => h('span', { class: 'thumb thumb--none' }, heartIcon('thumb__heart'));
  if (!imageUrl) return placeholder();
  const img = h('img', { class: 'thumb', src: imageUrl, alt: '', width: size, height: size, loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
  return img;
}

export function stockCell(stock: number): HTMLElement {
  if (stock <= 0) return h('span', { class: 'stock-value stock-value--out' }, m('products.stockOut'));
  return h('span', { class: `stock-value ${stock <= LOW_STOCK ? 'stock-value--low' : ''}` }, String(stock));
}

export async function productsPage(ctx: PageContext): Promise<PageHandle> {
  setTitle(m('products.title'), m('doc.title'));
  const q = textField({ name: 'q', label: m('products.search'), hint: m('products.searchHint') });
  q.input.type = 'search';
  const categoryHolder = h('div', { class: 'filters__item' });
  const sale = selectField({
    name: 'onSale',
    label: m('products.saleFilter'),
    options: [
      { value: '', label: m('products.saleAll') },
      { value: 'true', label: m('products.saleOn') },
      { value: 'false', label: m('products.saleOff') },
    ],
  });
  let category = selectField({ name: 'category', label: m('products.category'), options: [{ value: '', label: m('products.allCategories') }] });
  categoryHolder.append(category.element);
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, m('filters.apply'));
  const clear = h('a', { class: 'btn btn--ghost btn--small', href: '/admin/products' }, m('filters.clear'));
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': m('products.filtersLabel'), action: '/admin/products', method: 'get' },
    h('div', { class: 'filters__item filters__item--grow' }, q.element),
    categoryHolder,
    h('div', { class: 'filters__item' }, sale.element),
    h('div', { class: 'filters__buttons actions' }, submit),
  );
  const count = h('p', { class: 'result-count', role: 'status' });
  const results = h('div', { class: 'results' });
  mount(
    ctx.main,
    pageHead(m('products.title'), {
      intro: m('products.intro'),
      actions: h('a', { class: 'btn btn--primary', href: '/admin/products/new' }, h('span', { 'aria-hidden': 'true' }, '+ '), m('products.new')),
    }),
    form,
    h('div', { class: 'results-bar' }, count, clear),
    results,
  );

  let categories: Category[] = [];
  let current = ctx;

  function readForm(): Record<string, string> {
    return { q: q.input.value.trim(), category: category.input.value, onSale: sale.input.value };
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(hrefWith('/admin/products', readForm()));
  });

  function fillForm(query: URLSearchParams): void {
    q.input.value = query.get('q') ?? '';
    category.input.value = query.get('category') ?? '';
    sale.input.value = query.get('onSale') ?? '';
    clear.hidden = !(query.get('q') || query.get('category') || query.get('onSale'));
  }

  async function setupCategories(): Promise<void> {
    try {
      categories = await loadCategories();
    } catch {
      categories = [];
    }
    const value = current.query.get('category') ?? '';
    category = selectField({
      name: 'category',
      label: m('products.category'),
      value,
      options: [{ value: '', label: m('products.allCategories') }, ...categories.map((c) => ({ value: c.slug, label: c.name }))],
    });
    categoryHolder.replaceChildren(category.element);
  }

  async function load(c: PageContext): Promise<void> {
    current = c;
    fillForm(c.query);
    const query = c.query;
    const page = pageNumber(query);
    const params = { q: query.get('q') ?? '', category: query.get('category') ?? '', onSale: query.get('onSale') ?? '' };
    count.textContent = '';
    const data = await loadInto(results, {
      signal: c.signal,
      loading: m('products.loading'),
      fetch: () => api.get<Paged<AdminProduct>>(hrefWith('/api/admin/products', { ...params, page, pageSize: PAGE_SIZE }), { signal: c.signal }),
      onRetry: () => void load(current),
    });
    if (!data) return;
    const text = params.q ? mn('products.countQuery', data.total, { q: params.q }) : mn('products.count', data.total);
    count.textContent = text;
    if (data.items.length === 0) {
      const filtered = Boolean(params.q || params.category || params.onSale);
      results.replaceChildren(
        emptyState({
          title: filtered ? m('products.emptyFiltered') : m('products.empty'),
          text: filtered ? m('products.emptyFilteredHint') : undefined,
          action: filtered ? undefined : h('a', { class: 'btn btn--primary', href: '/admin/products/new' }, m('products.new')),
        }),
      );
      return;
    }
    const categoryName = (slug: string) => categories.find((x) => x.slug === slug)?.name ?? slug;
    const table = dataTable({
      class: 'table',
      caption: text,
      columns: [
        [h('span', { class: 'sr-only' }, m('products.col.photo')), 'col-thumb'],
        [m('products.col.name')],
        [m('products.col.category'), 'col-hide-md'],
        [m('products.col.price'), 'num'],
        [m('products.col.stock'), 'num'],
        [m('products.col.state')],
      ],
      rows: data.items.map((p) =>
        h(
          'tr',
          { class: p.onSale ? '' : 'is-off' },
          h('td', { class: 'col-thumb' }, thumbnail(p.imageUrl)),
          h(
            'td',
            null,
            h('a', { class: 'row-link', href: `/admin/products/${p.id}` }, p.name),
            p.unit ? h('span', { class: 'cell-sub' }, p.unit) : null,
            p.maxPerOrder ? h('span', { class: 'cell-sub' }, m('products.maxPerOrderShort', { n: p.maxPerOrder })) : null,
          ),
          h('td', { class: 'col-hide-md' }, categoryName(p.category)),
          h('td', { class: 'num' }, formatPrice(p.priceCents)),
          h('td', { class: 'num' }, stockCell(p.stock)),
          h('td', null, saleBadge(p.onSale)),
        ),
      ),
    });
    results.replaceChildren(
      tableRegion(text, table),
      pager({ page, pageSize: PAGE_SIZE, total: data.total, href: (n) => hrefWith('/admin/products', { ...params, page: n }) }) ?? '',
    );
  }

  await setupCategories();
  await load(ctx);
  return { update: (c) => load(c) };
}

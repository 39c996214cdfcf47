/**
 * The catalogue: search box, category filter, product grid and paging. The search,
 * category and page live in the address (?q=&category=&page=), so a result can be
 * shared and the back button walks through earlier searches.
 */

import { api, ApiError, isAbort, withQuery, type Category, type Product, type ProductPage } from '../../shared/api.ts';
import { h, heartIcon, mount, s, uid } from '../../shared/dom.ts';
import { searchInput } from '../../shared/forms.ts';
import { formatPrice } from '../../shared/format.ts';
import { t, tn } from '../../shared/i18n.ts';
import { announce, emptyState, errorState } from '../../shared/ui.ts';
import { loadCategories } from '../../shared/categories.ts';
import { productImage, rememberCatalogue, stockBadge } from '../products.ts';
import { cardCartControl, type CartControl } from '../add-to-cart.ts';
import { onCartChange } from '../cart-store.ts';
import { cleanups, onCatalogChanged, onLiveRefresh, onStockChanged } from '../live.ts';
import { navigate, type PageContext, type PageHandle } from '../router.ts';

export const PAGE_SIZE = 24;

const SORTS = ['relevance', 'name', 'price'] as const;
type Sort = (typeof SORTS)[number];

interface Filters {
  q: string;
  category: string;
  page: number;
  /** Empty: the server's default (relevance with a search, else name). */
  sort: Sort | '';
}

function readFilters(query: URLSearchParams): Filters {
  const page = Number.parseInt(query.get('page') ?? '1', 10);
  return {
    q: (query.get('q') ?? '').trim().slice(0, 200),
    category: query.get('category') ?? '',
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
    sort: SORTS.find((x) => x === query.get('sort')) ?? '',
  };
}

/** The catalogue address for these filters (empty ones left out, page 1 implied). */
export function catalogueUrl(f: Partial<Filters>): string {
  return withQuery('/', {
    q: f.q || undefined,
    category: f.category || undefined,
    sort: f.sort || undefined,
    page: f.page && f.page > 1 ? f.page : undefined,
  });
}

export async function renderCatalogue(ctx: PageContext): Promise<PageHandle> {
  let filters = readFilters(ctx.query);
  let categories: Category[] = [];
  let signal = ctx.signal;

  // --- Hero with the search form ----------------------------------------------------------
  const searchId = uid('search');
  const search = searchInput({
    id: searchId,
    name: 'q',
    value: filters.q,
    placeholder: t('catalogue.searchPlaceholder'),
    enterkeyhint: 'search',
    maxlength: 200,
  });
  const searchForm = h(
    'form',
    { class: 'search', role: 'search', action: '/', method: 'get' },
    h('label', { class: 'search__label', for: searchId }, t('catalogue.searchLabel')),
    h(
      'div',
      { class: 'search__row' },
      search,
      h(
        'button',
        { type: 'submit', class: 'btn btn--primary search__button' },
        searchIcon(),
        h('span', { class: 'search__button-text' }, t('catalogue.searchButton')),
      ),
    ),
  );
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(catalogueUrl({ q: search.value.trim(), category: filters.category, sort: filters.sort === 'price' ? 'price' : '' }));
  });

  const hero = h(
    'div',
    { class: 'hero' },
    h('p', { class: 'hero__kicker' }, heartIcon('hero__heart'), t('money.costPrice')),
    h('h1', { class: 'hero__title' }, t('catalogue.heroTitle')),
    h('p', { class: 'hero__text' }, t('catalogue.heroText')),
    searchForm,
  );

  // --- Category filter ----------------------------------------------------------------------
  const categoryList = h('ul', { class: 'chips' });
  const categoryNav = h('nav', { class: 'categories', 'aria-label': t('catalogue.categories') }, categoryList);

  function renderCategories(): void {
    const entries: Array<{ slug: string; name: string }> = [{ slug: '', name: t('catalogue.allCategories') }, ...categories];
    mount(
      categoryList,
      entries.map((c) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              class: 'chip',
              href: catalogueUrl({ q: filters.q, category: c.slug }),
              'aria-current': c.slug === filters.category ? 'page' : undefined,
              lang: c.slug ? 'fr' : undefined,
            },
            c.name,
          ),
        ),
      ),
    );
    categoryNav.hidden = categories.length === 0;
  }

  // --- Results ------------------------------------------------------------------------------
  const resultsHeadingId = uid('results');
  const resultsHeading = h('h2', { id: resultsHeadingId, class: 'results__title', tabindex: '-1' });
  const count = h('p', { class: 'results__count', role: 'status', 'aria-live': 'polite' });
  const body = h('div', { class: 'results__body' });
  const sortId = uid('sort');
  const sortSelect = h(
    'select',
    { id: sortId, class: 'input results__sort-select' },
    SORTS.map((value) => h('option', { value }, t(`catalogue.sort.${value}`))),
  );
  sortSelect.addEventListener('change', () => {
    navigate(catalogueUrl({ q: filters.q, category: filters.category, sort: sortSelect.value as Sort }));
  });
  const sortField = h('div', { class: 'results__sort' }, h('label', { for: sortId }, t('catalogue.sortLabel')), sortSelect);
  function syncSort(): void {
    sortSelect.value = filters.sort || (filters.q ? 'relevance' : 'name');
    // Relevance means something only for a search.
    sortSelect.options[0]!.disabled = !filters.q;
  }
  const pagination = h('nav', { class: 'pagination', 'aria-label': t('catalogue.pagination'), hidden: true });
  const results = h(
    'section',
    { class: 'results', 'aria-labelledby': resultsHeadingId },
    h('div', { class: 'results__head' }, resultsHeading, count, sortField),
    body,
    pagination,
  );

  mount(ctx.main, h('div', { class: 'container catalogue' }, hero, categoryNav, results));

  // --- Cart controls and live stock, per card on screen ---------------------------------------
  const cards = new Map<string, CardView>();
  const stop = cleanups();
  stop.add(
    onCartChange((cart) => {
      for (const card of cards.values()) card.control.sync(cart);
    }),
  );
  stop.add(
    onStockChanged(({ productId, stock }) => {
      cards.get(productId)?.setStock(stock);
    }),
  );
  // Connected only now, or reconnected after missing events: the stock shown may be stale.
  stop.add(onLiveRefresh(() => void refreshStocks()));
  // A product taken off sale leaves the page at once (said to screen readers; the focus, if it
  // was on the card, goes to a neighbour).
  stop.add(
    onCatalogChanged(({ productId }) => {
      const card = productId ? cards.get(productId) : undefined;
      if (!productId || !card) return;
      api.get<Product>(`/api/products/${encodeURIComponent(productId)}`, { signal }).then(
        (p) => card.setStock(p.stock),
        (err: unknown) => {
          if (!(err instanceof ApiError) || err.status !== 404 || !cards.has(productId)) return;
          const name = card.element.querySelector('.card__title')?.textContent ?? '';
          const hadFocus = card.element.contains(document.activeElement);
          const neighbour = (card.element.nextElementSibling ?? card.element.previousElementSibling)?.querySelector<HTMLElement>('a, button');
          card.element.remove();
          cards.delete(productId);
          if (hadFocus) (neighbour ?? resultsHeading).focus();
          announce(t('catalogue.withdrawn', { name }));
        },
      );
    }),
  );

  async function refreshStocks(): Promise<void> {
    if (cards.size === 0) return;
    try {
      const data = await api.get<ProductPage>(
        withQuery('/api/products', { q: filters.q, category: filters.category, sort: filters.sort || undefined, page: filters.page, pageSize: PAGE_SIZE }),
        { signal },
      );
      for (const p of data.items) cards.get(p.id)?.setStock(p.stock);
    } catch {
      // The next change or reconnection brings the stock up to date.
    }
  }

  const categoryName = (slug: string): string | undefined => categories.find((c) => c.slug === slug)?.name;

  function updateTitles(): void {
    // Once the person is searching or browsing, the pitch gives its room to the results (on phones).
    hero.classList.toggle('hero--compact', Boolean(filters.q || filters.category || filters.page > 1));
    resultsHeading.textContent = filters.category ? (categoryName(filters.category) ?? filters.category) : t('catalogue.allProducts');
    const base = filters.q ? t('catalogue.titleQuery', { q: filters.q }) : (filters.category && categoryName(filters.category)) || t('catalogue.title');
    ctx.setTitle(base);
  }

  function showSkeleton(): void {
    cards.clear();
    body.setAttribute('aria-busy', 'true');
    count.classList.remove('sr-only');
    count.textContent = t('catalogue.loading');
    mount(
      body,
      h(
        'ul',
        { class: 'grid', 'aria-hidden': 'true' },
        Array.from({ length: 8 }, () =>
          h(
            'li',
            { class: 'card card--skeleton' },
            h('div', { class: 'skeleton skeleton--media' }),
            h('div', { class: 'skeleton skeleton--line' }),
            h('div', { class: 'skeleton skeleton--line skeleton--short' }),
          ),
        ),
      ),
    );
  }

  function showResults(data: ProductPage): void {
    body.removeAttribute('aria-busy');
    const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    count.textContent = filters.q ? tn('catalogue.countQuery', data.total, { q: filters.q }) : tn('catalogue.count', data.total);
    if (data.items.length === 0) {
      const reset = h('a', { class: 'btn btn--secondary', href: '/' }, t('catalogue.showAll'));
      mount(
        body,
        emptyState({
          title: filters.q ? t('catalogue.emptyQuery', { q: filters.q }) : t('catalogue.emptyCategory'),
          text: t('catalogue.emptyHint'),
          action: reset,
        }),
      );
      // The count is the live region: it says the same sentence, to screen readers only.
      count.textContent = filters.q ? t('catalogue.emptyQuery', { q: filters.q }) : t('catalogue.emptyCategory');
      count.classList.add('sr-only');
    } else {
      mount(
        body,
        h(
          'ul',
          { class: 'grid' },
          data.items.map((p) => {
            const card = productCard(p);
            cards.set(p.id, card);
            return card.element;
          }),
        ),
      );
    }
    renderPagination(data.total > 0 ? pages : 0);
  }

  function renderPagination(pages: number): void {
    if (pages <= 1) {
      pagination.hidden = true;
      pagination.replaceChildren();
      return;
    }
    pagination.hidden = false;
    const page = filters.page;
    const link = (target: number, label: string, cls: string, rel?: string) =>
      h('a', { class: `pagination__link ${cls}`, href: catalogueUrl({ ...filters, page: target }), rel }, label);
    const disabled = (label: string, cls: string) => h('span', { class: `pagination__link ${cls} is-disabled`, 'aria-disabled': 'true' }, label);
    const numbers = pageNumbers(page, pages).map((n) =>
      n === null
        ? h('li', { class: 'pagination__gap', 'aria-hidden': 'true' }, '…')
        : h(
            'li',
            null,
            h(
              'a',
              {
                class: 'pagination__link pagination__number',
                href: catalogueUrl({ ...filters, page: n }),
                'aria-label': t('catalogue.pageN', { page: n }),
                'aria-current': n === page ? 'page' : undefined,
              },
              String(n),
            ),
          ),
    );
    mount(
      pagination,
      h(
        'ul',
        { class: 'pagination__list' },
        h(
          'li',
          null,
          page > 1 ? link(page - 1, `‹ ${t('catalogue.previous')}`, 'pagination__prev', 'prev') : disabled(`‹ ${t('catalogue.previous')}`, 'pagination__prev'),
        ),
        numbers,
        h(
          'li',
          null,
          page < pages ? link(page + 1, `${t('catalogue.next')} ›`, 'pagination__next', 'next') : disabled(`${t('catalogue.next')} ›`, 'pagination__next'),
        ),
      ),
      h('p', { class: 'pagination__status' }, t('catalogue.pageOf', { page: Math.min(page, pages), pages })),
    );
  }

  async function loadResults(focusResults: boolean): Promise<void> {
    syncSort();
    showSkeleton();
    updateTitles();
    const mySignal = signal;
    try {
      const data = await api.get<ProductPage>(
        withQuery('/api/products', { q: filters.q, category: filters.category, sort: filters.sort || undefined, page: filters.page, pageSize: PAGE_SIZE }),
        { signal: mySignal },
      );
      if (mySignal.aborted) return;
      showResults(data);
      if (focusResults) {
        resultsHeading.focus({ preventScroll: true });
        results.scrollIntoView({ block: 'start' });
      }
    } catch (err) {
      if (isAbort(err) || mySignal.aborted) return;
      body.removeAttribute('aria-busy');
      count.textContent = '';
      pagination.hidden = true;
      mount(body, errorState({ title: t('catalogue.error'), error: err, onRetry: () => void loadResults(false) }));
    }
  }

  try {
    categories = await loadCategories();
  } catch {
    categories = []; // The filter is a help, not a must: the products still show.
  }
  if (ctx.signal.aborted) {
    stop.run();
    return {};
  }
  renderCategories();
  rememberCatalogue(ctx.url.pathname + ctx.url.search);
  await loadResults(false);

  return {
    destroy: () => stop.run(),
    async update(next) {
      const previous = filters;
      filters = readFilters(next.query);
      signal = next.signal;
      rememberCatalogue(next.url.pathname + next.url.search);
      search.value = filters.q;
      if (categories.length === 0) categories = await loadCategories().catch((): Category[] => []);
      if (next.signal.aborted) return;
      renderCategories();
      const onlyPageChanged =
        previous.q === filters.q && previous.category === filters.category && previous.sort === filters.sort && previous.page !== filters.page;
      await loadResults(onlyPageChanged);
    },
  };
}

interface CardView {
  element: HTMLElement;
  control: CartControl;
  setStock(stock: number): void;
}

function productCard(product: Product): CardView {
  const href = `/products/${encodeURIComponent(product.id)}`;
  const stockSlot = h('div', { class: 'card__stock' }, stockBadge(product.stock));
  const control = cardCartControl(product);
  const element = h(
    'li',
    { class: `card${product.stock <= 0 ? ' card--out' : ''}`, 'data-product-id': product.id },
    h('div', { class: 'card__media' }, productImage(product, { width: 400, height: 300, className: 'card__image' })),
    h(
      'div',
      { class: 'card__body' },
      // Product data is written in French: say so when the page is in English.
      h('h3', { class: 'card__title', lang: 'fr' }, h('a', { class: 'card__link', href }, product.name)),
      h('p', { class: 'card__unit', lang: 'fr' }, product.unit),
      h('div', { class: 'card__footer' }, h('p', { class: 'price' }, formatPrice(product.priceCents)), stockSlot),
      control.element,
    ),
  );
  return {
    element,
    control,
    setStock(stock) {
      // Quietly: a grid of products changing aloud would drown the page.
      mount(stockSlot, stockBadge(stock));
      element.classList.toggle('card--out', stock <= 0);
      control.setStock(stock);
    },
  };
}

/** 1 … 4 5 6 … 12: the first, the last, and the neighbours of the current page. */
function pageNumbers(page: number, pages: number): Array<number | null> {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const [i, n] of sorted.entries()) {
    const prev = sorted[i - 1];
    if (prev !== undefined && n - prev > 1) out.push(null);
    out.push(n);
  }
  return out;
}

function searchIcon(): SVGElement {
  return s(
    'svg',
    { class: 'search__icon', viewBox: '0 0 24 24', width: 22, height: 22, 'aria-hidden': 'true', focusable: 'false' },
    s('circle', { cx: 10.5, cy: 10.5, r: 6.5, fill: 'none', stroke: 'currentColor', 'stroke-width': 2.5 }),
    s('path', { d: 'M15.5 15.5L21 21', stroke: 'currentColor', 'stroke-width': 2.5, 'stroke-linecap': 'round' }),
  );
}

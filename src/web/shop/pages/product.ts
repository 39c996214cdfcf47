/** One product: picture, name, price at cost, stock and description (404 state too). */

import { api, ApiError, isAbort, type Category, type Product } from '../../shared/api.ts';
import { h, heartIcon, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t } from '../../shared/i18n.ts';
import { announce, errorState, spinner, pageState } from '../../shared/ui.ts';
import { loadCategories } from '../../shared/categories.ts';
import { catalogueHref, productImage, stockBadge } from '../products.ts';
import { focusHeading, type PageContext, type PageHandle } from '../router.ts';
import { buyBox, type CartControl } from '../add-to-cart.ts';
import { onCartChange } from '../cart-store.ts';
import { cleanups, onCatalogChanged, onLiveRefresh, onStockChanged } from '../live.ts';
import { catalogueUrl } from './catalogue.ts';
import { stockAlertBox, type StockAlertControl } from '../stock-alert.ts';

export async function renderProduct(ctx: PageContext): Promise<PageHandle> {
  const container = h('div', { class: 'container product-page' });
  mount(ctx.main, container);
  const stop = cleanups();
  /** The product on screen, with what shows its stock (live). */
  let live: { product: Product; stockSlot: HTMLElement; buy: CartControl; alert: StockAlertControl } | undefined;

  function setStock(stock: number, quietly = false): void {
    if (!live || live.product.stock === stock) return;
    const before = live.product.stock;
    live.product = { ...live.product, stock };
    mount(live.stockSlot, stockBadge(stock));
    live.buy.setStock(stock);
    live.alert.setStock(stock);
    if (quietly) return;
    // Politely, without moving the focus: the person may be choosing a quantity.
    if (stock <= 0) announce(t('stock.nowOut'));
    else if (stock < before) announce(t('stock.nowLeft', { n: stock }));
    else announce(t('stock.backIn', { n: stock }));
  }

  stop.add(
    onStockChanged((c) => {
      if (live && c.productId === live.product.id) setStock(c.stock);
    }),
  );
  stop.add(onCartChange((cart) => live?.buy.sync(cart)));
  // Taken off sale while the page is open: the buy box gives way to a plain sentence, said aloud.
  stop.add(
    onCatalogChanged(({ productId }) => {
      const shown = live;
      if (!shown || productId !== shown.product.id) return;
      api.get<Product>(`/api/products/${encodeURIComponent(productId)}`, { signal: ctx.signal }).then(
        (p) => setStock(p.stock, true),
        (err: unknown) => {
          if (!(err instanceof ApiError) || err.status !== 404) return;
          const hadFocus = shown.buy.element.contains(document.activeElement);
          const notice = h('p', { class: 'notice notice--warning product__withdrawn', tabindex: '-1' }, t('product.withdrawn'));
          shown.buy.element.replaceWith(notice);
          mount(shown.stockSlot);
          if (hadFocus) notice.focus();
          announce(t('product.withdrawn'));
        },
      );
    }),
  );
  stop.add(
    onLiveRefresh(() => {
      if (!live) return;
      api.get<Product>(`/api/products/${encodeURIComponent(live.product.id)}`, { signal: ctx.signal }).then(
        (p) => setStock(p.stock),
        () => undefined,
      );
    }),
  );

  async function load(isRetry: boolean): Promise<void> {
    mount(container, spinner(t('product.loading')));
    ctx.main.setAttribute('aria-busy', 'true');
    try {
      const [product, categories] = await Promise.all([
        api.get<Product>(`/api/products/${encodeURIComponent(ctx.params.id ?? '')}`, { signal: ctx.signal }),
        loadCategories().catch((): Category[] => []),
      ]);
      if (ctx.signal.aborted) return;
      showProduct(product, categories);
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 404) showNotFound();
      else showError(err);
    } finally {
      if (!ctx.signal.aborted) ctx.main.removeAttribute('aria-busy');
    }
    if (isRetry) focusHeading();
  }

  function backLink(): HTMLElement {
    return h('a', { class: 'back-link', href: catalogueHref() }, h('span', { 'aria-hidden': 'true' }, '← '), t('common.backToCatalogue'));
  }

  function showProduct(product: Product, categories: Category[]): void {
    ctx.setTitle(product.name);
    const stockSlot = h('div', { class: 'product__stock', 'data-stock': '' }, stockBadge(product.stock));
    const buy = buyBox(product);
    const alert = stockAlertBox(product.id, product.stock, ctx.signal);
    live = { product, stockSlot, buy, alert };
    const category = categories.find((c) => c.slug === product.category);
    mount(
      container,
      h(
        'nav',
        { class: 'breadcrumb', 'aria-label': t('product.breadcrumb') },
        h(
          'ol',
          { class: 'breadcrumb__list' },
          h('li', null, h('a', { href: '/' }, t('nav.catalogue'))),
          category ? h('li', null, h('a', { href: catalogueUrl({ category: category.slug }) }, category.name)) : null,
          h('li', null, h('span', { 'aria-current': 'page' }, product.name)),
        ),
      ),
      h(
        'article',
        { class: 'product' },
        h('div', { class: 'product__media' }, productImage(product, { width: 600, height: 450, lazy: false, className: 'product__image' })),
        h(
          'div',
          { class: 'product__info' },
          category ? h('p', { class: 'product__category' }, category.name) : null,
          h('h1', { class: 'product__title' }, product.name),
          h('p', { class: 'product__unit' }, t('product.unit', { unit: product.unit })),
          h(
            'div',
            { class: 'product__buy' },
            h('p', { class: 'price price--large' }, formatPrice(product.priceCents)),
            h('p', { class: 'product__cost-note' }, t('product.costPriceNote')),
            stockSlot,
            buy.element,
            alert.element,
          ),
          h('h2', { class: 'product__subtitle' }, t('product.description')),
          h('p', { class: 'product__description', lang: 'fr' }, product.description),
          h('p', { class: 'gift-note' }, heartIcon('gift-note__heart'), t('product.giftNote')),
          backLink(),
        ),
      ),
    );
  }

  function showNotFound(): void {
    ctx.setTitle(t('product.notFoundTitle'));
    mount(
      container,
      pageState({ title: t('product.notFoundTitle'), text: t('product.notFoundText'), link: [catalogueHref(), t('common.backToCatalogue')], heading: true }),
    );
  }

  function showError(err: unknown): void {
    ctx.setTitle(t('product.error'));
    mount(container, h('h1', { class: 'page-title' }, t('product.error')), errorState({ error: err, onRetry: () => void load(true) }), backLink());
  }

  await load(false);
  return { destroy: () => stop.run() };
}

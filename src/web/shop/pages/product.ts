/** One product: picture, name, price at cost, stock and description (404 state too). */

import { api, ApiError, isAbort, type Category, type Product } from '../../shared/api.ts';
import { h, heartIcon, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t } from '../../shared/i18n.ts';
import { errorState, spinner } from '../../shared/ui.ts';
import { catalogueHref, loadCategories, productImage, stockBadge } from '../products.ts';
import { focusHeading, type PageContext } from '../router.ts';
import { catalogueUrl } from './catalogue.ts';

export async function renderProduct(ctx: PageContext): Promise<void> {
  const container = h('div', { class: 'container product-page' });
  mount(ctx.main, container);

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
          category ? h('p', { class: 'product__category', lang: 'fr' }, category.name) : null,
          h('h1', { class: 'product__title', lang: 'fr' }, product.name),
          h('p', { class: 'product__unit' }, t('product.unit', { unit: product.unit })),
          h(
            'div',
            { class: 'product__buy' },
            h('p', { class: 'price price--large' }, formatPrice(product.priceCents)),
            h('p', { class: 'product__cost-note' }, t('product.costPriceNote')),
            stockBadge(product.stock),
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
      h(
        'div',
        { class: 'state state--empty state--page' },
        h('h1', { class: 'state__title' }, t('product.notFoundTitle')),
        h('p', { class: 'state__text' }, t('product.notFoundText')),
        h('a', { class: 'btn btn--primary', href: catalogueHref() }, t('common.backToCatalogue')),
      ),
    );
  }

  function showError(err: unknown): void {
    ctx.setTitle(t('product.error'));
    mount(
      container,
      h('h1', { class: 'page-title' }, t('product.error')),
      errorState({ error: err, onRetry: () => void load(true) }),
      backLink(),
    );
  }

  await load(false);
}

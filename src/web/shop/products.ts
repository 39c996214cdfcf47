/** Pieces shared by the catalogue and the product page. */

import type { Product } from '../shared/api.ts';
import { h, heartIcon } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';

/** At or below this many, the stock is shown as running low. */
export const LOW_STOCK = 5;

export function stockBadge(stock: number): HTMLElement {
  if (stock <= 0) return h('p', { class: 'stock stock--out' }, t('stock.out'));
  if (stock <= LOW_STOCK) return h('p', { class: 'stock stock--low' }, t('stock.low', { n: stock }));
  return h('p', { class: 'stock stock--in' }, t('stock.in', { n: stock }));
}

/**
 * The product's picture, lazily loaded, with its size set so nothing jumps when it
 * arrives. A missing picture becomes a drawn placeholder.
 */
export function productImage(
  product: Pick<Product, 'name' | 'imageUrl'>,
  opts: { width: number; height: number; lazy?: boolean; className?: string },
): HTMLElement {
  const placeholder = () =>
    h(
      'div',
      { class: `product-image product-image--placeholder ${opts.className ?? ''}`, role: 'img', 'aria-label': product.name },
      heartIcon('product-image__heart'),
    );
  if (!product.imageUrl) return placeholder();
  const img = h('img', {
    class: `product-image ${opts.className ?? ''}`,
    src: product.imageUrl,
    alt: product.name,
    width: opts.width,
    height: opts.height,
    loading: opts.lazy === false ? 'eager' : 'lazy',
    decoding: 'async',
  });
  img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
  return img;
}

/** The last catalogue address visited, so "back to the catalogue" keeps the search. */
let lastCatalogue = '/';
export const rememberCatalogue = (url: string): void => {
  lastCatalogue = url;
};
export const catalogueHref = (): string => lastCatalogue;

/**
 * Putting products in the cart from the catalogue cards and the product page (signed in or
 * not: a guest's cart is kept on the server), and the plain-words messages for what the
 * server cut (`adjusted`) or refused. A cut is never shown as a green "Ajouté".
 */

import { ApiError, type Cart, type Product, type StockShortage } from '../shared/api.ts';
import { h } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { announce, errorText, toast } from '../shared/ui.ts';
import { adjustmentTexts, cartLine, maxQuantity, setLine, wasCut } from './cart-store.ts';
import { limitText } from './limits.ts';
import { stepper, type Stepper } from './stepper.ts';

/**
 * Tells each cut of this answer in words (a toast, read out by screen readers); true when
 * there was one, so the caller does not also say "Ajouté".
 */
export function reportCuts(cart: Cart, names: ReadonlyMap<string, string> = new Map()): boolean {
  const texts = adjustmentTexts(cart, names);
  for (const text of texts) toast(text, 'info', 8000);
  return texts.length > 0;
}

/** The sentence for a refused cart change; `onStock` hears the stock the server reported. */
export function cartErrorText(err: unknown, product: { maxPerOrder?: number | null }, onStock?: (available: number) => void): string {
  if (err instanceof ApiError) {
    if (err.code === 'insufficient_stock') {
      const available = Array.isArray(err.details) ? (err.details as StockShortage[])[0]?.available : undefined;
      if (available !== undefined) {
        onStock?.(available);
        return available <= 0 ? t('cart.nowOut') : t('cart.onlyLeft', { n: available });
      }
      return t('cart.notEnough');
    }
    const limited = limitText(err);
    if (limited) return limited;
    if (err.code === 'validation_failed' && product.maxPerOrder) return t('cart.maxPerOrder', { n: product.maxPerOrder });
    if (err.status === 404) return t('cart.notOnSale');
  }
  return errorText(err);
}

export interface CartControl {
  element: HTMLElement;
  /** The cart changed (here or elsewhere): show its quantity. */
  sync(cart: Cart | null): void;
  setStock(stock: number): void;
}

/**
 * A card's control: "Ajouter au panier" while the product is not in the cart, then a
 * stepper with the cart's quantity (down to 0, which takes it out).
 */
export function cardCartControl(product: Product): CartControl {
  let stock = product.stock;
  const element = h('div', { class: 'card__cart' });
  const addButton = h(
    'button',
    { type: 'button', class: 'btn btn--primary btn--small btn--block card__add' },
    cartIcon(),
    h('span', { 'aria-hidden': 'true' }, t('cart.addShort')),
    h('span', { class: 'sr-only' }, t('cart.addNamed', { name: product.name })),
  );
  const qty = stepper({
    label: t('cart.qtyInCartOf', { name: product.name }),
    itemName: product.name,
    min: 0,
    max: maxQuantity(stock, product.maxPerOrder),
    value: 0,
    className: 'stepper--compact',
    onChange: (n) => void change(n),
  });
  let shown: 'add' | 'stepper' | undefined;

  function show(mode: 'add' | 'stepper'): void {
    if (shown === mode) return;
    const hadFocus = element.contains(document.activeElement);
    shown = mode;
    element.replaceChildren(mode === 'add' ? addButton : qty.element);
    if (hadFocus) (mode === 'add' ? addButton : qty.plus).focus();
  }

  function render(): void {
    const inCart = cartLine(product.id)?.quantity ?? 0;
    const max = maxQuantity(stock, product.maxPerOrder);
    if (inCart > 0) {
      qty.setBounds(0, Math.max(max, inCart));
      qty.set(inCart);
      show('stepper');
    } else {
      const out = max <= 0;
      addButton.setAttribute('aria-disabled', String(out));
      addButton.classList.toggle('is-unavailable', out);
      show('add');
    }
  }

  async function change(quantity: number): Promise<void> {
    const before = cartLine(product.id)?.quantity ?? 0;
    try {
      const cart = await setLine(product.id, quantity);
      const after = cartLine(product.id, cart)?.quantity ?? 0;
      if (wasCut(cart, product.id)) reportCuts(cart, new Map([[product.id, product.name]]));
      else if (before === 0 && after > 0) toast(t('cart.added'), 'success', 3000);
      else if (after === 0) announce(t('cart.removedNamed', { name: product.name }));
      else announce(t('cart.qtyNow', { n: after }));
    } catch (err) {
      toast(
        cartErrorText(err, product, (n) => control.setStock(n)),
        'error',
      );
      render();
    }
  }

  addButton.addEventListener('click', () => {
    if (addButton.getAttribute('aria-disabled') === 'true') return;
    void change((cartLine(product.id)?.quantity ?? 0) + 1);
  });

  const control = cartControl(element, render, (n) => {
    stock = n;
  });
  return control;
}

/**
 * The product page's buy box: how many to add (bounded by the stock, the per-order
 * limit and what is already in the cart), "Ajouter au panier", and what the cart holds.
 */
export function buyBox(product: Product): CartControl {
  let stock = product.stock;
  const qty: Stepper = stepper({ label: t('cart.qtyToAdd'), itemName: product.name, min: 1, max: 1, value: 1, onChange: () => undefined });
  const addButton = h('button', { type: 'button', class: 'btn btn--primary buy__add' }, cartIcon(), h('span', null, t('cart.add')));
  const note = h('p', { class: 'buy__note' });
  const limit = product.maxPerOrder ? h('p', { class: 'buy__limit' }, t('cart.limitNote', { n: product.maxPerOrder })) : null;
  const row = h('div', { class: 'buy__row' }, qty.element, addButton);
  const element = h('div', { class: 'buy' }, row, limit, note);

  function render(): void {
    const inCart = cartLine(product.id)?.quantity ?? 0;
    const room = maxQuantity(stock, product.maxPerOrder) - inCart;
    const unavailable = room <= 0;
    qty.setBounds(1, Math.max(1, room));
    qty.element.hidden = unavailable;
    addButton.setAttribute('aria-disabled', String(unavailable));
    addButton.classList.toggle('is-unavailable', unavailable);
    const label = addButton.querySelector('span:last-child');
    if (label) label.textContent = stock <= 0 ? t('stock.out') : unavailable ? t('cart.maxReached') : t('cart.add');
    if (inCart > 0) {
      note.replaceChildren(t('cart.alreadyIn', { n: inCart }), ' ', h('a', { href: '/cart' }, t('cart.seeCart')));
      note.hidden = false;
    } else {
      note.replaceChildren();
      note.hidden = true;
    }
  }

  addButton.addEventListener('click', () => {
    if (addButton.getAttribute('aria-disabled') === 'true') return;
    const inCart = cartLine(product.id)?.quantity ?? 0;
    const adding = qty.value;
    addButton.setAttribute('aria-disabled', 'true');
    setLine(product.id, inCart + adding).then(
      (cart) => {
        if (!reportCuts(cart, new Map([[product.id, product.name]]))) toast(t('cart.added'), 'success', 3000);
        qty.set(1);
        render();
      },
      (err: unknown) => {
        render();
        toast(
          cartErrorText(err, product, (n) => control.setStock(n)),
          'error',
        );
      },
    );
  });

  const control = cartControl(element, render, (n) => {
    stock = n;
  });
  return control;
}

/** What the catalogue card and the buy box give back: drawn once now, again on every change. */
function cartControl(element: HTMLElement, render: () => void, setStock: (n: number) => void): CartControl {
  render();
  return {
    element,
    sync: render,
    setStock(n) {
      setStock(n);
      render();
    },
  };
}

export function cartIcon(className = 'icon-cart'): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ class: className, viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' })) {
    svg.setAttribute(k, v);
  }
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute(
    'd',
    'M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zM7.2 14h9.9c.75 0 1.4-.41 1.75-1.03L22 6.5 20.25 5.5 17.1 12H8.1L4.3 4H1v2h2l3.6 7.6-1.35 2.45C4.52 17.37 5.48 19 7 19h12v-2H7.42l.9-1.6z',
  );
  svg.appendChild(path);
  return svg;
}

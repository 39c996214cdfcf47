/**
 * The cart: each line with its picture, unit price, quantity, stock (live) and the
 * "I offer this to the Restos du Cœur" switch; the totals with the offered part; then
 * "Passer commande". Lines update in place so the focus stays where the person is.
 */

import { isAbort, type Cart, type CartItem } from '../../shared/api.ts';
import { h, heartIcon, mount, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t, tn } from '../../shared/i18n.ts';
import { announce, errorState, spinner, toast, pageState, offeredRow, totalsRow } from '../../shared/ui.ts';
import { cartErrorText, reportCuts } from '../add-to-cart.ts';
import { currentUser } from '../../shared/session.ts';
import { cartCount, currentCart, loadCart, maxQuantity, onCartChange, setLine, wasCut } from '../cart-store.ts';
import { cleanups, onCatalogChanged, onLiveRefresh } from '../live.ts';
import { catalogueHref, productImage, stockBadge } from '../products.ts';
import { focusHeading, type PageContext, type PageHandle } from '../router.ts';
import { stepper, type Stepper } from '../stepper.ts';

interface LineView {
  element: HTMLLIElement;
  link: HTMLAnchorElement;
  update(item: CartItem): void;
}

export async function renderCart(ctx: PageContext): Promise<PageHandle> {
  ctx.setTitle(t('cart.title'));
  const stop = cleanups();
  const container = h('div', { class: 'container cart-page' });
  mount(ctx.main, container);

  const heading = h('h1', { class: 'page-title' }, t('cart.title'));
  const intro = h('p', { class: 'page-intro' });
  const list = h('ul', { class: 'cart-lines', 'aria-label': t('cart.linesLabel') });
  const summary = h('div', { class: 'cart-summary__body' });
  const summaryTitleId = uid('summary');
  const layout = h(
    'div',
    { class: 'cart-layout' },
    h('section', { class: 'cart-layout__lines', 'aria-label': t('cart.linesLabel') }, list),
    h(
      'aside',
      { class: 'cart-summary panel', 'aria-labelledby': summaryTitleId },
      h('h2', { id: summaryTitleId, class: 'cart-summary__title' }, t('cart.summary')),
      summary,
    ),
  );
  const sticky = h('div', { class: 'cart-sticky', role: 'region', 'aria-label': t('cart.stickyLabel') });
  const views = new Map<string, LineView>();
  let lastItems: CartItem[] = [];

  function lineView(item: CartItem): LineView {
    let current = item;
    const nameId = uid('line');
    const href = `/products/${encodeURIComponent(item.productId)}`;
    const link = h('a', { href, class: 'cart-line__link', id: nameId, lang: 'fr' }, item.name);
    const unitText = h('p', { class: 'cart-line__unit' });
    const stockSlot = h('div', { class: 'cart-line__stock' });
    const warning = h('div', { class: 'cart-line__warning', hidden: true });
    const total = h('p', { class: 'cart-line__total' });
    const qty: Stepper = stepper({
      label: t('cart.qtyOf', { name: item.name }),
      itemName: item.name,
      min: 1,
      max: Math.max(item.quantity, maxQuantity(item.stock, item.maxPerOrder)),
      value: item.quantity,
      onChange: (n) => void changeQuantity(n),
    });
    const remove = h(
      'button',
      { type: 'button', class: 'btn btn--ghost btn--small cart-line__remove' },
      h('span', { 'aria-hidden': 'true' }, t('cart.remove')),
      h('span', { class: 'sr-only' }, t('cart.removeNamed', { name: item.name })),
    );
    const giftId = uid('gift');
    const gift = h('input', { type: 'checkbox', role: 'switch', id: giftId, class: 'switch__input' });
    const giftLabel = h(
      'label',
      { for: giftId, class: 'switch' },
      gift,
      h('span', { class: 'switch__track', 'aria-hidden': 'true' }, h('span', { class: 'switch__thumb' })),
      h('span', { class: 'switch__text' }, heartIcon('switch__heart'), t('cart.offerLine'), h('span', { class: 'sr-only' }, ` : ${item.name}`)),
    );

    const element = h(
      'li',
      { class: 'cart-line', 'data-product-id': item.productId, 'aria-labelledby': nameId },
      h('div', { class: 'cart-line__media' }, productImage(item, { width: 120, height: 90, className: 'cart-line__image' })),
      h('div', { class: 'cart-line__main' }, h('h3', { class: 'cart-line__name' }, link), unitText, stockSlot, warning),
      h('div', { class: 'cart-line__qty' }, qty.element, remove),
      total,
      h('div', { class: 'cart-line__gift' }, giftLabel),
    );

    async function changeQuantity(n: number): Promise<void> {
      try {
        const cart = await setLine(current.productId, n);
        if (wasCut(cart, current.productId)) reportCuts(cart, new Map([[current.productId, current.name]]));
        else announce(t('cart.qtyNowNamed', { name: current.name, n }));
      } catch (err) {
        toast(cartErrorText(err, current), 'error');
      }
    }

    remove.addEventListener('click', () => {
      if (remove.getAttribute('aria-disabled') === 'true') return;
      remove.setAttribute('aria-disabled', 'true');
      setLine(current.productId, 0).then(
        () => announce(t('cart.removedNamed', { name: current.name })),
        (err: unknown) => {
          remove.removeAttribute('aria-disabled');
          toast(cartErrorText(err, current), 'error');
        },
      );
    });

    gift.addEventListener('change', () => {
      const wanted = gift.checked;
      element.classList.toggle('cart-line--gift', wanted);
      setLine(current.productId, current.quantity, wanted).then(
        () => announce(wanted ? t('cart.offered', { name: current.name }) : t('cart.notOffered', { name: current.name })),
        (err: unknown) => {
          gift.checked = !wanted;
          element.classList.toggle('cart-line--gift', !wanted);
          toast(cartErrorText(err, current), 'error');
        },
      );
    });

    function update(next: CartItem): void {
      const becameShort = next.available && next.quantity > next.stock && !(current.quantity > current.stock);
      const becameOff = !next.available && current.available;
      current = next;
      unitText.textContent = `${next.unit} · ${t('cart.unitPrice', { price: formatPrice(next.priceCents) })}`;
      element.classList.toggle('cart-line--off-sale', !next.available);
      qty.element.hidden = !next.available;
      giftLabel.hidden = !next.available;
      if (!next.available) {
        // Taken off sale: the line stays, said in words, until the person removes it.
        mount(stockSlot, h('span', { class: 'cart-line__off-sale' }, `${next.name} ${t('cart.offSale')}`));
        total.textContent = '';
        mount(warning, h('p', null, t('cart.offSaleLine')));
        warning.hidden = false;
        if (becameOff) announce(`${next.name} ${t('cart.offSale')}`);
        return;
      }
      mount(stockSlot, stockBadge(next.stock));
      const max = maxQuantity(next.stock, next.maxPerOrder);
      qty.setBounds(1, Math.max(max, next.quantity));
      qty.set(next.quantity);
      total.textContent = formatPrice(next.lineTotalCents);
      gift.checked = next.donate;
      element.classList.toggle('cart-line--gift', next.donate);
      const short = next.quantity > next.stock;
      element.classList.toggle('cart-line--short', short);
      if (short) {
        const fix =
          next.stock > 0
            ? h(
                'button',
                { type: 'button', class: 'btn btn--secondary btn--small', on: { click: () => void changeQuantity(max) } },
                t('cart.adjustTo', { n: max }),
              )
            : h('button', { type: 'button', class: 'btn btn--secondary btn--small', on: { click: () => remove.click() } }, t('cart.remove'));
        mount(warning, h('p', null, next.stock > 0 ? t('cart.lineShort', { n: next.stock }) : t('cart.lineOut')), fix);
        warning.hidden = false;
        if (becameShort) announce(next.stock > 0 ? t('cart.lineShortNamed', { name: next.name, n: next.stock }) : t('cart.lineOutNamed', { name: next.name }));
      } else {
        warning.replaceChildren();
        warning.hidden = true;
      }
    }

    update(item);
    return { element, link, update };
  }

  function renderSummary(cart: Cart): void {
    const count = cartCount(cart);
    const forMe = cart.totalCents - cart.donationTotalCents;
    const short = cart.items.filter((i) => i.available && i.quantity > i.stock).length;
    const offSale = cart.items.some((i) => !i.available);
    mount(
      summary,
      h(
        'dl',
        { class: 'totals' },
        totalsRow(tn('cart.articles', count), cart.totalCents),
        cart.donationTotalCents > 0 ? offeredRow(cart.donationTotalCents) : null,
        cart.donationTotalCents > 0 ? totalsRow(t('cart.forMe'), forMe) : null,
        totalsRow(t('cart.total'), cart.totalCents, 'total'),
      ),
      cart.donationTotalCents > 0
        ? h('p', { class: 'totals__gift-note' }, t('cart.offeredSentence', { amount: formatPrice(cart.donationTotalCents) }))
        : h('p', { class: 'muted totals__hint' }, t('cart.offerHint')),
      short > 0 ? h('p', { class: 'notice notice--warning' }, tn('cart.shortSummary', short)) : null,
      offSale ? h('p', { class: 'notice notice--warning' }, t('cart.offSaleSummary')) : null,
      currentUser() ? null : h('p', { class: 'muted cart-summary__guest' }, t('cart.guestNote')),
      h('a', { class: 'btn btn--primary btn--block', href: '/checkout' }, t('cart.checkout')),
      h('a', { class: 'cart-summary__continue', href: catalogueHref() }, t('cart.continue')),
    );
    // The phone's sticky bar: the total and "Passer commande" always in reach (hidden on wide screens).
    mount(
      sticky,
      h(
        'p',
        { class: 'cart-sticky__total' },
        h('span', { class: 'cart-sticky__label' }, t('cart.total')),
        ' ',
        h('strong', null, formatPrice(cart.totalCents)),
      ),
      h('a', { class: 'btn btn--primary cart-sticky__go', href: '/checkout' }, t('cart.checkout')),
    );
  }

  function showEmpty(): void {
    views.clear();
    mount(
      container,
      heading,
      pageState({
        title: t('cart.empty'),
        text: t('cart.emptyText'),
        link: [catalogueHref(), t('cart.browse')],
        className: 'cart-empty',
        icon: heartIcon('cart-empty__heart'),
      }),
    );
  }

  function show(cart: Cart): void {
    if (cart.items.length === 0) {
      const hadLines = views.size > 0;
      showEmpty();
      if (hadLines) heading.focus();
      return;
    }
    if (!container.contains(layout)) mount(container, heading, intro, layout, sticky);
    intro.textContent = `${tn('cart.articles', cartCount(cart))} · ${t('cart.costPriceNote')}`;

    // Lines that left the cart: the focus goes to a neighbour rather than to nowhere.
    const keep = new Set(cart.items.map((i) => i.productId));
    let refocus: HTMLElement | undefined;
    const order = lastItems.map((i) => i.productId);
    for (const [id, view] of views) {
      if (keep.has(id)) continue;
      if (view.element.contains(document.activeElement)) {
        const idx = order.indexOf(id);
        const neighbour = [...order.slice(idx + 1), ...order.slice(0, idx).reverse()].find((p) => keep.has(p) && views.has(p));
        refocus = neighbour ? views.get(neighbour)?.link : heading;
      }
      view.element.remove();
      views.delete(id);
    }
    // The server's order, kept by moving only the lines out of place: moving a node (even to
    // where it already is) takes the focus out of it, and the person's focus must stay put.
    let at: Element | null = list.firstElementChild;
    for (const item of cart.items) {
      let view = views.get(item.productId);
      if (view) view.update(item);
      else {
        view = lineView(item);
        views.set(item.productId, view);
      }
      if (view.element === at) at = at.nextElementSibling;
      else list.insertBefore(view.element, at);
    }
    lastItems = cart.items;
    renderSummary(cart);
    if (refocus) {
      refocus.tabIndex = refocus === heading ? -1 : refocus.tabIndex;
      refocus.focus();
    }
  }

  async function load(isRetry: boolean): Promise<void> {
    const known = currentCart();
    if (known) show(known);
    else mount(container, heading, spinner(t('cart.loading')));
    try {
      const cart = await loadCart();
      if (ctx.signal.aborted) return;
      show(cart ?? { items: [], totalCents: 0, donationTotalCents: 0 });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (!known) mount(container, heading, errorState({ title: t('cart.error'), error: err, onRetry: () => void load(true) }));
      else toast(t('cart.error'), 'error');
    }
    if (isRetry) focusHeading();
  }

  stop.add(
    onCartChange((cart) => {
      if (ctx.signal.aborted) return;
      if (cart) show(cart);
    }),
  );
  stop.add(onLiveRefresh(() => void loadCart().catch(() => undefined)));
  // A product taken off sale (or edited) while the cart is open: its line says so at once.
  stop.add(onCatalogChanged((c) => c.productId && views.has(c.productId) && void loadCart().catch(() => undefined)));

  await load(false);
  return { destroy: () => stop.run() };
}

/**
 * The frame around every page: skip link, sticky header (brand, catalogue link,
 * who is signed in, language switch), <main> and the footer.
 */

import type { User } from '../shared/api.ts';
import { h, heartIcon, mount } from '../shared/dom.ts';
import { getLang, setLang, t, tn } from '../shared/i18n.ts';
import { currentUser, trySignOut } from '../shared/session.ts';
import { toast } from '../shared/ui.ts';
import { navigate } from './router.ts';
import { cartIcon } from './add-to-cart.ts';
import { cartCount, currentCart, onCartChange } from './cart-store.ts';
import { footerPages } from './footer-pages.ts';

export interface Layout {
  header: HTMLElement;
  main: HTMLElement;
  footer: HTMLElement;
  /** Redraws header and footer (signed-in state, language). */
  renderChrome(): void;
  /** Marks the header link of the current page with aria-current. */
  markCurrent(pathname: string): void;
}

export function createLayout(root: HTMLElement): Layout {
  const skip = h('a', { class: 'skip-link', href: '#main' });
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', class: 'site-main', tabindex: '-1' });
  const footer = h('footer', { class: 'site-footer' });
  root.replaceChildren(skip, header, main, footer);

  let currentPath = window.location.pathname;

  function renderChrome(): void {
    skip.textContent = t('nav.skip');
    mount(header, headerContent(currentUser()));
    mount(footer, footerContent());
    markCurrent(currentPath);
  }

  function markCurrent(pathname: string): void {
    currentPath = pathname;
    // Sign-in and sign-up bring the person back to the page they are on.
    for (const link of header.querySelectorAll<HTMLAnchorElement>('a[data-login-link]')) {
      link.setAttribute('href', loginHref(link.getAttribute('data-login-link') ?? '/login'));
    }
    for (const link of header.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
      if (link.getAttribute('data-nav') === pathname) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  renderChrome();
  // The cart's count follows every change of the cart, without redrawing the header.
  onCartChange(() => updateCartCount(header));
  return { header, main, footer, renderChrome, markCurrent };
}

function updateCartCount(header: HTMLElement): void {
  const n = cartCount(currentCart());
  const badge = header.querySelector<HTMLElement>('[data-cart-count]');
  const label = header.querySelector<HTMLElement>('[data-cart-label]');
  if (badge) {
    badge.textContent = n > 99 ? '99+' : String(n);
    badge.hidden = n === 0;
  }
  if (label) label.textContent = n === 0 ? t('nav.cartEmpty') : tn('nav.cartCount', n);
}

function cartLink(): HTMLElement {
  const n = cartCount(currentCart());
  return h(
    'a',
    { href: '/cart', class: 'cart-link', 'data-nav': '/cart' },
    cartIcon('cart-link__icon'),
    h('span', { class: 'cart-link__text' }, t('nav.cart')),
    h('span', { class: 'sr-only', 'data-cart-label': '' }, n === 0 ? t('nav.cartEmpty') : tn('nav.cartCount', n)),
    h('span', { class: 'cart-link__count', 'data-cart-count': '', 'aria-hidden': 'true', hidden: n === 0 }, n > 99 ? '99+' : String(n)),
  );
}

function headerContent(user: User | null | undefined): HTMLElement {
  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--ghost btn--small lang-switch',
      lang: t('lang.switchCode'),
      'data-lang-switch': '',
    },
    h('span', { class: 'lang-switch__long' }, t('lang.switch')),
    // Phones show the language's code; the name is still what is read out.
    h('span', { class: 'lang-switch__short', 'aria-hidden': 'true' }, t('lang.switchCode').toUpperCase()),
  );
  langButton.addEventListener('click', () => {
    setLang(getLang() === 'fr' ? 'en' : 'fr');
    // The header is redrawn in the new language: keep the focus on the switch.
    document.querySelector<HTMLButtonElement>('[data-lang-switch]')?.focus();
  });

  const account =
    user === undefined
      ? h('div', { class: 'header-account' }) // Not known yet: nothing rather than a flash of the wrong links.
      : user
        ? h(
            'div',
            { class: 'header-account' },
            h(
              'a',
              { href: '/account', class: 'header-account__name', 'data-nav': '/account' },
              h('span', { class: 'sr-only' }, `${t('nav.account')}, `),
              h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(user.name)),
              h('span', { class: 'header-account__label' }, user.name),
            ),
            h('button', { type: 'button', class: 'btn btn--ghost btn--small header-account__logout', on: { click: () => void doSignOut() } }, t('nav.logout')),
          )
        : h(
            'div',
            { class: 'header-account' },
            h('a', { href: '/login', class: 'btn btn--ghost btn--small', 'data-nav': '/login', 'data-login-link': '/login' }, t('nav.login')),
            h('a', { href: '/register', class: 'btn btn--primary btn--small', 'data-nav': '/register', 'data-login-link': '/register' }, t('nav.register')),
          );

  return h(
    'div',
    { class: `site-header__inner${user ? ' site-header__inner--user' : ''}` },
    h(
      'a',
      { href: '/', class: 'brand' },
      heartIcon('brand__heart'),
      h('span', { class: 'brand__text' }, h('span', { class: 'brand__name' }, t('app.name')), h('span', { class: 'brand__tagline' }, t('app.tagline'))),
    ),
    h(
      'nav',
      { class: `site-nav shop-nav${user ? '' : ' shop-nav--guest'}`, 'aria-label': t('nav.main') },
      h(
        'ul',
        { class: 'site-nav__list' },
        h('li', { class: 'site-nav__item--catalogue' }, h('a', { href: '/', class: 'site-nav__link', 'data-nav': '/' }, t('nav.catalogue'))),
        user ? h('li', null, h('a', { href: '/orders', class: 'site-nav__link', 'data-nav': '/orders' }, t('nav.orders'))) : null,
      ),
    ),
    // Guests have a cart too (kept on the server under a cookie).
    cartLink(),
    account,
    langButton,
  );
}

/** Sign-in and sign-up links come back to the page the person is on. */
function loginHref(path: string): string {
  const here = window.location.pathname + window.location.search;
  if (here === '/' || window.location.pathname === '/login' || window.location.pathname === '/register') {
    // Between the two forms, keep the destination the person already had.
    const next = new URLSearchParams(window.location.search).get('next');
    return next ? `${path}?next=${encodeURIComponent(next)}` : path;
  }
  return `${path}?next=${encodeURIComponent(here)}`;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0] ?? '?'];
  return letters
    .map((p) => Array.from(p ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

async function doSignOut(): Promise<void> {
  if (!(await trySignOut())) return;
  toast(t('logout.done'), 'success');
  // The button just pressed is gone with the old header: put the focus somewhere sensible.
  document.querySelector<HTMLElement>('.site-header a[data-nav="/login"]')?.focus();
  // Pages of the person's own account make no sense once signed out.
  if (/^\/(account|cart|checkout|orders|pay)(\/|$)/.test(window.location.pathname)) navigate('/', { replace: true });
}

function footerContent(): HTMLElement {
  return h(
    'div',
    { class: 'site-footer__inner' },
    h(
      'div',
      { class: 'site-footer__about' },
      h('p', { class: 'site-footer__brand' }, heartIcon('brand__heart brand__heart--small'), t('app.name')),
      h('p', null, t('footer.about')),
    ),
    footerPages(),
    h('p', { class: 'site-footer__rights' }, t('footer.rights', { year: String(new Date().getFullYear()) })),
  );
}

/**
 * The frame of the admin panel: skip link, header (brand, links to the team console
 * and the shop, who is signed in, sign-out, language), the section navigation
 * (Produits, Commandes, Comptes, Catégories, Centres, Journal: at the side on a laptop, across the
 * top on a tablet or phone), <main> and the footer.
 */

import type { User } from '../shared/api.ts';
import { consoleBrand, langButton } from '../shared/console-ui.ts';
import { h, mount, s } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { m, type AdminKey } from './messages.ts';
import { setupChecklist } from './setup.ts';

export interface Chrome {
  main: HTMLElement;
  /** Header with brand and language only (signed out, refused, loading). */
  showBare(): void;
  /** The full panel frame for a signed-in admin. */
  showAdmin(opts: { user: User; onSignOut(): void }): void;
  /** Marks the current section in the navigation. */
  markCurrent(pathname: string): void;
}

const SECTIONS: Array<{ path: string; key: AdminKey; icon: string }> = [
  {
    path: '/admin/products',
    key: 'nav.products',
    icon: 'M20 7l-8-4-8 4v10l8 4 8-4V7zm-8-1.8L17.6 8 12 10.8 6.4 8 12 5.2zM6 9.6l5 2.5v6.6l-5-2.5V9.6zm7 9.1v-6.6l5-2.5v6.6l-5 2.5z',
  },
  {
    path: '/admin/orders',
    key: 'nav.orders',
    icon: 'M6 2h12a2 2 0 0 1 2 2v17l-3-2-3 2-2-1.3L10 21l-3-2-3 2V4a2 2 0 0 1 2-2zm1 5v2h10V7H7zm0 4v2h10v-2H7zm0 4v2h6v-2H7z',
  },
  {
    path: '/admin/users',
    key: 'nav.users',
    icon: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-7 1.7-7 4v3h14v-3c0-2.3-3.7-4-7-4zm7.5-2a3.5 3.5 0 1 0-1.2-6.8 6 6 0 0 1 0 6.6c.4.1.8.2 1.2.2zm1.6 2.2A5 5 0 0 1 20 17v3h2v-3c0-1.8-1.7-3.2-3.9-3.8z',
  },
  { path: '/admin/categories', key: 'nav.categories', icon: 'M4 4h7v7H4V4zm9 0h7v7h-7V4zM4 13h7v7H4v-7zm9 0h7v7h-7v-7z' },
  {
    path: '/admin/centres',
    key: 'nav.centres',
    icon: 'M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z',
  },
  { path: '/admin/pages', key: 'nav.pages', icon: 'M6 2h9l5 5v15H6V2zm8 1.5V8h4.5L14 3.5zM8 12v2h10v-2H8zm0 4v2h10v-2H8z' },
  {
    path: '/admin/association',
    key: 'nav.association',
    icon: 'M12 21s-7-4.4-9.3-9A5.3 5.3 0 0 1 12 6a5.3 5.3 0 0 1 9.3 6c-2.3 4.6-9.3 9-9.3 9z',
  },
  { path: '/admin/impact', key: 'nav.impact', icon: 'M4 20V10h3v10H4zm6 0V4h3v16h-3zm6 0v-7h3v7h-3z' },
  { path: '/admin/receipts', key: 'nav.receipts', icon: 'M6 2h12v20l-3-2-3 2-3-2-3 2V2zm3 5v2h6V7H9zm0 4v2h6v-2H9z' },
  {
    path: '/admin/audit',
    key: 'nav.audit',
    icon: 'M13 3a9 9 0 0 0-9 9H1l4 4 4-4H6a7 7 0 1 1 2.1 5l-1.4 1.4A9 9 0 1 0 13 3zm-1 5v5l4.3 2.5.7-1.2-3.5-2.1V8H12z',
  },
];

function icon(path: string): SVGElement {
  return s(
    'svg',
    { class: 'admin-nav__icon', viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true', focusable: 'false' },
    s('path', { fill: 'currentColor', d: path }),
  );
}

export function createChrome(root: HTMLElement): Chrome {
  const skip = h('a', { class: 'skip-link', href: '#main' });
  const header = h('header', { class: 'site-header admin-header' });
  const nav = h('nav', { class: 'admin-nav', hidden: true });
  const main = h('main', { id: 'main', class: 'site-main admin-main', tabindex: '-1' });
  // The first-run checklist sits above every page, outside <main>'s page content (pages replace that).
  const setup = setupChecklist();
  const column = h('div', { class: 'admin-column' }, setup.element, main);
  const shell = h('div', { class: 'admin-shell' }, nav, column);
  const footer = h('footer', { class: 'site-footer admin-footer' });
  root.replaceChildren(skip, header, shell, footer);
  let pathname = window.location.pathname;

  const brand = (href: string) => consoleBrand(href, m('brand.tagline'));

  function frame(): void {
    skip.textContent = t('nav.skip');
    mount(
      footer,
      h('div', { class: 'site-footer__inner' }, h('p', { class: 'site-footer__rights' }, t('footer.rights', { year: String(new Date().getFullYear()) }))),
    );
  }

  function showBare(): void {
    frame();
    nav.hidden = true;
    setup.element.hidden = true;
    shell.classList.remove('admin-shell--nav');
    mount(header, h('div', { class: 'site-header__inner' }, brand('/'), langButton()));
  }

  function showAdmin(opts: { user: User; onSignOut(): void }): void {
    frame();
    const signOut = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('nav.logout'));
    signOut.addEventListener('click', () => opts.onSignOut());
    mount(
      header,
      h(
        'div',
        { class: 'site-header__inner' },
        brand('/admin/products'),
        h(
          'ul',
          { class: 'admin-header__links', 'aria-label': m('nav.elsewhere') },
          h('li', null, h('a', { class: 'site-nav__link', href: '/staff' }, m('nav.staff'))),
          h('li', null, h('a', { class: 'site-nav__link', href: '/' }, m('nav.shop'))),
        ),
        h(
          'div',
          { class: 'header-account' },
          h(
            'p',
            { class: 'admin-header__user' },
            h('span', { class: 'sr-only' }, m('nav.signedInAs')),
            h('span', { class: 'header-account__label' }, opts.user.name),
          ),
          signOut,
        ),
        langButton(),
      ),
    );
    nav.setAttribute('aria-label', m('nav.sections'));
    mount(
      nav,
      h(
        'ul',
        { class: 'admin-nav__list' },
        SECTIONS.map((sec) =>
          h('li', null, h('a', { class: 'admin-nav__link', href: sec.path, 'data-section': sec.path }, icon(sec.icon), h('span', null, m(sec.key)))),
        ),
      ),
    );
    nav.hidden = false;
    shell.classList.add('admin-shell--nav');
    setup.render();
    markCurrent(pathname);
  }

  function markCurrent(path: string): void {
    pathname = path;
    // Every navigation: a step may have been done on the page just left.
    if (!nav.hidden) void setup.refresh();
    for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-section]')) {
      const section = link.getAttribute('data-section') ?? '';
      if (path === section || path.startsWith(`${section}/`)) link.setAttribute('aria-current', path === section ? 'page' : 'true');
      else link.removeAttribute('aria-current');
    }
  }

  return { main, showBare, showAdmin, markCurrent };
}

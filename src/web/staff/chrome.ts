/**
 * The frame of the console: skip link, header (brand, Orders / Payments, the live
 * settings — sound, desktop notifications — the notifications panel with its unread
 * count, who is signed in, language), the "connection lost" banner, <main>, footer.
 * The header is rebuilt on a language change only; live changes update it in place so
 * an open panel or a focused button is never lost.
 */

import type { User } from '../shared/api.ts';
import { consoleBrand, langButton } from '../shared/console-ui.ts';
import { h, mount } from '../shared/dom.ts';
import { t } from '../shared/i18n.ts';
import { timeEl } from './format.ts';
import { bellIcon, desktopIcon, soundOffIcon, soundOnIcon } from './icons.ts';
import { noteText, type Live } from './live.ts';
import { m, mn } from './messages.ts';

export interface Chrome {
  main: HTMLElement;
  /** Header for signed-out visitors and refused accounts: brand and language only. */
  showBare(): void;
  /** The full console header. */
  showConsole(opts: { user: User; live: Live; onSignOut(): void }): void;
  /** Marks the current section (Orders or Payments). */
  markCurrent(pathname: string): void;
  /** Live state changed: unread count, sound, desktop, connection banner, open panel. */
  refreshLive(): void;
}

export function createChrome(root: HTMLElement): Chrome {
  const skip = h('a', { class: 'skip-link', href: '#main' });
  // The banner lives in the sticky header, so it stays in view whatever the header's height.
  let headerInner: HTMLElement = h('div');
  const banner = h('div', { class: 'live-banner', role: 'alert', hidden: true });
  const header = h('header', { class: 'site-header staff-header' }, headerInner, banner);
  const main = h('main', { id: 'main', class: 'site-main staff-main', tabindex: '-1' });
  const setHeader = (inner: HTMLElement) => {
    headerInner.replaceWith(inner);
    headerInner = inner;
  };
  const footer = h('footer', { class: 'site-footer staff-footer' });
  root.replaceChildren(skip, header, main, footer);

  let consoleOpts: { user: User; live: Live; onSignOut(): void } | undefined;
  let pathname = window.location.pathname;
  let refresh: () => void = () => undefined;
  const cleanups: Array<() => void> = [];
  const cleanup = () => {
    for (const fn of cleanups.splice(0)) fn();
  };

  const brand = () => consoleBrand(consoleOpts ? '/staff' : '/', m('brand.tagline'));

  function footerContent(): HTMLElement {
    return h('div', { class: 'site-footer__inner' }, h('p', { class: 'site-footer__rights' }, t('footer.rights', { year: String(new Date().getFullYear()) })));
  }

  function showBare(): void {
    cleanup();
    consoleOpts = undefined;
    refresh = () => {
      banner.hidden = true;
    };
    skip.textContent = t('nav.skip');
    setHeader(h('div', { class: 'site-header__inner' }, brand(), langButton()));
    mount(footer, footerContent());
    banner.hidden = true;
  }

  function showConsole(opts: { user: User; live: Live; onSignOut(): void }): void {
    cleanup();
    consoleOpts = opts;
    const { live, user } = opts;
    skip.textContent = t('nav.skip');

    // --- Sections ---
    const nav = h(
      'nav',
      { class: 'site-nav staff-nav', 'aria-label': m('nav.console') },
      h(
        'ul',
        { class: 'site-nav__list' },
        h('li', null, h('a', { class: 'site-nav__link', href: '/staff', 'data-section': 'board' }, m('nav.board'))),
        h('li', null, h('a', { class: 'site-nav__link', href: '/staff/payments', 'data-section': 'payments' }, m('nav.payments'))),
        h('li', null, h('a', { class: 'site-nav__link', href: '/staff/needs', 'data-section': 'needs' }, m('nav.needs'))),
        h('li', null, h('a', { class: 'site-nav__link', href: '/staff/retraits', 'data-section': 'pickups' }, m('nav.pickups'))),
      ),
    );

    // --- Sound ---
    const soundButton = h('button', { type: 'button', class: 'tool', 'aria-pressed': 'true' });
    soundButton.addEventListener('click', () => live.pressSound());

    // --- Desktop notifications ---
    const desktopButton = h('button', { type: 'button', class: 'tool' });
    desktopButton.addEventListener('click', () => {
      const state = live.desktopState();
      if (state === 'default') void live.requestDesktop();
      else if (state === 'granted') live.setDesktop(!live.desktopOn());
    });

    // --- Notifications panel ---
    const panelId = 'notif-panel';
    const headingId = 'notif-panel-title';
    const count = h('span', { class: 'tool__count' });
    const bellLabel = h('span', { class: 'tool__label' });
    const bellButton = h(
      'button',
      { type: 'button', class: 'tool tool--bell', 'aria-expanded': 'false', 'aria-controls': panelId },
      bellIcon(),
      bellLabel,
      count,
    );
    const list = h('ol', { class: 'notif-list' });
    const markRead = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, m('notif.markRead'));
    const clear = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, m('notif.clear'));
    const close = h('button', { type: 'button', class: 'notif-panel__close', 'aria-label': t('common.close') }, h('span', { 'aria-hidden': 'true' }, '×'));
    const panel = h(
      'section',
      { class: 'notif-panel', id: panelId, 'aria-labelledby': headingId, hidden: true },
      h('div', { class: 'notif-panel__head' }, h('h2', { class: 'notif-panel__title', id: headingId }, m('notif.title')), close),
      list,
      h('div', { class: 'notif-panel__foot' }, markRead, clear),
    );
    const bellWrap = h('div', { class: 'notif' }, bellButton, panel);

    function openPanel(open: boolean, focusBack = false): void {
      panel.hidden = !open;
      bellButton.setAttribute('aria-expanded', String(open));
      if (open) {
        renderList();
        panel.querySelector<HTMLElement>('.notif-panel__close')?.focus();
      } else {
        live.markAllRead();
        if (focusBack) bellButton.focus();
      }
    }
    bellButton.addEventListener('click', () => openPanel(panel.hidden));
    close.addEventListener('click', () => openPanel(false, true));
    markRead.addEventListener('click', () => live.markAllRead());
    clear.addEventListener('click', () => {
      live.clear();
      close.focus();
    });
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        openPanel(false, true);
      }
    });
    panel.addEventListener('click', (e) => {
      if ((e.target as Element).closest('a')) openPanel(false);
    });
    const outside = (e: MouseEvent) => {
      if (!panel.hidden && !bellWrap.contains(e.target as Node)) openPanel(false);
    };
    document.addEventListener('click', outside);
    cleanups.push(() => document.removeEventListener('click', outside));

    function renderList(): void {
      if (live.notes.length === 0) {
        mount(list, h('li', { class: 'notif-list__empty' }, m('notif.empty')));
      } else {
        mount(
          list,
          live.notes.map((n) =>
            h(
              'li',
              { class: `notif-item notif-item--${n.kind}${n.read ? '' : ' is-unread'}` },
              h('a', { class: 'notif-item__link', href: `/staff/orders/${encodeURIComponent(n.orderId)}` }, noteText(n)),
              timeEl(n.at.toISOString()),
            ),
          ),
        );
      }
      markRead.hidden = live.unread() === 0;
      clear.hidden = live.notes.length === 0;
    }

    const who = h(
      'div',
      { class: 'header-account' },
      h('span', { class: 'header-account__label staff-user' }, h('span', { class: 'sr-only' }, m('nav.signedInAs')), user.name),
    );
    const signOut = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('nav.logout'));
    signOut.addEventListener('click', () => opts.onSignOut());
    who.appendChild(signOut);

    const tools = h('div', { class: 'tools', role: 'group', 'aria-label': m('nav.tools') }, soundButton, desktopButton, bellWrap);

    setHeader(h('div', { class: 'site-header__inner staff-header__inner' }, brand(), nav, tools, who, langButton()));
    mount(footer, footerContent());

    refresh = () => {
      // Sound, as it really is: a browser that blocks it until a click says so in words.
      const sound = live.soundState();
      const on = sound === 'on';
      soundButton.setAttribute('aria-pressed', String(on));
      soundButton.dataset.sound = sound;
      // How many reminders rang on this page (tests and support read it; it is not shown).
      soundButton.dataset.reminders = String(live.reminders());
      soundButton.classList.toggle('tool--warn', sound === 'blocked' || sound === 'unavailable');
      soundButton.title = m(`sound.${sound}`);
      mount(
        soundButton,
        on ? soundOnIcon() : soundOffIcon(),
        sound === 'blocked'
          ? h('span', { class: 'tool__label' }, m('sound.clickToEnable'))
          : sound === 'unavailable'
            ? h('span', { class: 'tool__label' }, m('sound.unavailableShort'))
            : h('span', { class: 'tool__label' }, m('sound.label'), h('span', { class: 'sr-only' }, m('sound.labelMore'))),
      );
      // Desktop notifications: a toggle; turning it on the first time asks the browser.
      const state = live.desktopState();
      desktopButton.hidden = state === 'unsupported';
      const desktopOn = state === 'granted' && live.desktopOn();
      desktopButton.setAttribute('aria-pressed', String(desktopOn));
      if (state === 'denied') desktopButton.setAttribute('aria-disabled', 'true');
      else desktopButton.removeAttribute('aria-disabled');
      desktopButton.title =
        state === 'denied' ? m('desktop.denied') : state === 'default' ? m('desktop.askLong') : desktopOn ? m('desktop.on') : m('desktop.toggle');
      mount(
        desktopButton,
        desktopIcon(),
        h('span', { class: 'tool__label' }, m('desktop.toggle')),
        state === 'denied' ? h('span', { class: 'sr-only' }, ` (${m('desktop.blocked')})`) : null,
      );
      // Unread count
      const unread = live.unread();
      // Accessible name "Notifications 2 non lues": the visible words, then the count.
      mount(count, unread > 99 ? '99+' : String(unread), h('span', { class: 'sr-only' }, ` ${mn('notif.unreadWord', unread)}`));
      count.hidden = unread === 0;
      bellLabel.textContent = m('notif.button');
      if (!panel.hidden) renderList();
      // Connection banner (filled once per loss, so it is announced once)
      const { lost } = live.connection();
      if (lost === !banner.hidden) return;
      banner.hidden = !lost;
      if (lost)
        mount(
          banner,
          h(
            'div',
            { class: 'live-banner__inner' },
            h('span', { class: 'spinner spinner--small', 'aria-hidden': 'true' }),
            h('strong', null, m('live.lost')),
            h('span', null, m('live.lostHint')),
          ),
        );
    };
    banner.hidden = true;
    refresh();
    markCurrent(pathname);
  }

  function markCurrent(path: string): void {
    pathname = path;
    const section = path.startsWith('/staff/payments')
      ? 'payments'
      : path.startsWith('/staff/needs')
        ? 'needs'
        : path.startsWith('/staff/retraits')
          ? 'pickups'
          : path === '/staff' || path === '/staff/' || path.startsWith('/staff/orders')
            ? 'board'
            : '';
    for (const link of header.querySelectorAll<HTMLAnchorElement>('a[data-section]')) {
      if (link.dataset.section === section) link.setAttribute('aria-current', path === link.getAttribute('href') ? 'page' : 'true');
      else link.removeAttribute('aria-current');
    }
  }

  return {
    main,
    showBare,
    showConsole,
    markCurrent,
    refreshLive: () => refresh(),
  };
}

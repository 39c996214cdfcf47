/**
 * The staff console and the admin panel, for now: a signed-in placeholder. Staff
 * (and admins) see a welcome with a sign-out button; anyone else gets a clear
 * refusal or a link to sign in — never a broken screen.
 */

import { isAbort, type Role, type User } from './api.ts';
import { h, heartIcon, mount } from './dom.ts';
import { applyLang, getLang, onLangChange, setLang, t, type MessageKey } from './i18n.ts';
import { loadUser, signOut } from './session.ts';
import { ensureLiveRegions, errorState, spinner, toast } from './ui.ts';

export interface ConsoleOptions {
  /** Where this console lives: "/staff" or "/admin". */
  path: string;
  allowed: Role[];
  docTitle: MessageKey;
  title: MessageKey;
  soonText: MessageKey;
  forbiddenTitle: MessageKey;
  forbiddenText: MessageKey;
}

export function startConsolePage(opts: ConsoleOptions): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing');
  applyLang();
  ensureLiveRegions();

  const skip = h('a', { class: 'skip-link', href: '#main' });
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', class: 'site-main', tabindex: '-1' });
  const footer = h('footer', { class: 'site-footer' });
  root.replaceChildren(skip, header, main, footer);

  let user: User | null | undefined;
  let failure: unknown;

  function render(): void {
    document.title = `${t(opts.docTitle)} — ${t('title.suffix')}`;
    skip.textContent = t('nav.skip');
    const langButton = h('button', { type: 'button', class: 'btn btn--ghost btn--small lang-switch', lang: t('lang.switchCode'), 'data-lang-switch': '' }, t('lang.switch'));
    langButton.addEventListener('click', () => {
      setLang(getLang() === 'fr' ? 'en' : 'fr');
      document.querySelector<HTMLButtonElement>('[data-lang-switch]')?.focus();
    });
    mount(
      header,
      h(
        'div',
        { class: 'site-header__inner' },
        h('a', { href: '/', class: 'brand' }, heartIcon('brand__heart'), h('span', { class: 'brand__text' }, h('span', { class: 'brand__name' }, t('app.name')), h('span', { class: 'brand__tagline' }, t(opts.docTitle)))),
        h('nav', { class: 'site-nav', 'aria-label': t('nav.main') }, h('ul', { class: 'site-nav__list' }, h('li', null, h('a', { class: 'site-nav__link', href: '/' }, t('console.toShop'))))),
        langButton,
      ),
    );
    mount(footer, h('div', { class: 'site-footer__inner' }, h('p', { class: 'site-footer__rights' }, t('footer.rights', { year: String(new Date().getFullYear()) }))));
    mount(main, h('div', { class: 'container container--narrow' }, body()));
  }

  function body(): HTMLElement {
    if (user === undefined && failure === undefined) return spinner();
    if (failure !== undefined) {
      return h('div', { class: 'panel' }, h('h1', { class: 'page-title' }, t(opts.docTitle)), errorState({ error: failure, onRetry: () => void load() }));
    }
    const signIn = `/login?next=${encodeURIComponent(opts.path)}`;
    if (!user) {
      return h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title' }, t('console.signInTitle')),
        h('p', null, t('console.signInText')),
        h('p', null, h('a', { class: 'btn btn--primary', href: signIn }, t('console.signInLink'))),
      );
    }
    const signOutButton = h('button', { type: 'button', class: 'btn btn--secondary' }, t('nav.logout'));
    signOutButton.addEventListener('click', () => {
      signOut().then(
        () => {
          user = null;
          render();
          toast(t('logout.done'), 'success');
          main.querySelector<HTMLElement>('h1')?.focus();
        },
        () => toast(t('logout.failed'), 'error'),
      );
    });
    if (!opts.allowed.includes(user.role)) {
      const canStaff = user.role === 'staff' || user.role === 'admin';
      return h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title' }, t(opts.forbiddenTitle)),
        h('p', null, t(opts.forbiddenText, { name: user.name })),
        h(
          'p',
          { class: 'actions' },
          h('a', { class: 'btn btn--primary', href: canStaff ? '/staff' : '/' }, canStaff ? t('console.toStaff') : t('console.toShop')),
          signOutButton,
        ),
      );
    }
    return h(
      'div',
      { class: 'panel' },
      h('h1', { class: 'page-title' }, t(opts.title)),
      h('p', { class: 'console-hello' }, t('console.hello', { name: user.name })),
      h('p', { class: 'muted' }, t(opts.soonText)),
      h('p', { class: 'actions' }, signOutButton),
    );
  }

  async function load(): Promise<void> {
    user = undefined;
    failure = undefined;
    render();
    try {
      user = await loadUser();
    } catch (err) {
      if (isAbort(err)) return;
      failure = err;
    }
    render();
  }

  onLangChange(() => render());
  void load();
}

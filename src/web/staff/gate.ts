/**
 * Before the console: a sign-in form for signed-out visitors (right here, no detour
 * through the shop) and a clear refusal page for customer accounts.
 */

import type { User } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { signInForm } from '../shared/forms.ts';
import { t } from '../shared/i18n.ts';
import { narrowPanel } from '../shared/ui.ts';
import { m } from './messages.ts';

export function renderSignIn(main: HTMLElement, opts: { expired?: boolean; onSignedIn(user: User): void }): void {
  document.title = `${m('signin.title')} — ${t('title.suffix')}`;
  const form = signInForm('/staff', m('signin.submit'), opts.onSignedIn);
  mount(
    main,
    narrowPanel(
      h('h1', { class: 'page-title', tabindex: '-1' }, m('signin.title')),
      opts.expired ? h('p', { class: 'notice', role: 'status' }, m('session.expired')) : null,
      h('p', { class: 'page-intro' }, m('signin.intro')),
      form,
    ),
  );
}

export function renderForbidden(main: HTMLElement, opts: { user: User; onSignOut(): void }): void {
  document.title = `${m('forbidden.title')} — ${t('title.suffix')}`;
  const signOut = h('button', { type: 'button', class: 'btn btn--secondary' }, m('forbidden.signOut'));
  signOut.addEventListener('click', () => opts.onSignOut());
  mount(
    main,
    narrowPanel(
      h('h1', { class: 'page-title', tabindex: '-1' }, m('forbidden.title')),
      h('p', null, m('forbidden.text', { name: opts.user.name })),
      h('p', { class: 'muted' }, m('forbidden.hint')),
      h('p', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: '/' }, m('forbidden.toShop')), signOut),
    ),
  );
}

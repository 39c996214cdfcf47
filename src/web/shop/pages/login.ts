/** Sign-in: email and password (the form: shared/sign-in.ts); 401 and 429 answered in plain words. */

import { h } from '../../shared/dom.ts';
import { signInForm } from '../../shared/forms.ts';
import { t } from '../../shared/i18n.ts';
import { currentUser, setUser, trySignOut } from '../../shared/session.ts';
import { toast } from '../../shared/ui.ts';
import { navigate, type PageContext } from '../router.ts';
import { authPage, nextOf } from './auth-common.ts';
import { cartNames } from '../cart-store.ts';
import { reportCuts } from '../add-to-cart.ts';

export function renderLogin(ctx: PageContext): void {
  ctx.setTitle(t('login.title'));
  const next = nextOf(ctx.query);

  const form = signInForm(
    '/login',
    t('login.submit'),
    (me, cart) => {
      // The guest cart's names (still the one shown), for telling what the merge left out.
      const names = cartNames();
      setUser(me);
      toast(t('login.welcome', { name: me.name }), 'success');
      if (cart) reportCuts(cart, names);
      navigate(next, { replace: true });
    },
    h('p', { class: 'form__aside' }, h('a', { href: '/forgot-password' }, t('login.forgot'))),
  );

  const user = currentUser();
  const already = user
    ? h(
        'div',
        { class: 'notice' },
        h('p', null, t('login.already', { name: user.name })),
        h(
          'p',
          { class: 'notice__actions' },
          h('a', { class: 'btn btn--secondary btn--small', href: next }, t('login.continue')),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn--ghost btn--small',
              on: { click: () => void trySignOut().then((done) => done && already?.remove()) },
            },
            t('nav.logout'),
          ),
        ),
      )
    : null;

  // Signed out by the server (shop/main.ts): why, until the person signs in again.
  const ended = ctx.query.get('ended');
  const endedNotice =
    ended === 'account_disabled' || ended === 'session_ended'
      ? h(
          'div',
          { class: 'notice notice--warning', role: 'alert' },
          h('p', null, t(ended === 'account_disabled' ? 'login.endedDisabled' : 'login.endedSession')),
        )
      : null;

  authPage(ctx, t('login.title'), t('login.intro'), [endedNotice, already, form], t('login.noAccount'), ['/register', t('login.registerLink')]);
}

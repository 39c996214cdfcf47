/**
 * The signed-in person's account: email and whether it is confirmed, role; name and language,
 * password, open sessions; links to orders and data; sign-out.
 */

import { api, ApiError, isAbort, type User } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { loadUser, trySignOut } from '../../shared/session.ts';
import { errorState, errorText, spinner, toast, withBusy } from '../../shared/ui.ts';
import { focusHeading, navigate, type PageContext } from '../router.ts';
import { m } from './account-messages.ts';
import { givingSection } from './account-giving.ts';
import { receiptsSection } from './account-receipts.ts';
import { passwordSection, profileSection, type AccountSummary } from './account-data.ts';
import { sessionsSection } from '../sessions-section.ts';

export async function renderAccount(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('account.title'));
  const container = h('div', { class: 'container container--narrow account-data' });
  mount(ctx.main, container);

  async function load(isRetry: boolean): Promise<void> {
    mount(container, spinner());
    let user: User | null;
    try {
      user = await loadUser(ctx.signal);
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      mount(
        container,
        h('h1', { class: 'page-title' }, t('account.title')),
        errorState({ title: t('account.error'), error: err, onRetry: () => void load(true) }),
      );
      return;
    }
    if (ctx.signal.aborted) return;
    if (!user) {
      navigate(`/login?next=${encodeURIComponent('/account')}`, { replace: true });
      return;
    }
    showAccount(user);
    if (isRetry) focusHeading();
  }

  function showAccount(user: User): void {
    const signOutButton = h('button', { type: 'button', class: 'btn btn--secondary' }, t('account.logout'));
    signOutButton.addEventListener('click', () => {
      void trySignOut().then((done) => {
        if (!done) return;
        toast(t('logout.done'), 'success');
        navigate('/', { replace: true });
      });
    });
    const consoleLinks =
      user.role === 'customer'
        ? null
        : h(
            'p',
            { class: 'actions' },
            h('a', { class: 'btn btn--primary', href: '/staff' }, t('account.staffConsole')),
            user.role === 'admin' ? h('a', { class: 'btn btn--secondary', href: '/admin' }, t('account.adminConsole')) : null,
          );
    mount(
      container,
      h(
        'div',
        { class: 'panel' },
        h('h1', { class: 'page-title' }, t('account.title')),
        h(
          'dl',
          { class: 'details' },
          h('div', { class: 'details__row' }, h('dt', null, t('account.email')), h('dd', null, user.email)),
          h('div', { class: 'details__row' }, h('dt', null, t('account.role')), h('dd', null, t(`role.${user.role}`))),
          h('div', { class: 'details__row' }, h('dt', null, m.t('verify.state')), h('dd', null, emailState(user))),
        ),
        consoleLinks,
        h(
          'p',
          { class: 'account__orders' },
          h('a', { class: 'btn btn--secondary', href: '/orders' }, t('nav.orders')),
          h('a', { class: 'btn btn--ghost', href: '/cart' }, t('nav.cart')),
          h('a', { class: 'btn btn--ghost', href: '/account/data' }, t('account.data')),
        ),
        h('p', { class: 'actions' }, signOutButton),
      ),
      givingSection(ctx.signal),
      receiptsSection(ctx.signal),
    );
    void showSettings();
  }

  /** Name and language, password, open sessions: below the summary, once the account's details are in. */
  async function showSettings(): Promise<void> {
    let summary: AccountSummary;
    try {
      summary = await api.get<AccountSummary>('/api/account', { signal: ctx.signal });
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      container.append(errorState({ title: t('account.error'), error: err, onRetry: () => void load(true) }));
      return;
    }
    if (ctx.signal.aborted) return;
    container.append(profileSection(summary), passwordSection(summary), sessionsSection(ctx.signal));
  }

  /** "Confirmée", or why not yet with a button that sends the link again. */
  function emailState(user: User): HTMLElement {
    if (user.emailVerified !== false) return h('span', { class: 'account__email-state', 'data-verified': 'true' }, m.t('verify.verified'));
    const resend = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, m.t('verify.resend'));
    const said = h('p', { role: 'status' });
    resend.addEventListener('click', () => {
      void withBusy(resend, m.t('verify.resending'), async () => {
        try {
          await api.post('/api/auth/email/resend', {}, { signal: ctx.signal });
          said.textContent = m.t('verify.resent', { email: user.email });
        } catch (err) {
          if (ctx.signal.aborted) return;
          said.textContent =
            err instanceof ApiError && err.code === 'rate_limited'
              ? m.t('verify.rateLimited', { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) })
              : errorText(err);
        }
      });
    });
    return h('div', { class: 'account__email-state', 'data-verified': 'false' }, h('p', null, m.t('verify.unverified')), resend, said);
  }

  await load(false);
}

/** The page a verification link opens (/verify-email?token=…): the address is confirmed, or the link is explained. */

import { api, ApiError, type User } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { currentUser, setUser } from '../../shared/session.ts';
import { errorText } from '../../shared/ui.ts';
import type { PageContext } from '../router.ts';
import { linkPage } from './auth-common.ts';
import { m } from './account-messages.ts';

export async function renderVerifyEmail(ctx: PageContext): Promise<void> {
  const { token, panel, outcome } = linkPage(ctx, m.t('verify.title'));

  if (!token) {
    showProblem(m.t('verify.missing'));
    return;
  }
  mount(panel, h('h1', { class: 'page-title' }, m.t('verify.title')), h('p', { role: 'status' }, m.t('verify.working')));
  try {
    const { user } = await api.post<{ user: User }>('/api/auth/email/verify', { token }, { signal: ctx.signal });
    // The link may be opened signed in as that account: the header and account page follow.
    const me = currentUser();
    if (me && me.id === user.id) setUser({ ...me, emailVerified: true });
    outcome(
      'success',
      m.t('verify.doneTitle'),
      m.t('verify.done', { email: user.email }),
      h('a', { class: 'btn btn--primary', href: '/' }, m.t('verify.continue')),
      h('a', { class: 'btn btn--secondary', href: '/account' }, m.t('verify.account')),
    );
  } catch (err) {
    if (ctx.signal.aborted) return;
    showProblem(err instanceof ApiError && err.code === 'invalid_token' ? m.t('verify.invalid') : errorText(err));
  }

  function showProblem(text: string): void {
    outcome('error', m.t('verify.invalidTitle'), text, h('a', { class: 'btn btn--primary', href: '/account' }, m.t('verify.account')));
  }
}

/** The page of the back-in-stock mail's stop link (/stock-alerts/stop?token=…): one click, no sign-in. */

import { api, ApiError } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { errorText } from '../../shared/ui.ts';
import { focusHeading, type PageContext } from '../router.ts';
import { jm } from '../journey-messages.ts';

export async function renderStockAlertStop(ctx: PageContext): Promise<void> {
  ctx.setTitle(jm.t('stop.title'));
  const token = ctx.query.get('token') ?? '';
  const panel = h('div', { class: 'panel' });
  mount(ctx.main, h('div', { class: 'container container--narrow' }, panel));
  const show = (kind: 'success' | 'error', text: string) =>
    mount(
      panel,
      h('h1', { class: 'page-title' }, jm.t('stop.title')),
      h('div', { class: `notice notice--${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('p', null, text)),
      h('p', { class: 'notice__actions' }, h('a', { class: 'btn btn--primary', href: '/' }, jm.t('stop.continue'))),
    );
  if (!token) {
    show('error', jm.t('stop.invalid'));
    return;
  }
  mount(panel, h('h1', { class: 'page-title' }, jm.t('stop.title')), h('p', { role: 'status' }, jm.t('stop.working')));
  // Done by the page, not by opening the link: mail scanners that open links stop nothing.
  try {
    const { removed } = await api.post<{ removed: number }>('/api/stock-alerts/unsubscribe', { token }, { signal: ctx.signal });
    show('success', removed > 0 ? jm.t('stop.doneCount', { n: removed }) : jm.t('stop.done'));
  } catch (err) {
    if (ctx.signal.aborted) return;
    show('error', err instanceof ApiError && (err.code === 'invalid_token' || err.code === 'validation_failed') ? jm.t('stop.invalid') : errorText(err));
  }
  focusHeading();
}

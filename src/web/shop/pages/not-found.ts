/** Any address the shop does not know, and the screen of a page that failed unexpectedly. */

import { h, mount } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { errorState, pageState } from '../../shared/ui.ts';
import { refresh, type PageContext } from '../router.ts';

export function renderNotFound(ctx: PageContext): void {
  ctx.setTitle(t('notFound.title'));
  mount(
    ctx.main,
    h(
      'div',
      { class: 'container' },
      pageState({ title: t('notFound.title'), text: t('notFound.text'), link: ['/', t('common.backToCatalogue')], heading: true }),
    ),
  );
}

export function renderFailed(ctx: PageContext): void {
  ctx.setTitle(t('common.error'));
  mount(ctx.main, h('div', { class: 'container' }, h('h1', { class: 'page-title' }, t('common.error')), errorState({ onRetry: () => void refresh() })));
}

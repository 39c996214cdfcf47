/** Any address the shop does not know, and the screen of a page that failed unexpectedly. */

import { h, mount } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { errorState } from '../../shared/ui.ts';
import { refresh, type PageContext } from '../router.ts';

export function renderNotFound(ctx: PageContext): void {
  ctx.setTitle(t('notFound.title'));
  mount(
    ctx.main,
    h(
      'div',
      { class: 'container' },
      h(
        'div',
        { class: 'state state--empty state--page' },
        h('h1', { class: 'state__title' }, t('notFound.title')),
        h('p', { class: 'state__text' }, t('notFound.text')),
        h('a', { class: 'btn btn--primary', href: '/' }, t('common.backToCatalogue')),
      ),
    ),
  );
}

export function renderFailed(ctx: PageContext): void {
  ctx.setTitle(t('common.error'));
  mount(ctx.main, h('div', { class: 'container' }, h('h1', { class: 'page-title' }, t('common.error')), errorState({ onRetry: () => void refresh() })));
}

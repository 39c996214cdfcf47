/**
 * « Ce dont les centres ont besoin »: every published need, live, the chosen centre's first;
 * with `?centre=<id>`, one centre's needs (the centre's page of needs).
 */

import { h, mount } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { impactCounter, needsList } from '../needs.ts';
import type { PageContext, PageHandle } from '../router.ts';

export function renderNeeds(ctx: PageContext): PageHandle {
  ctx.setTitle(t('needs.title'));
  const asked = ctx.query.get('centre') ?? '';
  const centreId = /^[0-9a-f-]{36}$/i.test(asked) ? asked : undefined;
  const list = needsList({ signal: ctx.signal, centreId });
  const impact = impactCounter(ctx.signal);
  mount(
    ctx.main,
    h(
      'div',
      { class: 'container needs-page' },
      h('h1', { class: 'page-title', tabindex: '-1' }, t('needs.title')),
      h('p', { class: 'needs-page__intro' }, t('needs.intro')),
      impact.element,
      centreId ? h('p', null, h('a', { href: '/needs' }, t('needs.seeAll'))) : null,
      list.element,
    ),
  );
  return {
    destroy: () => {
      list.destroy();
      impact.destroy();
    },
  };
}

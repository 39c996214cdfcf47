/**
 * One of the footer's pages (/pages/:slug): its title and its markdown text, rendered
 * safely (shared/markdown.ts). Loaded on demand: the markdown lexer stays out of the first
 * download.
 */

import type { SitePage } from '../../../contract/index.ts';
import { api, ApiError, isAbort } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { getLang } from '../../shared/i18n.ts';
import { renderMarkdown } from '../../shared/markdown.ts';
import { errorState, spinner } from '../../shared/ui.ts';
import { focusHeading, type PageContext } from '../router.ts';
import { jm } from '../journey-messages.ts';
import './site-page.css';

export async function renderSitePage(ctx: PageContext): Promise<void> {
  const container = h('div', { class: 'container container--narrow' });
  mount(ctx.main, container);
  mount(container, spinner());
  try {
    const page = await api.get<SitePage>(`/api/pages/${encodeURIComponent(ctx.params.slug ?? '')}?lang=${getLang()}`, { signal: ctx.signal });
    if (ctx.signal.aborted) return;
    ctx.setTitle(page.title);
    mount(
      container,
      h(
        'article',
        { class: 'panel site-page', 'data-page': page.slug },
        h('h1', { class: 'page-title' }, page.title),
        h('div', { class: 'site-page__body' }, renderMarkdown(page.body)),
      ),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const missing = err instanceof ApiError && err.status === 404;
    ctx.setTitle(missing ? jm.t('page.notFound') : jm.t('page.error'));
    mount(container, errorState({ title: missing ? jm.t('page.notFound') : jm.t('page.error'), error: missing ? undefined : err }));
  }
  focusHeading();
}

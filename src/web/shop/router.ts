/**
 * The shop's router (see shared/router.ts): its pages get setTitle in their context, a
 * new page starts with the bare site title, and a page that fails unexpectedly shows
 * the "failed" page. The route table is in main.ts.
 */

import { t } from '../shared/i18n.ts';
import * as shared from '../shared/router.ts';

export function setTitle(title: string): void {
  const suffix = t('title.suffix');
  document.title = title && title !== suffix ? `${title} — ${suffix}` : suffix;
}

export type PageContext = shared.PageContext<{ setTitle(title: string): void }>;
export type PageHandle = shared.PageHandle<PageContext>;
export type RenderPage = shared.RenderPage<PageContext>;
export type Route = shared.Route<PageContext>;

const router = shared.createRouter({ extra: { setTitle }, onNewPage: () => setTitle('') });

/** Navigates to a path of the site: a known shop route client-side, anything else with a full load. */
export const navigate = router.navigate;
/** Renders the current page again from scratch (e.g. after a change of language). */
export const refresh = router.refresh;
/** Moves the focus to the page's main heading (after a navigation). */
export const focusHeading = router.focusHeading;

export function startRouter(opts: {
  routes: Route[];
  notFound: RenderPage;
  failed: RenderPage;
  main: HTMLElement;
  onNavigate?: (url: URL) => void;
}): Promise<void> {
  return router.start(opts);
}

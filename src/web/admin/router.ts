/**
 * The admin panel's router (see shared/router.ts): when an in-place update (paging, a
 * status tab) redraws the control just used, the focus goes back to the heading; it
 * stops when the person is signed out or refused. The route table is in main.ts.
 */

import { t } from '../shared/i18n.ts';
import * as shared from '../shared/router.ts';

export type PageContext = shared.PageContext;
export type PageHandle = shared.PageHandle<PageContext>;
export type RenderPage = shared.RenderPage<PageContext>;
export type Route = shared.Route<PageContext>;

/** "Produits — Administration — Panier Solidaire" */
export function setTitle(...parts: string[]): void {
  document.title = [...parts.filter(Boolean), t('title.suffix')].join(' — ');
}

const router = shared.createRouter({ extra: {} });

/** Goes to a path: an admin route client-side, anything else with a full load. */
export const navigate = router.navigate;
/** Renders the current page again from scratch (a change of language, a reload after a conflict). */
export const refresh = router.refresh;
/** Moves the focus to the page's main heading (after a navigation). */
export const focusHeading = router.focusHeading;
/** Stops the current page (signed out, refused): its fetches and listeners end. */
export const stopPage = router.stop;

/** A page whose in-place update left the focus nowhere (the control used was redrawn) gets it back on its heading. */
function refocusing(render: RenderPage): RenderPage {
  return async (ctx) => {
    const handle = await render(ctx);
    const update = handle?.update;
    if (!handle || !update) return handle;
    return {
      ...handle,
      async update(next) {
        await update.call(handle, next);
        if (!next.signal.aborted && (!document.activeElement || document.activeElement === document.body)) focusHeading();
      },
    };
  };
}

export function startRouter(opts: { routes: Route[]; notFound: RenderPage; main: HTMLElement; onNavigate?: (url: URL) => void }): Promise<void> {
  return router.start({ ...opts, routes: opts.routes.map((r) => ({ path: r.path, render: refocusing(r.render) })) });
}

/**
 * The console's router (see shared/router.ts): every address under /staff is the
 * console's (one it does not know shows its "not found" view without a reload), and a
 * link to the address on screen does nothing. The views are drawn at once and can redraw
 * themselves (language change). Routes: /staff (the board), /staff/orders/:id (one
 * order), /staff/payments; the table is in main.ts.
 */

import * as shared from '../shared/router.ts';

export type ViewContext = shared.PageContext<{ setTitle(title: string): void }>;

export interface View extends shared.PageHandle<ViewContext> {
  /** Redraws from what the view already holds (language change). */
  render(): void;
}

export type Route = shared.Route<ViewContext, View>;
export type Router = shared.Router<ViewContext, View>;

export function createRouter(setTitle: (title: string) => void): Router {
  return shared.createRouter<{ setTitle(title: string): void }, View>({
    extra: { setTitle },
    owns: (url) => url.pathname === '/staff' || url.pathname.startsWith('/staff/'),
    ignoreSameUrl: true,
  });
}

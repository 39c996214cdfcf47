/**
 * How the order page and the demo payment page load their order: a spinner, then the
 * order; signed out → the sign-in page, back here afterwards; an order that is not the
 * person's (or does not exist) → "not found" with a link to their orders; another failure
 * → the page's heading and a retry. A retry moves the focus to the new heading.
 */

import { api, ApiError, isAbort, type Order } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { t } from '../../shared/i18n.ts';
import { errorState, spinner, pageState } from '../../shared/ui.ts';
import { focusHeading, navigate, type PageContext } from '../router.ts';

export function orderLoader(
  ctx: PageContext,
  container: HTMLElement,
  opts: { orderId: string; title: string; next: string; show(order: Order): void },
): (isRetry: boolean) => Promise<void> {
  const load = async (isRetry: boolean): Promise<void> => {
    mount(container, spinner(t('order.loading')));
    try {
      const fetched = await api.get<Order>(`/api/orders/${encodeURIComponent(opts.orderId)}`, { signal: ctx.signal });
      if (ctx.signal.aborted) return;
      opts.show(fetched);
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) {
        navigate(`/login?next=${encodeURIComponent(opts.next)}`, { replace: true });
        return;
      }
      if (err instanceof ApiError && err.status === 404) {
        ctx.setTitle(t('order.notFound'));
        mount(container, pageState({ title: t('order.notFound'), text: t('order.notFoundText'), link: ['/orders', t('nav.orders')], heading: true }));
        return;
      }
      mount(container, h('h1', { class: 'page-title' }, opts.title), errorState({ title: t('order.error'), error: err, onRetry: () => void load(true) }));
    }
    if (isRetry) focusHeading();
  };
  return load;
}

/**
 * The demo payment page (no Stripe keys): the order's number and amount, "Payer" and
 * "Simuler un échec". No money moves; the buttons report through the same settlement
 * code as a Stripe webhook, then the order page shows the outcome.
 */

import { api, ApiError, isAbort, type Order } from '../../shared/api.ts';
import { h, mount } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t } from '../../shared/i18n.ts';
import { errorState, errorText, spinner, toast, withBusy } from '../../shared/ui.ts';
import { statusBadge, withTime } from '../order-status.ts';
import { focusHeading, navigate, type PageContext } from '../router.ts';

export async function renderPayDemo(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('pay.title'));
  const orderId = ctx.params.orderId ?? '';
  const orderHref = `/orders/${encodeURIComponent(orderId)}`;
  const container = h('div', { class: 'container container--narrow pay-page' });
  mount(ctx.main, container);

  async function load(isRetry: boolean): Promise<void> {
    mount(container, spinner(t('order.loading')));
    try {
      const order = await api.get<Order>(`/api/orders/${encodeURIComponent(orderId)}`, { signal: ctx.signal });
      if (ctx.signal.aborted) return;
      show(order);
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) {
        navigate(`/login?next=${encodeURIComponent(ctx.url.pathname)}`, { replace: true });
        return;
      }
      if (err instanceof ApiError && err.status === 404) {
        ctx.setTitle(t('order.notFound'));
        mount(
          container,
          h(
            'div',
            { class: 'state state--empty state--page' },
            h('h1', { class: 'state__title' }, t('order.notFound')),
            h('p', { class: 'state__text' }, t('order.notFoundText')),
            h('a', { class: 'btn btn--primary', href: '/orders' }, t('nav.orders')),
          ),
        );
        return;
      }
      mount(container, h('h1', { class: 'page-title' }, t('pay.title')), errorState({ title: t('order.error'), error: err, onRetry: () => void load(true) }));
    }
    if (isRetry) focusHeading();
  }

  function show(order: Order): void {
    const heading = h('h1', { class: 'page-title' }, t('pay.title'));
    const facts = h(
      'dl',
      { class: 'details pay__facts' },
      h('div', { class: 'details__row' }, h('dt', null, t('pay.order')), h('dd', null, order.number)),
      h('div', { class: 'details__row' }, h('dt', null, t('pay.amount')), h('dd', { class: 'pay__amount' }, formatPrice(order.totalCents))),
      order.donationTotalCents > 0
        ? h('div', { class: 'details__row' }, h('dt', null, t('cart.offeredPart')), h('dd', null, formatPrice(order.donationTotalCents)))
        : null,
      h('div', { class: 'details__row' }, h('dt', null, t('order.centre')), h('dd', { lang: 'fr' }, order.centre.name)),
    );
    const demoBanner = h(
      'div',
      { class: 'demo-banner' },
      h('p', { class: 'demo-banner__title' }, t('pay.demoTitle')),
      h('p', null, t('pay.demoText')),
    );

    if (order.status !== 'pending_payment') {
      mount(
        container,
        h(
          'div',
          { class: 'panel' },
          heading,
          demoBanner,
          facts,
          h('p', { class: 'pay__done' }, t('pay.notPending'), ' ', statusBadge(order.status)),
          h('p', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: orderHref }, t('pay.seeOrder'))),
        ),
      );
      return;
    }

    const pay = h('button', { type: 'button', class: 'btn btn--primary btn--large' }, t('pay.pay', { amount: formatPrice(order.totalCents) }));
    const fail = h('button', { type: 'button', class: 'btn btn--secondary' }, t('pay.fail'));
    const problem = h('div', { role: 'alert' });

    const report = (button: HTMLButtonElement, outcome: 'succeeded' | 'failed') => {
      if (pay.getAttribute('aria-disabled') === 'true' || fail.getAttribute('aria-disabled') === 'true') return;
      const other = button === pay ? fail : pay;
      other.setAttribute('aria-disabled', 'true');
      void withBusy(button, t('pay.processing'), async () => {
        try {
          await api.post<Order>(`/api/payments/demo/${encodeURIComponent(order.id)}`, { outcome });
          toast(outcome === 'succeeded' ? t('pay.succeeded') : t('pay.failed'), outcome === 'succeeded' ? 'success' : 'error');
          navigate(orderHref, { replace: true });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'invalid_transition') {
            navigate(orderHref, { replace: true });
            return;
          }
          mount(problem, h('p', { class: 'notice notice--error' }, errorText(err)));
        } finally {
          other.removeAttribute('aria-disabled');
        }
      });
    };
    pay.addEventListener('click', () => report(pay, 'succeeded'));
    fail.addEventListener('click', () => report(fail, 'failed'));

    mount(
      container,
      h(
        'div',
        { class: 'panel' },
        heading,
        demoBanner,
        facts,
        h('p', { class: 'muted' }, withTime('order.heldUntil', order.holdExpiresAt)),
        problem,
        h('div', { class: 'pay__buttons' }, pay, fail),
        h('p', { class: 'pay__back' }, h('a', { href: orderHref }, t('pay.later'))),
      ),
    );
  }

  await load(false);
}

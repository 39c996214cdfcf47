/**
 * The demo payment page (no Stripe keys): the order's number and amount, "Payer" and
 * "Simuler un échec". No money moves; the buttons report through the same settlement
 * code as a Stripe webhook, then the order page shows the outcome.
 */

import { api, ApiError, type Order } from '../../shared/api.ts';
import { h, mount, type Child } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { t } from '../../shared/i18n.ts';
import { announce, errorText, toast, withBusy } from '../../shared/ui.ts';
import { reorderButton } from '../reorder.ts';
import { statusBadge, withTime } from '../order-status.ts';
import { navigate, type PageContext } from '../router.ts';
import { orderLoader } from './order-loader.ts';

export async function renderPayDemo(ctx: PageContext): Promise<void> {
  ctx.setTitle(t('pay.title'));
  const orderId = ctx.params.orderId ?? '';
  const orderHref = `/orders/${encodeURIComponent(orderId)}`;
  const container = h('div', { class: 'container container--narrow pay-page' });
  mount(ctx.main, container);

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
    const demoBanner = h('div', { class: 'demo-banner' }, h('p', { class: 'demo-banner__title' }, t('pay.demoTitle')), h('p', null, t('pay.demoText')));

    const page = (...rest: Child[]) => mount(container, h('div', { class: 'panel' }, heading, demoBanner, facts, ...rest));

    if (order.status !== 'pending_payment') {
      page(
        h('p', { class: 'pay__done' }, t('pay.notPending'), ' ', statusBadge(order.status)),
        h('p', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: orderHref }, t('pay.seeOrder'))),
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

    const countdown = h('p', { class: 'pay__countdown', role: 'timer' });
    page(
      countdown,
      h('p', { class: 'muted' }, withTime('order.heldUntil', order.holdExpiresAt)),
      problem,
      h('div', { class: 'pay__buttons' }, pay, fail),
      h('p', { class: 'pay__back' }, h('a', { href: orderHref }, t('pay.later'))),
    );
    startCountdown(countdown, new Date(order.holdExpiresAt).getTime(), () => {
      // Time is up: no more "Payer", a plain sentence and the way back to a cart.
      const expired = h(
        'div',
        { class: 'notice notice--warning pay__expired', role: 'alert' },
        h('p', { class: 'notice__title' }, t('pay.expired')),
        h('p', { class: 'notice__actions' }, reorderButton(order), ' ', h('a', { class: 'btn btn--secondary', href: orderHref }, t('pay.seeOrder'))),
      );
      page(expired);
    });
  }

  /** Counts down to the end of the hold, every second; says the last minutes aloud; `onEnd` at zero. */
  function startCountdown(el: HTMLElement, endsAt: number, onEnd: () => void): void {
    let said = Number.POSITIVE_INFINITY;
    const tick = () => {
      const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      el.textContent = t('pay.timeLeft', { time: clock(left) });
      // Screen readers hear the time at 5 minutes and 1 minute left, not every second.
      const mark = [300, 60].find((m) => left <= m && m < said);
      if (mark !== undefined && left > 0) {
        said = mark;
        announce(t('pay.timeLeft', { time: clock(left) }));
      }
      if (left === 0) {
        clearInterval(timer);
        onEnd();
      }
    };
    const timer = setInterval(tick, 1000);
    ctx.signal.addEventListener('abort', () => clearInterval(timer));
    tick();
  }

  const load = orderLoader(ctx, container, { orderId, title: t('pay.title'), next: ctx.url.pathname, show });
  await load(false);
}

/** "12:05", or "1:02:05" past an hour. */
function clock(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * One order: its status (live), the payment state (pending with the hold's deadline,
 * being confirmed after the return from Stripe, failed with a retry), the lines split
 * into "for me" and "offered to the centre", the centre, a timeline of the status
 * history, cancel while allowed (with a confirmation that says when money comes back),
 * and the proof once the order is processed.
 */

import { api, ApiError, type Order, type OrderItem, type OrderStatus, type PlacedOrder } from '../../shared/api.ts';
import { h, heartIcon, mount, uid } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { labelText, t, tn } from '../../shared/i18n.ts';
import { announce, errorText, toast, withBusy, offeredRow, totalsRow } from '../../shared/ui.ts';
import { cleanups, onLiveRefresh, onOrderUpdated } from '../live.ts';
import { canCancel, formatDateTime, historyNote, isProcessed, newer, STATUS_STEPS, statusBadge, statusLabel, timeEl, withTime } from '../order-status.ts';
import { focusHeading, type PageContext, type PageHandle } from '../router.ts';
import { goToPayment } from './checkout.ts';
import { orderLoader } from './order-loader.ts';
import { reorderButton } from '../reorder.ts';
import { pickupPart } from '../pickup.ts';

export async function renderOrder(ctx: PageContext): Promise<PageHandle> {
  ctx.setTitle(t('order.titleShort'));
  const stop = cleanups();
  const orderId = ctx.params.id ?? '';
  const apiPath = `/api/orders/${encodeURIComponent(orderId)}`;
  let returnState = ctx.query.get('payment'); // 'return' | 'canceled' after Stripe
  const container = h('div', { class: 'container order-page' });
  mount(ctx.main, container);

  let order: Order | undefined;
  const heading = h('h1', { class: 'page-title order-head__title' });
  const badgeSlot = h('div', { class: 'order-head__badge', 'data-live-status': '' });
  const placed = h('p', { class: 'order-head__date' });
  const paymentSlot = h('div', { class: 'order-payment' });
  const timelineSlot = h('div', { class: 'timeline-wrap' });
  const actionsSlot = h('div', { class: 'order-actions' });
  const linesSlot = h('div', { class: 'order-lines-wrap' });
  const centreSlot = h('div');
  const pickupSlotEl = h('div');
  let countdown: HTMLElement | undefined;
  let dialog: HTMLDialogElement | undefined;

  /** Replaces a part of the page; a focus that was inside goes to its counterpart, or to the heading. */
  function replace(slot: HTMLElement, ...content: Array<Node | null>): void {
    const active = document.activeElement as HTMLElement | null;
    const hadFocus = !!active && slot.contains(active);
    const key = active?.dataset.focusKey;
    mount(slot, ...content);
    if (!hadFocus) return;
    const twin = key ? slot.querySelector<HTMLElement>(`[data-focus-key="${key}"]`) : null;
    if (twin) twin.focus();
    else {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  // --- Parts ------------------------------------------------------------------------------------

  function remaining(o: Order): string {
    const ms = new Date(o.holdExpiresAt).getTime() - Date.now();
    if (ms <= 0) return t('order.holdExpired');
    const minutes = Math.floor(ms / 60_000);
    return minutes < 1 ? t('order.lessThanAMinute') : tn('order.minutesLeft', minutes);
  }

  function holdLine(o: Order): HTMLElement {
    countdown = h('span', { class: 'order-payment__left' }, remaining(o));
    return h('p', { class: 'order-payment__hold' }, ...withTime('order.heldUntil', o.holdExpiresAt), ' ', countdown);
  }

  function payButton(o: Order, label: string): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'btn btn--primary', 'data-focus-key': 'pay' }, label);
    button.addEventListener('click', () => {
      void withBusy(button, t('order.opening'), async () => {
        try {
          const res = await api.post<PlacedOrder>(`${apiPath}/pay`);
          goToPayment(res.payment.url ?? null, o.id);
        } catch (err) {
          if (err instanceof ApiError && err.code === 'invalid_transition') {
            await refetch();
            return;
          }
          toast(errorText(err), 'error');
        }
      });
    });
    return button;
  }

  function paymentPart(o: Order): HTMLElement | null {
    countdown = undefined;
    const p = o.payment;
    if (o.status === 'pending_payment') {
      if (p?.status === 'failed') {
        return h(
          'div',
          { class: 'notice notice--error order-payment__box' },
          h('p', { class: 'notice__title' }, t('order.payFailed')),
          h('p', null, t('order.payFailedText')),
          holdLine(o),
          h('p', { class: 'notice__actions' }, payButton(o, t('order.retryPay'))),
        );
      }
      if (returnState === 'return') {
        return h(
          'div',
          { class: 'notice notice--info order-payment__box', role: 'status' },
          h(
            'p',
            { class: 'notice__title order-payment__confirming' },
            h('span', { class: 'spinner spinner--small', 'aria-hidden': 'true' }),
            t('order.confirming'),
          ),
          h('p', null, t('order.confirmingText')),
        );
      }
      return h(
        'div',
        { class: 'notice notice--warning order-payment__box' },
        h('p', { class: 'notice__title' }, returnState === 'canceled' ? t('order.payCanceled') : t('order.awaitingPayment')),
        holdLine(o),
        h('p', { class: 'notice__actions' }, payButton(o, t('order.payNow', { amount: formatPrice(o.totalCents) }))),
      );
    }
    if (o.status === 'canceled') {
      const last = [...o.history].reverse().find((e) => e.status === 'canceled');
      const refunded = p && p.refundedCents > 0 ? p.refundedCents : 0;
      return h(
        'div',
        { class: 'notice order-payment__box' },
        h('p', { class: 'notice__title' }, t('order.canceledTitle')),
        // System notes come in the page's language; a staff member's reason as they wrote it (French).
        last?.note ? h('p', { lang: last.actorRole === 'staff' || last.actorRole === 'admin' ? 'fr' : undefined }, historyNote(last)) : null,
        refunded > 0 ? h('p', null, t('order.refunded', { amount: formatPrice(refunded) })) : null,
      );
    }
    if (o.status === 'paid') {
      return h(
        'div',
        { class: 'notice notice--success order-payment__box' },
        h('p', { class: 'notice__title' }, t('order.paidTitle')),
        h('p', null, t('order.paidText', { amount: formatPrice(p?.amountCents ?? o.totalCents) })),
      );
    }
    return null;
  }

  function timelinePart(o: Order): HTMLElement {
    const firstAt = new Map<string, (typeof o.history)[number]>();
    for (const e of o.history) if (!firstAt.has(e.status)) firstAt.set(e.status, e);
    // An order with lines for the customer ends when they collect it; a gift-only one at delivered.
    const last: OrderStatus[] = o.items.some((i) => !i.donate) ? ['collected'] : [];
    const steps: OrderStatus[] = o.status === 'canceled' ? [...STATUS_STEPS.filter((s) => firstAt.has(s)), 'canceled'] : [...STATUS_STEPS, ...last];
    const currentIndex = steps.indexOf(o.status);
    const titleId = uid('timeline');
    return h(
      'section',
      { class: 'order-card', 'aria-labelledby': titleId },
      h('h2', { class: 'order-card__title', id: titleId }, t('order.timeline')),
      h(
        'ol',
        { class: `timeline${o.status === 'canceled' ? ' timeline--canceled' : ''}` },
        steps.map((s, i) => {
          const event = s === 'canceled' ? [...o.history].reverse().find((e) => e.status === 'canceled') : firstAt.get(s);
          const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'todo';
          return h(
            'li',
            { class: `timeline__step timeline__step--${state} timeline__step--${s}`, 'aria-current': state === 'current' ? 'step' : undefined },
            h('span', { class: 'timeline__dot', 'aria-hidden': 'true' }),
            h(
              'span',
              { class: 'timeline__text' },
              h('span', { class: 'timeline__label' }, statusLabel(s)),
              event
                ? h('span', { class: 'timeline__date' }, timeEl(event.at, formatDateTime(event.at)))
                : h('span', { class: 'timeline__date timeline__date--todo' }, t('order.stepTodo')),
              event?.note && s !== 'canceled' && (event.actorRole === 'staff' || event.actorRole === 'admin') // the reason of a cancel is said above
                ? h('span', { class: 'timeline__note', lang: 'fr' }, event.note)
                : null,
            ),
          );
        }),
      ),
    );
  }

  function actionsPart(o: Order): HTMLElement | null {
    const items: HTMLElement[] = [];
    if (isProcessed(o)) {
      items.push(
        h('a', { class: 'btn btn--secondary', href: `${apiPath}/proof`, download: `preuve-${o.number}.pdf`, 'data-focus-key': 'proof' }, t('order.proof')),
      );
    }
    if (o.status === 'canceled') items.push(reorderButton(o));
    if (canCancel(o)) {
      const cancel = h('button', { type: 'button', class: 'btn btn--danger-ghost', 'data-focus-key': 'cancel' }, t('order.cancel'));
      cancel.addEventListener('click', () => confirmCancel(o, cancel));
      items.push(cancel);
    }
    if (items.length === 0) return null;
    return h('div', { class: 'actions' }, items);
  }

  function confirmCancel(o: Order, opener: HTMLButtonElement): void {
    dialog?.remove();
    const titleId = uid('dlg');
    const textId = uid('dlg-text');
    const refund = o.status === 'paid';
    const yes = h('button', { type: 'button', class: 'btn btn--danger' }, t('order.cancelYes'));
    const no = h('button', { type: 'button', class: 'btn btn--secondary', autofocus: true }, t('order.cancelNo'));
    const d = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': textId },
      h('h2', { class: 'dialog__title', id: titleId }, t('order.cancelTitle', { number: o.number })),
      h(
        'div',
        { id: textId, class: 'dialog__text' },
        h('p', null, refund ? t('order.cancelRefund', { amount: formatPrice(o.payment?.amountCents ?? o.totalCents) }) : t('order.cancelRelease')),
        h('p', null, t('order.cancelFinal')),
      ),
      h('div', { class: 'dialog__actions' }, no, yes),
    );
    dialog = d;
    no.addEventListener('click', () => d.close());
    d.addEventListener('close', () => {
      d.remove();
      if (dialog === d) dialog = undefined;
      if (opener.isConnected) opener.focus();
      else focusHeading();
    });
    yes.addEventListener('click', () => {
      void withBusy(yes, t('form.sending'), async () => {
        try {
          const updated = await api.post<Order>(`${apiPath}/cancel`);
          show(newer(order, updated));
          toast(refund ? t('order.canceledRefunded') : t('order.canceledDone'), 'success');
          d.close();
        } catch (err) {
          d.close();
          if (err instanceof ApiError && err.code === 'invalid_transition') {
            toast(t('order.cannotCancel'), 'error');
            await refetch();
            return;
          }
          toast(errorText(err), 'error');
        }
      });
    });
    document.body.appendChild(d);
    d.showModal();
    no.focus();
  }

  function linesGroup(title: string, items: OrderItem[], gift: boolean): HTMLElement | null {
    if (items.length === 0) return null;
    const titleId = uid('group');
    const subtotal = items.reduce((s, i) => s + i.lineTotalCents, 0);
    return h(
      'section',
      { class: `order-group${gift ? ' order-group--gift' : ''}`, 'aria-labelledby': titleId },
      h('h3', { class: 'order-group__title', id: titleId }, gift ? heartIcon('order-group__heart') : null, title),
      h(
        'ul',
        { class: 'order-lines' },
        items.map((i) =>
          h(
            'li',
            { class: 'order-line' },
            h('span', { class: 'order-line__qty' }, `${i.quantity} ×`),
            h(
              'span',
              { class: 'order-line__name' },
              h('span', { lang: 'fr' }, i.name),
              h('span', { class: 'order-line__unit' }, `${i.unit} · ${t('cart.unitPrice', { price: formatPrice(i.unitPriceCents) })}`),
            ),
            h('span', { class: 'order-line__total' }, formatPrice(i.lineTotalCents)),
          ),
        ),
      ),
      h('p', { class: 'order-group__subtotal' }, h('span', null, t('order.subtotal')), h('span', null, formatPrice(subtotal))),
    );
  }

  function linesPart(o: Order): HTMLElement {
    const titleId = uid('lines');
    return h(
      'section',
      { class: 'order-card', 'aria-labelledby': titleId },
      h('h2', { class: 'order-card__title', id: titleId }, t('order.lines')),
      o.donationOnly ? h('p', { class: 'gift-note' }, heartIcon('gift-note__heart'), t('order.allOffered')) : null,
      linesGroup(
        t('order.forMe'),
        o.items.filter((i) => !i.donate),
        false,
      ),
      linesGroup(
        t('order.offered'),
        o.items.filter((i) => i.donate),
        true,
      ),
      h('dl', { class: 'totals' }, o.donationTotalCents > 0 ? offeredRow(o.donationTotalCents) : null, totalsRow(t('cart.total'), o.totalCents, 'total')),
    );
  }

  function centrePart(o: Order): HTMLElement {
    const titleId = uid('centre');
    const c = o.centre;
    return h(
      'section',
      { class: 'order-card', 'aria-labelledby': titleId },
      h('h2', { class: 'order-card__title', id: titleId }, t('order.centre')),
      h('address', { class: 'order-centre', lang: 'fr' }, h('strong', null, c.name), h('br'), c.address, h('br'), `${c.postcode} ${c.city}`),
      h(
        'p',
        { class: 'order-centre__hours' },
        h('span', { class: 'order-centre__hours-label' }, t('checkout.hours')),
        ' ',
        h('span', { lang: 'fr' }, c.openingHours),
      ),
    );
  }

  // --- Whole page ---------------------------------------------------------------------------------

  let built = false;
  function show(next: Order): void {
    const before = order;
    order = next;
    if (next.status !== 'pending_payment') returnState = null;
    if (!built) {
      built = true;
      ctx.setTitle(t('order.title', { number: next.number }));
      heading.textContent = t('order.title', { number: next.number });
      placed.replaceChildren(...withTime('order.placedOn', next.createdAt, formatDateTime(next.createdAt)));
      replace(linesSlot, linesPart(next));
      replace(centreSlot, centrePart(next));
      mount(
        container,
        h('p', { class: 'back-row' }, h('a', { class: 'back-link', href: '/orders' }, h('span', { 'aria-hidden': 'true' }, '← '), t('order.back'))),
        h('div', { class: 'order-head' }, h('div', { class: 'order-head__text' }, heading, placed), badgeSlot),
        paymentSlot,
        h(
          'div',
          { class: 'order-layout' },
          h('div', { class: 'order-layout__main' }, linesSlot),
          h('div', { class: 'order-layout__side' }, pickupSlotEl, timelineSlot, centreSlot, actionsSlot),
        ),
      );
    }
    replace(badgeSlot, h('span', { class: 'sr-only' }, labelText(t('order.status'))), statusBadge(next.status));
    replace(paymentSlot, paymentPart(next));
    replace(timelineSlot, timelinePart(next));
    replace(pickupSlotEl, pickupPart(next, show));
    replace(actionsSlot, actionsPart(next));
    if (dialog && !canCancel(next)) dialog.close();
    if (before && before.status !== next.status) announce(t('order.nowStatus', { status: statusLabel(next.status) }));
  }

  async function refetch(): Promise<void> {
    try {
      const fresh = await api.get<Order>(apiPath, { signal: ctx.signal });
      if (!ctx.signal.aborted) show(newer(order, fresh));
    } catch {
      // The live view stays as it is; the next event or reconnection brings it up to date.
    }
  }

  const load = orderLoader(ctx, container, {
    orderId,
    title: t('order.titleShort'),
    next: ctx.url.pathname + ctx.url.search,
    show: (fetched) => show(newer(order, fetched)),
  });

  stop.add(
    onOrderUpdated((o) => {
      if (o.id !== orderId || !order) return;
      show(newer(order, o));
    }),
  );
  stop.add(onLiveRefresh(() => void refetch()));
  // Coming back to the tab (e.g. from Stripe in another tab): what the server knows now.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && order) void refetch();
  };
  document.addEventListener('visibilitychange', onVisible);
  stop.add(() => document.removeEventListener('visibilitychange', onVisible));
  // The hold's countdown, while one is shown.
  const timer = window.setInterval(() => {
    if (countdown && order) countdown.textContent = remaining(order);
  }, 15_000);
  stop.add(() => window.clearInterval(timer));
  stop.add(() => dialog?.remove());

  await load(false);
  return { destroy: () => stop.run() };
}

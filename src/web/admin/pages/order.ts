/**
 * One order, with the same information and actions as the staff console: the moves the
 * server allows (allowedTransitions), cancel with a reason (a paid order is refunded),
 * a colleague's concurrent change caught as a conflict (expectedVersion), the proof,
 * and live updates while the page is open.
 */

import { api, ApiError } from '../../shared/api.ts';
import { actorText, orderLinesTable } from '../../shared/console-ui.ts';
import { h, mount, uid, type Child } from '../../shared/dom.ts';
import { formatPrice } from '../../shared/format.ts';
import { onServerEvent } from '../../shared/socket.ts';
import { announce, spinner, toast, withBusy } from '../../shared/ui.ts';
import {
  recordLoadFailed,
  confirmDialog,
  formatDateTime,
  handledAuthError,
  pageHead,
  problemText,
  statusBadge,
  statusLabel,
  tableRegion,
  timeEl,
} from '../kit.ts';
import { m, type AdminKey } from '../messages.ts';
import { setTitle, type PageContext, type PageHandle } from '../router.ts';
import type { OrderStatus, StaffOrder, StaffOrderDetail } from '../../../contract/index.ts';

const MOVE_LABEL: Record<OrderStatus, AdminKey> = {
  pending_payment: 'order.move.pending_payment',
  paid: 'order.move.paid',
  in_preparation: 'order.move.in_preparation',
  in_delivery: 'order.move.in_delivery',
  delivered: 'order.move.delivered',
  collected: 'order.move.collected',
  canceled: 'order.move.canceled',
};

function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('h-sec');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { class: 'panel__title', id }, title), ...children);
}

function rows(pairs: Array<[string, Child]>): HTMLElement {
  return h(
    'dl',
    { class: 'details' },
    pairs.map(([k, v]) => h('div', { class: 'details__row' }, h('dt', null, k), h('dd', null, v))),
  );
}

function linesTable(order: StaffOrder, donate: boolean, caption: string): HTMLElement {
  const lines = order.items.filter((i) => i.donate === donate);
  if (lines.length === 0) return h('p', { class: 'muted' }, donate ? m('order.noGiftLines') : m('order.noCustomerLines'));
  const table = orderLinesTable(lines, {
    class: 'table table--compact',
    caption,
    captionClass: 'table__caption',
    productCell: (i) => h('td', null, i.name, i.unit ? h('span', { class: 'cell-sub' }, i.unit) : null),
    quantity: String,
  });
  return tableRegion(caption, table);
}

export async function orderPage(ctx: PageContext): Promise<PageHandle | void> {
  const id = ctx.params.id ?? '';
  setTitle(m('order.loadingTitle'), m('doc.title'));
  mount(ctx.main, spinner(m('order.loading')));
  let order: StaffOrderDetail;
  const fetchOrder = () => api.get<StaffOrderDetail>(`/api/staff/orders/${encodeURIComponent(id)}`, { signal: ctx.signal });
  try {
    order = await fetchOrder();
  } catch (err) {
    const back = { href: '/admin/orders', label: m('order.back') };
    recordLoadFailed(ctx, err, { record: 'order', title: m('order.loadingTitle'), back, retry: () => void orderPage(ctx) });
    return;
  }
  if (ctx.signal.aborted) return;

  const alert = h('div', { class: 'alert alert--warning', role: 'alert', hidden: true });
  const actionsId = uid('h-actions');
  const actionsHeading = h('h2', { class: 'panel__title', id: actionsId, tabindex: '-1' }, m('order.actions'));
  const actionsBody = h('div', { class: 'order-actions' });
  const content = h('div', { class: 'order-layout' });
  const head = h('div');

  function showAlert(text: string | null): void {
    alert.hidden = !text;
    alert.textContent = text ?? '';
  }

  function render(): void {
    setTitle(m('order.title', { number: order.number }), m('doc.title'));
    const paid = order.payment?.status === 'succeeded';
    head.replaceChildren(
      pageHead(m('order.title', { number: order.number }), {
        back: { href: '/admin/orders', label: m('order.back') },
        intro: [m('order.placedAt', { date: formatDateTime(order.createdAt) }), ' · ', statusBadge(order.status)],
        actions: h('a', { class: 'btn btn--ghost btn--small', href: `/admin/audit?entityType=order&entityId=${order.id}` }, m('order.viewAudit')),
      }),
    );

    // Actions: one button per move the server allows; cancel asks for a reason.
    const moves = order.allowedTransitions.filter((s) => s !== 'canceled');
    const canCancel = order.allowedTransitions.includes('canceled');
    const buttons = moves.map((to) => {
      const b = h('button', { type: 'button', class: 'btn btn--primary' }, m(MOVE_LABEL[to]));
      b.addEventListener('click', () => void move(to, b));
      return b;
    });
    if (canCancel) {
      const b = h('button', { type: 'button', class: 'btn btn--danger' }, m('order.move.canceled'));
      b.addEventListener('click', () => void move('canceled', b));
      buttons.push(b);
    }
    mount(
      actionsBody,
      order.status === 'pending_payment' ? h('p', { class: 'muted' }, m('order.waitPayment', { time: formatDateTime(order.holdExpiresAt) })) : null,
      buttons.length ? h('div', { class: 'actions' }, buttons) : h('p', { class: 'muted' }, m('order.noActions')),
      canCancel && paid ? h('p', { class: 'muted small' }, m('order.cancelRefundNote')) : null,
    );

    const proof = order.proofUrl
      ? section(
          m('order.proof'),
          h('p', { class: 'muted' }, m('order.proofText')),
          h(
            'p',
            { class: 'actions' },
            h(
              'a',
              { class: 'btn btn--secondary', href: `/api/staff/orders/${order.id}/proof`, download: `preuve-${order.number}.pdf` },
              m('order.proofDownload'),
            ),
            h(
              'a',
              { class: 'btn btn--ghost', href: order.proofUrl, target: '_blank', rel: 'noopener' },
              m('order.proofVerify'),
              h('span', { class: 'sr-only' }, ` ${m('common.newTab')}`),
            ),
          ),
        )
      : null;

    const customer = order.customer.id ? h('a', { href: `/admin/users/${order.customer.id}` }, order.customer.name) : order.customer.name;
    const p = order.payment;
    const centre = order.centre;
    content.replaceChildren(
      h(
        'div',
        { class: 'order-layout__main' },
        h('section', { class: 'panel', 'aria-labelledby': actionsId }, actionsHeading, alert, actionsBody),
        section(
          m('order.lines'),
          order.donationOnly ? h('p', { class: 'notice' }, m('order.donationOnly')) : null,
          linesTable(order, false, m('order.forCustomer')),
          linesTable(order, true, m('order.forCentre')),
          rows([
            [m('order.total'), h('strong', null, formatPrice(order.totalCents))],
            [m('order.giftTotal'), formatPrice(order.donationTotalCents)],
            [m('order.customerTotal'), formatPrice(order.totalCents - order.donationTotalCents)],
          ]),
        ),
        section(
          m('order.history'),
          h(
            'ol',
            { class: 'timeline' },
            order.history.map((e) =>
              h(
                'li',
                { class: 'timeline__item' },
                h('p', { class: 'timeline__what' }, statusBadge(e.status), ' ', timeEl(e.at)),
                h('p', { class: 'timeline__who muted' }, m('order.by', { who: actorText(e) })),
                e.note ? h('p', { class: 'timeline__note' }, m('order.note', { note: e.note })) : null,
                e.customerMessage ? h('p', { class: 'timeline__note' }, m('order.customerMessage', { message: e.customerMessage })) : null,
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'order-layout__side' },
        proof,
        section(
          m('order.customer'),
          rows([
            [m('order.customerName'), customer],
            [m('order.customerEmail'), order.customer.email ? h('a', { href: `mailto:${order.customer.email}` }, order.customer.email) : '—'],
          ]),
        ),
        section(
          m('order.centre'),
          rows([
            [m('order.centreName'), centre.name],
            [m('order.centreAddress'), `${centre.address}, ${centre.postcode} ${centre.city}`],
            [m('order.centreHours'), centre.openingHours || '—'],
          ]),
        ),
        section(
          m('order.payment'),
          p
            ? rows([
                [m('order.paymentProvider'), p.provider === 'demo' ? m('order.providerDemo') : p.provider === 'stripe' ? 'Stripe' : p.provider],
                [m('order.paymentStatus'), m(`payment.${p.status}` as AdminKey)],
                [m('order.paymentAmount'), formatPrice(p.amountCents)],
                [m('order.paymentRefunded'), formatPrice(p.refundedCents)],
                [m('order.paymentRef'), p.providerRef ?? '—'],
              ])
            : h('p', { class: 'muted' }, m('order.noPayment')),
        ),
      ),
    );
  }

  async function reload(): Promise<void> {
    try {
      order = await fetchOrder();
      render();
    } catch (err) {
      if (!ctx.signal.aborted && !handledAuthError(err)) toast(problemText(err), 'error');
    }
  }

  async function move(to: OrderStatus, button: HTMLButtonElement): Promise<void> {
    // The version the person saw when they pressed: a change in between (even while the
    // cancel dialog is open) is a conflict, not a silent overwrite.
    const seenVersion = order.version;
    let note: string | undefined;
    let customerMessage: string | undefined;
    if (to === 'canceled') {
      const paid = order.payment?.status === 'succeeded';
      const answer = await confirmDialog({
        title: m('order.cancelTitle', { number: order.number }),
        text: paid ? m('order.cancelTextPaid') : m('order.cancelText'),
        confirm: m('order.cancelConfirm'),
        cancel: m('order.cancelKeep'),
        danger: true,
        note: { label: m('order.cancelReason'), hint: m('order.cancelReasonHint'), required: true, requiredMessage: m('order.cancelReasonRequired') },
        message: { label: m('order.cancelMessage'), hint: m('order.cancelMessageHint') },
      });
      if (!answer) return;
      note = answer.note;
      customerMessage = answer.message || undefined;
    }
    showAlert(null);
    await withBusy(button, m('order.moving'), async () => {
      try {
        order = await api.post<StaffOrderDetail>(`/api/staff/orders/${order.id}/status`, { status: to, note, customerMessage, expectedVersion: seenVersion });
        toast(m('order.moved', { number: order.number, status: statusLabel(order.status) }), 'success');
      } catch (err) {
        if (handledAuthError(err)) return;
        if (err instanceof ApiError && (err.code === 'conflict' || err.code === 'invalid_transition')) {
          await reload();
          showAlert(m('order.conflictText', { status: statusLabel(order.status) }));
          actionsHeading.focus();
          return;
        }
        toast(problemText(err), 'error');
        return;
      }
    });
    render();
    actionsHeading.focus();
  }

  render();
  mount(ctx.main, head, content);

  // A change made elsewhere (a colleague, the payment) shows at once.
  const stop = onServerEvent('order:updated', (fresh) => {
    if (fresh.id !== order.id || fresh.version <= order.version) return;
    void reload().then(() => announce(m('order.liveChanged', { status: statusLabel(order.status) })));
  });
  return { destroy: stop };
}

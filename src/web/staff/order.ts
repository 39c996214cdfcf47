/**
 * One order (/staff/orders/:id): customer, centre, lines split "for the customer" /
 * "offered to the centre", amounts, payment, history (who, when, note), buttons for the
 * moves allowed now, cancel with a reason, the proof once processed. Every move carries
 * the version on screen: when a colleague got there first the server answers 409 and the
 * page says so plainly and reloads the order — nothing is overwritten silently.
 */

import { api, ApiError, isAbort } from '../shared/api.ts';
import { orderLinesTable } from '../shared/console-ui.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { formatPrice } from '../shared/format.ts';
import { t } from '../shared/i18n.ts';
import { errorState, spinner, toast, totalsRow, withBusy } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { actorText, formatDateTime, formatTime, paymentBadge, providerLabel, statusBadge, statusLabel, timeEl } from './format.ts';
import { backIcon, downloadIcon, printIcon } from './icons.ts';
import { isUnacknowledged } from './live.ts';
import { m, type StaffKey } from './messages.ts';
import type { View, ViewContext } from './router.ts';
import type { OrderItem, OrderNeed, OrderStatus, StaffOrderDetail } from '../../contract/index.ts';

interface Alert {
  kind: 'conflict' | 'error';
  text: string;
}

/** After a move the new buttons wait a moment, so a double click cannot make two moves. */
const COOLDOWN_MS = 700;

export function orderView(ctx: ViewContext, app: ConsoleApp): View {
  const { live } = app;
  const id = ctx.params.id ?? '';
  let order: StaffOrderDetail | undefined;
  /** The centre's needs this order's gifts went to (traceability). */
  let needs: OrderNeed[] = [];
  let failure: unknown;
  let missing = false;
  let alert: Alert | undefined;
  /** The last change a colleague made while the page was open. */
  let liveNote: string | undefined;
  let cooldownTimer: number | undefined;
  const loading = new Set<AbortController>();

  const heading = h('h1', { class: 'page-title order-title', tabindex: '-1' });
  const body = h('div', { class: 'order-body' });
  const back = h('a', { class: 'back-link', href: '/staff' });
  const root = h('div', { class: 'container order-page' }, back, h('div', { class: 'page-head' }, heading), body);
  mount(ctx.main, root);

  function setHeading(): void {
    const title = order ? m('order.title', { number: order.number }) : missing ? m('order.notFoundTitle') : m('order.docTitle', { number: '' }).trim();
    ctx.setTitle(order ? m('order.docTitle', { number: order.number }) : title);
    mount(heading, title, order ? [' ', statusBadge(order.status)] : null);
    mount(back, backIcon(), m('order.back'));
  }

  function render(): void {
    setHeading();
    if (missing) {
      mount(
        body,
        h(
          'div',
          { class: 'state state--empty' },
          h('p', { class: 'state__text' }, m('order.notFoundText')),
          h('a', { class: 'btn btn--secondary', href: '/staff' }, m('order.back')),
        ),
      );
      return;
    }
    if (!order) {
      mount(body, failure !== undefined ? errorState({ title: m('order.error'), error: failure, onRetry: () => void load() }) : spinner(m('order.loading')));
      return;
    }
    const o = order;
    mount(
      body,
      h('p', { class: 'order-meta muted' }, m('order.placedAt', { date: formatDateTime(o.createdAt) })),
      alertBox(),
      h('div', { class: 'order-grid' }, actionsCard(o), linesCard(o), peopleCard(o), paymentCard(o), historyCard(o)),
    );
  }

  function alertBox(): HTMLElement[] {
    const boxes: HTMLElement[] = [];
    if (alert)
      boxes.push(
        h(
          'div',
          { class: `alert alert--${alert.kind === 'conflict' ? 'warning' : 'error'}`, role: 'alert', tabindex: '-1', 'data-alert': '' },
          h('p', null, alert.text),
        ),
      );
    if (liveNote) boxes.push(h('p', { class: 'alert alert--info', role: 'status' }, liveNote));
    return boxes;
  }

  // --- Actions ----------------------------------------------------------------------------

  function actionsCard(o: StaffOrderDetail): HTMLElement {
    const titleId = uid('actions');
    const moves = o.allowedTransitions.filter((s) => s !== 'canceled');
    const canCancel = o.allowedTransitions.includes('canceled');
    const cooling = cooldownTimer !== undefined;
    const buttons = moves.map((to) => {
      const b = h(
        'button',
        { type: 'button', class: 'btn btn--primary', 'data-move': to, 'aria-disabled': cooling ? 'true' : undefined },
        m(`order.move.${to}` as StaffKey),
      );
      b.addEventListener('click', () => {
        if (cooldownTimer !== undefined) return;
        void withBusy(b, m('order.moving'), () => move(to, { version: o.version }));
      });
      return b;
    });
    let cancel: HTMLButtonElement | null = null;
    if (canCancel) {
      cancel = h(
        'button',
        { type: 'button', class: 'btn btn--danger', 'data-move': 'canceled', 'aria-disabled': cooling ? 'true' : undefined },
        m('order.move.canceled'),
      );
      cancel.addEventListener('click', () => {
        if (cooldownTimer !== undefined) return;
        openCancelDialog(o);
      });
    }
    let hint: HTMLElement | null = null;
    if (o.status === 'pending_payment') {
      hint = h(
        'div',
        { class: 'notice' },
        h('p', null, m('order.waitPayment')),
        o.holdExpiresAt ? h('p', { class: 'muted' }, m('order.holdUntil', { time: formatTime(o.holdExpiresAt) })) : null,
      );
    } else if (o.allowedTransitions.length === 0) {
      hint = h('p', { class: 'muted' }, m('order.noActions'));
    }
    // Who acknowledged it, or a button to do so (the board of every colleague follows).
    let seen: HTMLElement | null = null;
    if (isUnacknowledged(o)) {
      const ack = h('button', { type: 'button', class: 'btn btn--secondary btn--small', 'data-focus-key': 'ack' }, m('order.ack'));
      ack.addEventListener('click', () => {
        void withBusy(ack, m('order.ack'), async () => {
          try {
            const acked = await live.acknowledge(o.id);
            if (order && acked.version >= order.version) order = { ...order, acknowledgedAt: acked.acknowledgedAt, acknowledgedBy: acked.acknowledgedBy };
            render();
            root.querySelector<HTMLElement>('.order-actions .card__title')?.focus();
          } catch (err) {
            if (!app.handleAuthError(err)) toast(m('board.ackFailed'), 'error');
          }
        });
      });
      seen = h('div', { class: 'notice order-ack' }, h('p', null, m('order.notAcked')), h('p', null, ack));
    } else if (o.acknowledgedAt && o.acknowledgedBy) {
      seen = h('p', { class: 'muted order-ack' }, m('order.ackBy', { name: o.acknowledgedBy.name, when: formatDateTime(o.acknowledgedAt) }));
    }
    const processed = o.status === 'in_preparation' || o.status === 'in_delivery' || o.status === 'delivered';
    const proofHref = `/api/staff/orders/${encodeURIComponent(o.id)}/proof`;
    const proof = processed
      ? h(
          'div',
          { class: 'proof' },
          h('h3', { class: 'card__subtitle' }, m('order.proof')),
          h('p', { class: 'muted' }, m('order.proofText')),
          h(
            'p',
            { class: 'actions' },
            h(
              'a',
              { class: 'btn btn--secondary btn--small', href: proofHref, download: `preuve-${o.number}.pdf`, 'data-focus-key': 'proof-download' },
              downloadIcon(),
              m('order.proofDownload'),
            ),
            h(
              'a',
              { class: 'btn btn--ghost btn--small', href: proofHref, target: '_blank', rel: 'noopener', 'data-focus-key': 'proof-print' },
              printIcon(),
              m('order.proofPrint'),
              h('span', { class: 'sr-only' }, ` ${m('order.proofPrintHint')}`),
            ),
            o.proofUrl
              ? h(
                  'a',
                  { class: 'proof__verify', href: o.proofUrl, target: '_blank', rel: 'noopener', 'data-focus-key': 'proof-verify' },
                  m('order.proofVerify'),
                )
              : null,
          ),
        )
      : null;
    return h(
      'section',
      { class: 'card order-actions', 'aria-labelledby': titleId },
      h('h2', { class: 'card__title', id: titleId, tabindex: '-1' }, m('order.actions')),
      seen,
      buttons.length || cancel ? h('div', { class: 'actions order-actions__buttons' }, buttons, cancel) : null,
      hint,
      proof,
    );
  }

  async function move(to: OrderStatus, opts: { version: number; note?: string; customerMessage?: string }): Promise<boolean> {
    if (!order) return false;
    const current = order;
    live.expectOwnMove(current.id, to);
    try {
      const next = await api.post<StaffOrderDetail>(`/api/staff/orders/${encodeURIComponent(current.id)}/status`, {
        status: to,
        note: opts.note,
        customerMessage: opts.customerMessage,
        expectedVersion: opts.version,
      });
      if (!order || next.version >= order.version) order = next;
      alert = undefined;
      liveNote = undefined;
      startCooldown();
      render();
      toast(m('order.moved', { number: next.number, status: statusLabel(next.status) }), 'success');
      focusAfterMove();
      return true;
    } catch (err) {
      live.forgetOwnMove(current.id, to);
      if (app.handleAuthError(err)) return false;
      if (err instanceof ApiError && (err.code === 'conflict' || err.code === 'invalid_transition')) {
        const fresh = await fetchOrder();
        if (fresh && (!order || fresh.version >= order.version)) order = fresh;
        const status = statusLabel(order?.status ?? (err.details as { currentStatus?: string } | undefined)?.currentStatus ?? '');
        if (err.code === 'conflict') {
          const last = order?.history.at(-1);
          const who =
            last && (last.actorRole === 'staff' || last.actorRole === 'admin' || last.actorRole === 'customer') && last.actorName ? last.actorName : undefined;
          alert = { kind: 'conflict', text: who ? m('order.conflict', { who, status }) : m('order.conflictAnon', { status }) };
        } else {
          alert = { kind: 'conflict', text: m('order.invalidTransition', { status }) };
        }
        liveNote = undefined;
      } else {
        alert = { kind: 'error', text: err instanceof ApiError && err.status === 0 ? t('common.networkError') : m('order.moveFailed') };
      }
      render();
      root.querySelector<HTMLElement>('[data-alert]')?.focus();
      return false;
    }
  }

  function startCooldown(): void {
    window.clearTimeout(cooldownTimer);
    cooldownTimer = window.setTimeout(() => {
      cooldownTimer = undefined;
      for (const b of root.querySelectorAll<HTMLElement>('[data-move]')) b.removeAttribute('aria-disabled');
    }, COOLDOWN_MS);
  }

  function focusAfterMove(): void {
    const first = root.querySelector<HTMLElement>('.order-actions [data-move]');
    (first ?? root.querySelector<HTMLElement>('.order-actions .card__title'))?.focus();
  }

  // --- Cancel with a reason -----------------------------------------------------------------

  function openCancelDialog(o: StaffOrderDetail): void {
    // The version the person saw when they decided: a colleague's move meanwhile is a conflict.
    const version = o.version;
    const titleId = uid('cancel-title');
    const reasonId = uid('cancel-reason');
    const hintId = `${reasonId}-hint`;
    const errorId = `${reasonId}-error`;
    const paid = o.payment && o.payment.status === 'succeeded' && o.status !== 'pending_payment';
    const refund = paid ? o.payment!.amountCents - o.payment!.refundedCents : 0;
    const reason = h('textarea', { id: reasonId, class: 'input textarea', name: 'note', rows: 3, maxlength: 500, required: true, 'aria-describedby': hintId });
    const error = h('p', { class: 'field__error', id: errorId, hidden: true });
    // What the customer reads (their history and mail): a few ready sentences, or one's own words.
    const presetName = uid('cancel-preset');
    const otherId = uid('cancel-other');
    const presets: Array<[string, string]> = [
      ['stock', m('cancel.preset.stock')],
      ['centre', m('cancel.preset.centre')],
      ['duplicate', m('cancel.preset.duplicate')],
      ['request', m('cancel.preset.request')],
      ['other', m('cancel.preset.other')],
      ['none', m('cancel.preset.none')],
    ];
    const other = h('textarea', { id: otherId, class: 'input textarea', name: 'customerMessage', rows: 2, maxlength: 500 });
    const otherField = h('div', { class: 'field', hidden: true }, h('label', { class: 'field__label', for: otherId }, m('cancel.otherLabel')), other);
    const choices = presets.map(([key, text], i) => {
      const input = h('input', { type: 'radio', name: presetName, value: key, id: `${presetName}-${key}`, checked: i === 0 });
      input.addEventListener('change', () => {
        otherField.hidden = key !== 'other';
      });
      return h('div', { class: 'choice' }, input, h('label', { for: `${presetName}-${key}` }, text));
    });
    const customerMessage = (): string | undefined => {
      const key = form.querySelector<HTMLInputElement>(`input[name="${presetName}"]:checked`)?.value ?? 'none';
      if (key === 'none') return undefined;
      if (key === 'other') return other.value.trim() || undefined;
      return presets.find(([k]) => k === key)?.[1];
    };
    const confirm = h('button', { type: 'submit', class: 'btn btn--danger' }, m('cancel.confirm'));
    const keep = h('button', { type: 'button', class: 'btn btn--ghost' }, m('cancel.keep'));
    const form = h(
      'form',
      { class: 'form', method: 'dialog', novalidate: true },
      h('h2', { class: 'dialog__title', id: titleId }, m('cancel.title', { number: o.number })),
      h(
        'div',
        { class: `notice${paid ? ' notice--warning' : ''}` },
        h('p', null, paid ? m('cancel.refund', { amount: formatPrice(refund) }) : m('cancel.unpaid')),
        h('p', null, m('cancel.stock')),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field__label', for: reasonId }, m('cancel.reason')),
        h('p', { class: 'field__hint', id: hintId }, m('cancel.reasonHint')),
        error,
        reason,
      ),
      h(
        'fieldset',
        { class: 'field fieldset cancel-presets' },
        h('legend', { class: 'field__label' }, m('cancel.presetLegend')),
        h('p', { class: 'field__hint' }, m('cancel.forCustomerHint')),
        choices,
      ),
      otherField,
      h('div', { class: 'actions dialog__actions' }, confirm, keep),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
    const opener = document.activeElement as HTMLElement | null;
    document.body.appendChild(dialog);
    let submitted = false;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (submitted) return; // move() has put the focus where it belongs (new buttons or the conflict message).
      if (opener?.isConnected) opener.focus();
      else focusAfterMove();
    });
    keep.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const note = reason.value.trim();
      if (!note) {
        error.textContent = m('cancel.reasonRequired');
        error.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
        reason.setAttribute('aria-describedby', `${hintId} ${errorId}`);
        reason.focus();
        return;
      }
      void withBusy(confirm, m('order.moving'), async () => {
        const done = await move('canceled', { version, note, customerMessage: customerMessage() });
        submitted = true;
        dialog.close();
        if (done) focusAfterMove();
        else root.querySelector<HTMLElement>('[data-alert]')?.focus();
      });
    });
    dialog.showModal();
    reason.focus();
  }

  // --- Content ------------------------------------------------------------------------------

  function linesTable(lines: OrderItem[], labelId: string): HTMLElement {
    return h(
      'div',
      { class: 'table-wrap' },
      orderLinesTable(lines, {
        class: 'table lines-table',
        labelledBy: labelId,
        productCell: (l) => h('th', { scope: 'row' }, h('span', { class: 'cell-main' }, l.name), l.unit ? h('span', { class: 'cell-sub' }, l.unit) : null),
        quantity: (n) => `× ${n}`,
      }),
    );
  }

  function linesCard(o: StaffOrderDetail): HTMLElement {
    const forCustomer = o.items.filter((l) => !l.donate);
    const gifts = o.items.filter((l) => l.donate);
    const customerId = uid('lines-customer');
    const giftId = uid('lines-gift');
    const totalsId = uid('totals');
    return h(
      'div',
      { class: 'order-lines' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': customerId },
        h('h2', { class: 'card__title', id: customerId }, m('order.forCustomer')),
        forCustomer.length ? linesTable(forCustomer, customerId) : h('p', { class: 'muted' }, m('order.noCustomerLines')),
      ),
      h(
        'section',
        { class: 'card card--gift', 'aria-labelledby': giftId },
        h('h2', { class: 'card__title', id: giftId }, m('order.forCentre')),
        o.donationOnly ? h('p', { class: 'gift-tag' }, m('order.donationOnly')) : null,
        gifts.length ? linesTable(gifts, giftId) : h('p', { class: 'muted' }, m('order.noGiftLines')),
        needs.length
          ? h(
              'div',
              { class: 'order-needs', 'data-order-needs': '' },
              h('h3', { class: 'card__subtitle' }, m('order.needs')),
              h(
                'ul',
                null,
                needs.map((n) =>
                  h(
                    'li',
                    { 'data-need-id': n.needId },
                    m('order.needLine', { quantity: n.quantity, name: n.productName, given: n.givenQuantity, target: n.targetQuantity }),
                    n.note ? ` — « ${n.note} »` : '',
                    ' ',
                    h('a', { href: `/staff/needs?need=${encodeURIComponent(n.needId)}` }, m('order.needGifts')),
                  ),
                ),
              ),
            )
          : null,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': totalsId },
        h('h2', { class: 'card__title', id: totalsId }, m('order.totals')),
        h(
          'dl',
          { class: 'totals' },
          totalsRow(m('order.customerTotal'), o.totalCents - o.donationTotalCents),
          totalsRow(m('order.giftTotal'), o.donationTotalCents),
          totalsRow(m('order.total'), o.totalCents, 'grand'),
        ),
      ),
    );
  }

  function peopleCard(o: StaffOrderDetail): HTMLElement {
    const customerId = uid('customer');
    const centreId = uid('centre');
    return h(
      'div',
      { class: 'order-people' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': customerId },
        h('h2', { class: 'card__title', id: customerId }, m('order.customer')),
        h(
          'dl',
          { class: 'facts' },
          h('div', null, h('dt', null, m('order.customerName')), h('dd', null, o.customer.name)),
          h(
            'div',
            null,
            h('dt', null, m('order.customerEmail')),
            h('dd', null, o.customer.email ? h('a', { href: `mailto:${o.customer.email}`, 'data-focus-key': 'mailto' }, o.customer.email) : '—'),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': centreId },
        h('h2', { class: 'card__title', id: centreId }, m('order.centre')),
        h(
          'dl',
          { class: 'facts' },
          h('div', null, h('dt', { class: 'sr-only' }, m('order.centre')), h('dd', { class: 'facts__strong' }, o.centre.name)),
          h('div', null, h('dt', null, m('order.centreAddress')), h('dd', null, o.centre.address, h('br'), `${o.centre.postcode} ${o.centre.city}`)),
          o.centre.openingHours ? h('div', null, h('dt', null, m('order.centreHours')), h('dd', null, o.centre.openingHours)) : null,
        ),
      ),
    );
  }

  function paymentCard(o: StaffOrderDetail): HTMLElement {
    const titleId = uid('payment');
    const p = o.payment;
    return h(
      'section',
      { class: 'card order-payment', 'aria-labelledby': titleId },
      h('h2', { class: 'card__title', id: titleId }, m('order.payment')),
      p
        ? h(
            'dl',
            { class: 'facts' },
            h('div', null, h('dt', null, m('order.paymentStatus')), h('dd', null, paymentBadge(p))),
            h('div', null, h('dt', null, m('order.paymentAmount')), h('dd', null, formatPrice(p.amountCents))),
            p.refundedCents > 0 ? h('div', null, h('dt', null, m('order.paymentRefunded')), h('dd', null, formatPrice(p.refundedCents))) : null,
            h('div', null, h('dt', null, m('order.paymentProvider')), h('dd', null, providerLabel(p.provider))),
            p.providerRef ? h('div', null, h('dt', null, m('order.paymentRef')), h('dd', null, h('code', { class: 'ref' }, p.providerRef))) : null,
          )
        : h('p', { class: 'muted' }, m('order.noPayment')),
      h('p', null, h('a', { href: '/staff/payments', 'data-focus-key': 'all-payments' }, m('order.allPayments'))),
    );
  }

  function historyCard(o: StaffOrderDetail): HTMLElement {
    const titleId = uid('history');
    return h(
      'section',
      { class: 'card order-history', 'aria-labelledby': titleId },
      h('h2', { class: 'card__title', id: titleId }, m('order.history')),
      h(
        'ol',
        { class: 'timeline' },
        [...o.history]
          .reverse()
          .map((e) =>
            h(
              'li',
              { class: `timeline__item timeline__item--${e.status}` },
              h('p', { class: 'timeline__head' }, statusBadge(e.status), ' ', timeEl(e.at)),
              h('p', { class: 'timeline__who' }, m('order.historyBy', { who: actorText(e) })),
              e.note ? h('p', { class: 'timeline__note' }, m('order.internalNote', { note: e.note })) : null,
              e.customerMessage
                ? h('p', { class: 'timeline__note timeline__note--customer' }, m('order.customerMessage', { message: e.customerMessage }))
                : null,
            ),
          ),
      ),
    );
  }

  // --- Loading and live ---------------------------------------------------------------------

  async function fetchOrder(): Promise<StaffOrderDetail | undefined> {
    // Several may run at once (a live change during a conflict reload): each is kept, the newest version wins.
    const controller = new AbortController();
    loading.add(controller);
    try {
      return await api.get<StaffOrderDetail>(`/api/staff/orders/${encodeURIComponent(id)}`, { signal: controller.signal });
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return undefined;
      if (app.handleAuthError(err)) return undefined;
      if (err instanceof ApiError && err.status === 404) {
        missing = true;
        return undefined;
      }
      failure = err;
      return undefined;
    } finally {
      loading.delete(controller);
    }
  }

  /** The needs the order's gifts went to: an extra, so a failure only leaves the list out. */
  async function fetchNeeds(): Promise<void> {
    try {
      needs = await api.get<OrderNeed[]>(`/api/staff/orders/${encodeURIComponent(id)}/needs`, { signal: ctx.signal });
    } catch {
      needs = [];
    }
  }

  async function load(): Promise<void> {
    failure = undefined;
    missing = false;
    render();
    const fresh = await fetchOrder();
    if (fresh && (!order || fresh.version >= order.version)) order = fresh;
    if (fresh) await fetchNeeds();
    if (!ctx.signal.aborted) render();
  }

  /** A live change of this order: refetch (for the moves allowed now) and say who did it. */
  async function refresh(opts: { mine: boolean }): Promise<void> {
    const fresh = await fetchOrder();
    if (!fresh || ctx.signal.aborted) return;
    const before = order;
    if (before && fresh.version < before.version) return;
    order = fresh;
    await fetchNeeds();
    if (ctx.signal.aborted) return;
    if (opts.mine && before && fresh.version > before.version) startCooldown();
    if (before && fresh.version > before.version && !opts.mine) {
      const last = fresh.history.at(-1);
      const who =
        last && (last.actorRole === 'staff' || last.actorRole === 'admin' || last.actorRole === 'customer') && last.actorName ? last.actorName : undefined;
      const status = statusLabel(fresh.status);
      liveNote = who ? m('order.liveChanged', { who, status }) : m('order.liveChangedAnon', { status });
    }
    const active = document.activeElement as HTMLElement | null;
    const wasInside = !!active && body.contains(active);
    const key = active?.getAttribute('data-move') ?? active?.getAttribute('data-focus-key');
    render();
    // Keep the keyboard where it was: on the same control if it is still there, else on the actions.
    if (wasInside) {
      const twin = key ? root.querySelector<HTMLElement>(`[data-move="${key}"], [data-focus-key="${key}"]`) : null;
      (twin ?? root.querySelector<HTMLElement>('.order-actions .card__title'))?.focus();
    }
  }

  const stops = [
    live.onOrder(({ order: o, mine }) => {
      if (o.id !== id) return;
      if (order && o.version <= order.version) return;
      void refresh({ mine });
    }),
    live.onPayment(({ payment }) => {
      if (payment.orderId === id) void refresh({ mine: true });
    }),
    live.onAcknowledged((ack) => {
      if (ack.orderId !== id || !order || order.acknowledgedAt) return;
      order = { ...order, acknowledgedAt: ack.acknowledgedAt, acknowledgedBy: ack.acknowledgedBy };
      render();
    }),
    live.onSync(() => {
      if (order) void refresh({ mine: false });
    }),
  ];

  void load();

  return {
    render,
    destroy() {
      window.clearTimeout(cooldownTimer);
      for (const c of loading) c.abort();
      for (const stop of stops) stop();
      for (const d of document.querySelectorAll('dialog.dialog')) (d as HTMLDialogElement).close();
    },
  };
}

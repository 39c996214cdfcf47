/**
 * Pickup at the centre (issue 19), customer side: the slot chooser of the checkout (the next
 * free slots of the chosen centre, the no-show rule said plainly), and on an order's page its
 * slot (movable until collected) and, once delivered, the pickup code with its QR code.
 */
import QRCode from 'qrcode';
import { api, ApiError, type Order, type ShopCentre } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { getLocale, t, tn } from '../shared/i18n.ts';
import { announce, errorText, toast, withBusy } from '../shared/ui.ts';
import { historyNote } from './order-status.ts';

interface Slot {
  start: string;
  end: string;
  capacity: number;
  remaining: number;
}

/** How many free slots are offered at once. */
const SHOWN = 8;

/** "mardi 24 mars, 09:00–09:30" in Paris time, in the reader's language. */
export function slotLabel(start: string, end: string): string {
  const day = new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(start));
  const time = new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

async function freeSlots(centreId: string): Promise<Slot[]> {
  const slots = await api.get<Slot[]>(`/api/centres/${encodeURIComponent(centreId)}/slots`);
  return slots.filter((s) => s.remaining > 0);
}

/** Radio buttons of the next free slots; `name` groups them. */
function slotRadios(slots: Slot[], name: string, chosen: string | undefined, onPick: (start: string) => void): HTMLElement {
  return h(
    'ul',
    { class: 'slot-list' },
    slots.slice(0, SHOWN).map((s) => {
      const id = uid('slot');
      const input = h('input', { type: 'radio', name, id, value: s.start, checked: s.start === chosen, 'data-slot': s.start });
      input.addEventListener('change', () => onPick(s.start));
      return h(
        'li',
        { class: 'slot-list__item' },
        input,
        h('label', { for: id }, slotLabel(s.start, s.end), ' ', h('span', { class: 'muted' }, t('pickup.placesLeft', { n: s.remaining }))),
      );
    }),
  );
}

/**
 * The checkout's pickup step, when something is for the customer: the chosen centre's free
 * slots when it takes slots; else, when the no-show rule applies, that the customer comes any
 * time it is open. The no-show rule is said in one sentence from the centre's `uncollectedDays`
 * (UNCOLLECTED_DAYS; 0: the policy is off, no sentence).
 */
export function slotChooser() {
  let chosen: string | undefined;
  let needed = false;
  const name = uid('slots');
  const titleId = uid('slot-title');
  const title = h('h2', { class: 'checkout-step__title', id: titleId });
  const policy = h('p', { class: 'muted slot-chooser__policy' });
  const body = h('div', { class: 'slot-chooser__body', 'aria-live': 'polite' });
  const missing = h('p', { class: 'field__error', role: 'alert' });
  const element = h('section', { class: 'checkout-step panel slot-chooser', 'aria-labelledby': titleId, hidden: true }, title, policy, body, missing);
  let loading = 0;
  return {
    element,
    /** Whether the order must name a slot. */
    required: () => needed,
    value: () => (needed ? chosen : undefined),
    showMissing(): void {
      missing.textContent = t('pickup.missing');
      element.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
    },
    async load(centre: ShopCentre | undefined, forCustomer: boolean): Promise<void> {
      needed = !!centre && centre.slotCapacity !== null && forCustomer;
      const days = centre?.uncollectedDays ?? 0;
      const anyTime = !!centre && centre.slotCapacity === null && forCustomer && days > 0;
      element.hidden = !needed && !anyTime;
      missing.textContent = '';
      title.textContent = t(needed ? 'pickup.chooseTitle' : 'pickup.title');
      policy.textContent = days > 0 ? tn(needed ? 'pickup.noShowPolicy' : 'pickup.noShowPolicyAnyTime', days) : '';
      policy.hidden = days === 0;
      if (anyTime) mount(body, h('p', null, t('pickup.anyTime')));
      if (!needed || !centre) return;
      const mine = ++loading;
      try {
        const slots = await freeSlots(centre.id);
        if (mine !== loading) return;
        if (!slots.some((s) => s.start === chosen)) chosen = undefined;
        mount(body, slots.length ? slotRadios(slots, name, chosen, (s) => (chosen = s)) : h('p', null, t('pickup.none')));
      } catch (err) {
        mount(body, h('p', { class: 'notice notice--error' }, errorText(err)));
      }
    },
  };
}

/** The order page's pickup card: the slot (movable until collected) and, once delivered, the code and its QR. */
export function pickupPart(o: Order, onChanged: (next: Order) => void): HTMLElement | null {
  if (!o.pickupSlot && !o.pickupCode) return null;
  const titleId = uid('pickup');
  const card = h(
    'section',
    { class: 'order-card pickup-card', 'aria-labelledby': titleId },
    h('h2', { class: 'order-card__title', id: titleId }, t('pickup.title')),
  );
  if (o.pickupCode) {
    const canvas = h('canvas', { class: 'pickup-card__qr', role: 'img', 'aria-label': t('pickup.qrLabel', { code: o.pickupCode }) });
    void QRCode.toCanvas(canvas, o.pickupCode, { width: 180, margin: 2 }).catch(() => undefined);
    card.append(h('p', null, t('pickup.codeIntro')), h('p', { class: 'pickup-card__code', 'data-pickup-code': '' }, o.pickupCode), canvas);
  }
  // What the system said about the pickup (reminders, offered to the centre): history lines that change no status.
  const notices = o.history.filter((e, i) => i > 0 && e.status === o.history[i - 1]!.status && e.actorRole === 'system' && e.note);
  if (notices.length)
    card.append(
      h(
        'ul',
        { class: 'pickup-card__notices' },
        notices.map((e) => h('li', null, historyNote(e) ?? '')),
      ),
    );
  if (o.pickupSlot) {
    card.append(h('p', { class: 'pickup-card__slot' }, t('pickup.slot'), ' ', h('strong', null, slotLabel(o.pickupSlot.start, o.pickupSlot.end))));
    if (o.status !== 'collected' && o.status !== 'canceled') card.append(moveControl(o, onChanged));
  }
  return card;
}

function moveControl(o: Order, onChanged: (next: Order) => void): HTMLElement {
  const open = h('button', { type: 'button', class: 'btn btn--secondary btn--small', 'data-focus-key': 'move-slot' }, t('pickup.move'));
  const area = h('div', { class: 'pickup-card__move' }, open);
  open.addEventListener('click', () => {
    void withBusy(open, t('pickup.loading'), async () => {
      let chosen: string | undefined;
      const slots = (await freeSlots(o.centre.id)).filter((s) => s.start !== o.pickupSlot?.start);
      const confirm = h('button', { type: 'button', class: 'btn btn--primary btn--small' }, t('pickup.confirmMove'));
      confirm.addEventListener('click', () => {
        if (!chosen) return;
        void withBusy(confirm, t('form.sending'), async () => {
          try {
            const next = await api.patch<Order>(`/api/orders/${encodeURIComponent(o.id)}`, { pickupSlotStart: chosen });
            announce(t('pickup.moved'));
            onChanged(next);
          } catch (err) {
            toast(err instanceof ApiError && err.code === 'slot_full' ? t('pickup.full') : errorText(err), 'error');
          }
        });
      });
      mount(area, slots.length ? slotRadios(slots, uid('move'), undefined, (s) => (chosen = s)) : h('p', null, t('pickup.none')), confirm);
    }).catch((err: unknown) => toast(errorText(err), 'error'));
  });
  return area;
}

/**
 * Pickup mode (/staff/retraits), made for a phone at the centre's counter (issue 19,
 * point 5): the day's expected pickups per centre and slot, a camera scanner and manual
 * code entry that find the order, and one big « Remis » button per order. It keeps working
 * offline: the last list is kept on the device (and the service worker keeps the page),
 * hand-overs are queued there and sent when the network returns, each with the version the
 * list showed; a hand-over the server refuses (someone else moved the order) is shown as a
 * conflict until the person dismisses it — never silently dropped or overwritten.
 */

import { api, withQuery } from '../shared/api.ts';
import { h, mount, uid } from '../shared/dom.ts';
import { announce, errorState, spinner, toast } from '../shared/ui.ts';
import type { ConsoleApp } from './context.ts';
import { formatTime, statusLabel } from './format.ts';
import { m, mn } from './messages.ts';
import { cacheDay, cachedDay, conflicts, dismissConflict, enqueue, flush, queued, unreachable, type Conflict } from './pickup-queue.ts';
import type { View, ViewContext } from './router.ts';
import { startScanner, type Scanner } from './scanner.ts';
import type { PickupDay, PickupOrder } from '../../contract/index.ts';

const CENTRE_KEY = 'panier-solidaire.staff.pickups.centre';

function rememberedCentre(): string {
  try {
    return localStorage.getItem(CENTRE_KEY) ?? '';
  } catch {
    return '';
  }
}

const ordersOf = (day: PickupDay): PickupOrder[] => day.centres.flatMap((c) => c.slots.flatMap((s) => s.orders));

/** The pickup code as the server hashes it: upper case, letters and digits only. */
const normalizeCode = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

async function sha256Hex(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What a scanned or typed text designates, offline too: a pickup code (matched by its hash
 * against the list) or an order number, alone or inside the text. `code` is set when it was a
 * pickup code: the hand-over then sends it.
 */
async function findOrder(day: PickupDay, text: string): Promise<{ order: PickupOrder; code?: string } | undefined> {
  const upper = text.trim().toUpperCase();
  if (!upper) return undefined;
  const all = ordersOf(day);
  const hash = await sha256Hex(normalizeCode(upper));
  const byCode = hash ? all.find((o) => o.pickupCodeHash === hash) : undefined;
  if (byCode) return { order: byCode, code: text.trim() };
  const byNumber = all.find((o) => o.number.toUpperCase() === upper) ?? all.find((o) => upper.includes(o.number.toUpperCase()));
  return byNumber ? { order: byNumber } : undefined;
}

export function pickupsView(ctx: ViewContext, app: ConsoleApp): View {
  let day: PickupDay | null = null;
  let savedAt: string | null = null;
  let offline = !navigator.onLine;
  let failure: unknown;
  let centreId = rememberedCentre();
  let highlighted: string | null = null;
  let scanner: Scanner | null = null;
  /** The pickup code each order was found by (scanned or typed), sent with its hand-over. */
  const codeOf = new Map<string, string>();

  const heading = h('h1', { class: 'page-title', tabindex: '-1' });
  const intro = h('p', { class: 'page-intro' });
  const network = h('p', { class: 'pickups__network', role: 'status' });
  const queueLine = h('div', { class: 'pickups__queue' });
  const conflictBox = h('div', { class: 'pickups__conflicts' });
  const tools = h('div', { class: 'pickups__tools' });
  const found = h('p', { class: 'pickups__found', role: 'status', 'aria-live': 'polite' });
  const video = h('video', { class: 'pickups__video', 'aria-label': '', muted: true, playsinline: true });
  const cameraBox = h('div', { class: 'pickups__camera', hidden: true });
  const list = h('div', { class: 'pickups__list' });
  mount(
    ctx.main,
    h(
      'div',
      { class: 'container pickups' },
      h('div', { class: 'page-head' }, h('div', { class: 'page-head__text' }, heading, intro)),
      network,
      conflictBox,
      queueLine,
      tools,
      cameraBox,
      found,
      list,
    ),
  );

  // --- Tools: centre, scanner, manual code, PDF --------------------------------------------
  const centreSelect = h('select', { class: 'input', id: uid('centre') });
  centreSelect.addEventListener('change', () => {
    centreId = centreSelect.value;
    try {
      localStorage.setItem(CENTRE_KEY, centreId);
    } catch {
      // Not remembered: the choice still holds on this page.
    }
    renderList();
  });
  const scanButton = h('button', { type: 'button', class: 'btn btn--secondary btn--block pickups__scan' });
  scanButton.addEventListener('click', () => void (scanner ? stopScan() : startScan()));
  const codeInput = h('input', { class: 'input', id: uid('code'), type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' });
  const codeLabel = h('label', { class: 'field__label', for: codeInput.id });
  const findButton = h('button', { type: 'submit', class: 'btn btn--secondary' });
  const codeForm = h('form', { class: 'pickups__code' }, codeLabel, h('div', { class: 'pickups__code-row' }, codeInput, findButton));
  codeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void lookUp(codeInput.value);
  });
  const centreLabel = h('label', { class: 'field__label', for: centreSelect.id });
  const pdfLink = h('a', { class: 'pickups__pdf', target: '_blank', rel: 'noopener' });
  const scanHint = h('p', { class: 'pickups__hint' });
  const stopButton = h('button', { type: 'button', class: 'btn btn--secondary' });
  stopButton.addEventListener('click', () => stopScan());
  mount(cameraBox, scanHint, video, stopButton);
  mount(tools, h('div', { class: 'field' }, centreLabel, centreSelect), scanButton, codeForm, pdfLink);

  async function startScan(): Promise<void> {
    found.textContent = '';
    cameraBox.hidden = false;
    try {
      scanner = await startScanner(video, (text) => {
        void lookUp(text).then((hit) => hit && stopScan());
      });
      cameraBox.dataset.engine = scanner.engine;
    } catch {
      cameraBox.hidden = true;
      found.textContent = m('pickups.cameraFailed');
    }
    renderTools();
  }

  function stopScan(): void {
    scanner?.stop();
    scanner = null;
    cameraBox.hidden = true;
    renderTools();
  }

  /** Finds the order a code designates, shows it and puts the focus on its « Remis ». */
  async function lookUp(text: string): Promise<boolean> {
    const hit = day ? await findOrder(day, text) : undefined;
    const order = hit?.order;
    if (!order) {
      found.textContent = m('pickups.notFound', { code: text.trim() });
      return false;
    }
    if (centreId && !day?.centres.some((c) => c.centre.id === centreId && c.slots.some((s) => s.orders.includes(order)))) {
      centreId = '';
      centreSelect.value = '';
    }
    highlighted = order.id;
    if (hit.code) codeOf.set(order.id, hit.code);
    found.textContent = m('pickups.found', { number: order.number, name: order.customerName, lines: mn('pickups.lines', order.lines) });
    codeInput.value = '';
    renderList();
    const card = list.querySelector<HTMLElement>(`[data-order="${CSS.escape(order.id)}"]`);
    card?.scrollIntoView({ block: 'center' });
    card?.querySelector<HTMLButtonElement>('.pickups__remis')?.focus();
    return true;
  }

  // --- Hand-overs -----------------------------------------------------------------------------
  function handOver(o: PickupOrder): void {
    if (!day) return;
    enqueue({
      orderId: o.id,
      number: o.number,
      customerName: o.customerName,
      expectedVersion: o.version,
      status: day.collectedStatus,
      at: new Date().toISOString(),
      code: codeOf.get(o.id),
    });
    announce(m('pickups.pending'));
    render();
    if (!offline) void sync();
  }

  async function sync(): Promise<void> {
    const result = await flush();
    if (result.stopped !== undefined && app.handleAuthError(result.stopped)) return;
    if (result.stopped !== undefined && unreachable(result.stopped)) offline = true;
    if (result.sent > 0) toast(mn('pickups.synced', result.sent), 'success');
    if (result.conflicts > 0) announce(m('pickups.conflictsTitle'));
    await load();
  }

  // --- Loading --------------------------------------------------------------------------------
  function showSaved(): boolean {
    const saved = cachedDay();
    if (!saved) return false;
    day = saved.day;
    savedAt = saved.at;
    offline = true;
    return true;
  }

  async function load(): Promise<void> {
    // Offline, the device's own copy (it knows when it was taken); the worker's is the fallback.
    if (!navigator.onLine && showSaved()) {
      render();
      return;
    }
    try {
      const fresh = await api.get<PickupDay>(withQuery('/api/staff/pickups', {}), { signal: ctx.signal });
      day = fresh;
      cacheDay(fresh);
      savedAt = null;
      offline = false;
      failure = undefined;
    } catch (err) {
      if (ctx.signal.aborted) return;
      if (app.handleAuthError(err)) return;
      if (!showSaved()) failure = err;
    }
    render();
  }

  // --- Drawing --------------------------------------------------------------------------------
  function renderTools(): void {
    centreLabel.textContent = m('pickups.centre');
    const current = centreSelect.value || centreId;
    mount(
      centreSelect,
      h('option', { value: '' }, m('pickups.allCentres')),
      (day?.centres ?? []).map((c) => h('option', { value: c.centre.id }, `${c.centre.name} — ${c.centre.city}`)),
    );
    centreSelect.value = day?.centres.some((c) => c.centre.id === current) ? current : '';
    scanButton.textContent = scanner ? m('pickups.scanStop') : m('pickups.scan');
    scanButton.setAttribute('aria-pressed', scanner ? 'true' : 'false');
    codeLabel.textContent = m('pickups.code');
    findButton.textContent = m('pickups.find');
    scanHint.textContent = m('pickups.scanning');
    video.setAttribute('aria-label', m('pickups.camera'));
    stopButton.textContent = m('pickups.scanStop');
    pdfLink.textContent = m('pickups.pdf');
    pdfLink.setAttribute('href', withQuery('/api/staff/pickups/day.pdf', { date: day?.day, centreId: centreSelect.value || undefined }));
  }

  function conflictText(c: Conflict): string {
    const now = day ? ordersOf(day).find((o) => o.id === c.orderId) : undefined;
    if (now?.collectedAt)
      return m('pickups.conflictBy', { number: c.number, name: c.customerName, who: now.collectedBy ?? '—', time: formatTime(now.collectedAt) });
    return m('pickups.conflict', { number: c.number, name: c.customerName, status: c.currentStatus ? statusLabel(c.currentStatus) : c.message });
  }

  function renderBanners(): void {
    network.textContent = offline ? m('pickups.offline', { time: savedAt ? formatTime(savedAt) : '—' }) : '';
    network.classList.toggle('is-offline', offline);
    const q = queued();
    if (q.length === 0) mount(queueLine);
    else {
      const send = h('button', { type: 'button', class: 'btn btn--small btn--secondary' }, m('pickups.sendNow'));
      send.addEventListener('click', () => void sync());
      mount(queueLine, h('p', { class: 'pickups__queue-text' }, mn('pickups.queue', q.length)), send);
    }
    const cs = conflicts();
    if (cs.length === 0) {
      mount(conflictBox);
      return;
    }
    const titleId = uid('conflicts');
    mount(
      conflictBox,
      h(
        'section',
        { class: 'pickups__conflict-box', role: 'alert', 'aria-labelledby': titleId },
        h('h2', { class: 'pickups__conflict-title', id: titleId }, m('pickups.conflictsTitle')),
        h(
          'ul',
          null,
          cs.map((c) => {
            const ok = h('button', { type: 'button', class: 'btn btn--small btn--secondary' }, m('pickups.dismiss'));
            ok.addEventListener('click', () => {
              dismissConflict(c.orderId);
              renderBanners();
            });
            return h('li', { class: 'pickups__conflict', 'data-order': c.orderId }, h('p', null, conflictText(c)), ok);
          }),
        ),
      ),
    );
  }

  function card(o: PickupOrder, pending: boolean): HTMLElement {
    const done = o.collectedAt !== null;
    // Its slot is today but its goods have not reached the centre: listed, not handed over.
    const notYet = !done && !!day && o.status !== day.waitingStatus;
    const button = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--primary btn--block pickups__remis',
        'aria-label': m('pickups.remisLabel', { name: o.customerName, number: o.number }),
        disabled: done || pending || notYet,
      },
      m('pickups.remis'),
    );
    button.addEventListener('click', () => handOver(o));
    const state = done
      ? o.collectedBy
        ? m('pickups.collectedBy', { time: formatTime(o.collectedAt!), who: o.collectedBy })
        : m('pickups.collected', { time: formatTime(o.collectedAt!) })
      : pending
        ? m('pickups.pending')
        : notYet
          ? m('pickups.notYet', { status: statusLabel(o.status) })
          : '';
    return h(
      'li',
      { class: `pickups__order${done ? ' is-done' : ''}${pending ? ' is-pending' : ''}${highlighted === o.id ? ' is-found' : ''}`, 'data-order': o.id },
      h('p', { class: 'pickups__name' }, o.customerName),
      h('p', { class: 'pickups__meta' }, `${o.number} · ${mn('pickups.lines', o.lines)} · ${mn('pickups.units', o.units)}`),
      o.giftLines > 0 ? h('p', { class: 'pickups__gifts' }, mn('pickups.gifts', o.giftLines)) : null,
      state ? h('p', { class: 'pickups__state' }, state) : null,
      button,
    );
  }

  function renderList(): void {
    renderTools();
    if (!day) {
      mount(list, failure !== undefined ? errorState({ title: m('pickups.loadFailed'), error: failure, onRetry: () => void load() }) : spinner());
      return;
    }
    const pending = new Set(queued().map((q) => q.orderId));
    // A redraw (network change, live update) keeps the focus on the same order's « Remis ».
    const focused = list.contains(document.activeElement) ? document.activeElement?.closest('[data-order]')?.getAttribute('data-order') : null;
    const centres = day.centres.filter((c) => !centreId || c.centre.id === centreId);
    if (centres.length === 0) {
      mount(list, h('p', { class: 'pickups__empty' }, m('pickups.empty')));
      return;
    }
    mount(
      list,
      h('p', { class: 'pickups__counts' }, m('pickups.counts', { expected: day.expected, collected: day.collected, missing: day.missing })),
      centres.map((c) => {
        const id = uid('centre');
        return h(
          'section',
          { class: 'pickups__centre', 'aria-labelledby': id },
          h('h2', { class: 'pickups__centre-name', id }, `${c.centre.name} — ${c.centre.city}`),
          h('p', { class: 'pickups__counts' }, m('pickups.counts', { expected: c.expected, collected: c.collected, missing: c.missing })),
          c.slots.map((s) =>
            h(
              'div',
              { class: 'pickups__slot' },
              h(
                'h3',
                { class: 'pickups__slot-name' },
                s.slot ? m('pickups.slot', { start: formatTime(s.slot.start), end: formatTime(s.slot.end) }) : m('pickups.noSlot'),
                ` (${s.collected}/${s.expected})`,
              ),
              h(
                'ul',
                { class: 'pickups__orders' },
                s.orders.map((o) => card(o, pending.has(o.id))),
              ),
            ),
          ),
        );
      }),
    );
    if (focused) list.querySelector<HTMLButtonElement>(`[data-order="${CSS.escape(focused)}"] .pickups__remis`)?.focus();
  }

  function render(): void {
    ctx.setTitle(m('pickups.title'));
    heading.textContent = m('pickups.title');
    intro.textContent = m('pickups.intro', { day: day?.day ?? '…' });
    renderBanners();
    renderList();
  }

  // --- Network and live -----------------------------------------------------------------------
  const goneOffline = () => {
    offline = true;
    render();
  };
  const backOnline = () => {
    offline = false;
    render();
    void sync();
  };
  // A network that came back without an `online` event (a flaky link): try the queue again now and then.
  const retry = setInterval(() => {
    if (queued().length > 0 && navigator.onLine) void sync();
  }, 15_000);
  window.addEventListener('offline', goneOffline);
  window.addEventListener('online', backOnline);
  const stopOrders = app.live.onOrder(() => void load());
  const stopSync = app.live.onSync(() => void sync());
  ctx.signal.addEventListener('abort', () => {
    clearInterval(retry);
    window.removeEventListener('offline', goneOffline);
    window.removeEventListener('online', backOnline);
    stopOrders();
    stopSync();
    scanner?.stop();
  });

  render();
  // Hand-overs left queued by an earlier visit go out first, then the list is fetched.
  void (offline ? load() : sync());
  return { render };
}

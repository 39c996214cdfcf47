/**
 * The console's live layer, one per page: the staff socket events turned into
 * notifications (toasts, the panel of recent events, a chime, a desktop notification)
 * and handed to the view on screen. After every (re)connection the views refetch what
 * they show, so an order placed while the network was down is never silently missed.
 */

import { api } from '../shared/api.ts';
import { formatPrice } from '../shared/format.ts';
import { connectIfDown, onConnectionChange, onConnectionEvent, onResync, onServerEvent } from '../shared/socket.ts';
import { toast } from '../shared/ui.ts';
import { statusLabel, paymentStatusLabel } from './format.ts';
import { m } from './messages.ts';
import { audioState, chime, installAudioUnlock, onAudioState, takeUnlockingGesture } from './sound.ts';
import type { OrderAcknowledged, OrderStatus, Payment, StaffDashboard, StaffOrder } from '../../contract/index.ts';

export type NoteKind = 'created' | 'moved' | 'payment' | 'paymentUpdated';

export interface Note {
  id: number;
  kind: NoteKind;
  orderId: string;
  orderNumber: string;
  at: Date;
  read: boolean;
  customer?: string;
  amountCents?: number;
  status?: OrderStatus;
  payment?: Pick<Payment, 'status' | 'refundedCents'>;
  who?: string;
}

/** An order event as views get it; `mine` when it is the echo of this console's own move. */
export interface OrderEvent {
  order: StaffOrder;
  kind: 'created' | 'updated';
  mine: boolean;
}

export type DesktopState = 'unsupported' | 'default' | 'granted' | 'denied';

/**
 * The sound as it really is: `on` plays, `blocked` is wanted but the browser waits for a
 * click (autoplay policy), `unavailable` has no audio at all, `off` was switched off.
 */
export type SoundState = 'on' | 'blocked' | 'unavailable' | 'off';

/** A new order nobody has acknowledged yet: "new" on every staff screen, across reloads. */
export const isUnacknowledged = (order: Pick<StaffOrder, 'acknowledgedAt' | 'status'>): boolean =>
  order.acknowledgedAt === null && (order.status === 'paid' || order.status === 'pending_payment');

/** Until the server says (STAFF_REMINDER_SECONDS). */
const DEFAULT_REMINDER_SECONDS = 30;

type Fn<T> = (value: T) => void;

function listeners<T>() {
  const set = new Set<Fn<T>>();
  return {
    add(fn: Fn<T>): () => void {
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(value: T): void {
      for (const fn of [...set]) fn(value);
    },
  };
}

const SOUND_KEY = 'panier-solidaire.staff.sound';
const DESKTOP_KEY = 'panier-solidaire.staff.desktop';
const MAX_NOTES = 50;

function readPref(key: string, fallback: boolean): boolean {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === 'on';
  } catch {
    return fallback;
  }
}

function writePref(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** Turns a note into one sentence in the current language. */
export function noteText(n: Note): string {
  const number = n.orderNumber;
  switch (n.kind) {
    case 'created':
      return m('notif.created', { number, customer: n.customer ?? '', amount: formatPrice(n.amountCents ?? 0) });
    case 'moved': {
      const status = statusLabel(n.status ?? '');
      if (n.status === 'canceled' && n.who) return m('notif.canceledBy', { number, who: n.who });
      return n.who ? m('notif.moved', { who: n.who, number, status }) : m('notif.movedAnon', { number, status });
    }
    case 'payment':
      return m('notif.payment', { amount: formatPrice(n.amountCents ?? 0), number });
    case 'paymentUpdated':
      if (n.payment && n.payment.refundedCents > 0) return m('notif.paymentRefund', { amount: formatPrice(n.payment.refundedCents), number });
      return m('notif.paymentUpdated', { number, status: n.payment ? paymentStatusLabel(n.payment) : '' });
  }
}

export interface Live {
  readonly notes: readonly Note[];
  unread(): number;
  markAllRead(): void;
  clear(): void;
  /** Connection state: true up, false down; `lost` is true only once it had been up or failed. */
  connection(): { connected: boolean; lost: boolean };
  isFreshPayment(paymentId: string): boolean;
  /** Tells the live layer a move is ours, so it does not announce it as a colleague's. */
  expectOwnMove(orderId: string, status: OrderStatus): void;
  forgetOwnMove(orderId: string, status: OrderStatus): void;
  soundOn(): boolean;
  soundState(): SoundState;
  /** The sound button was pressed: a press that unlocked the sound keeps it on, otherwise it toggles. */
  pressSound(): void;
  setSound(on: boolean): void;
  /** The day's figures (GET /api/staff/dashboard), refetched live; undefined until the first answer. */
  dashboard(): StaffDashboard | undefined;
  onDashboard(fn: Fn<StaffDashboard>): () => void;
  /** Acknowledges a new order for every staff screen; resolves with the order as it is now. */
  acknowledge(orderId: string): Promise<StaffOrder>;
  onAcknowledged(fn: Fn<OrderAcknowledged>): () => void;
  /** How many reminder chimes rang (the console shows it to assistive tech and tests read it). */
  reminders(): number;
  desktopState(): DesktopState;
  desktopOn(): boolean;
  setDesktop(on: boolean): void;
  requestDesktop(): Promise<void>;
  onOrder(fn: Fn<OrderEvent>): () => void;
  onPayment(fn: Fn<{ payment: Payment; kind: 'received' | 'updated' }>): () => void;
  /** After every (re)connection: refetch what is on screen. */
  onSync(fn: Fn<void>): () => void;
  /** Something the header shows changed (unread count, connection, preferences). */
  onChange(fn: Fn<void>): () => void;
  /** The socket says nobody is signed in any more. */
  onSessionLost(fn: Fn<void>): () => void;
  stop(): void;
}

export function startLive(opts: { openOrder(orderId: string): void }): Live {
  const notes: Note[] = [];
  /** The latest version of each order this page has told about: a repeated event is told once. */
  const told = new Map<string, number>();
  const freshPayments = new Set<string>();
  const ownMoves = new Set<string>();
  let nextId = 1;
  let connected = false;
  let everConnected = false;
  let failed = false;
  let sound = readPref(SOUND_KEY, true);
  let desktop = readPref(DESKTOP_KEY, true);

  const orderL = listeners<OrderEvent>();
  const paymentL = listeners<{ payment: Payment; kind: 'received' | 'updated' }>();
  const syncL = listeners<void>();
  const changeL = listeners<void>();
  const lostL = listeners<void>();
  const dashboardL = listeners<StaffDashboard>();
  const ackL = listeners<OrderAcknowledged>();
  let dashboard: StaffDashboard | undefined;
  let reminders = 0;

  const stopUnlock = installAudioUnlock();

  function soundState(): SoundState {
    if (!sound) return 'off';
    const state = audioState();
    return state === 'running' ? 'on' : state === 'blocked' ? 'blocked' : 'unavailable';
  }

  // The dashboard is refetched after any event that changes its figures (several at once: one fetch).
  let dashboardTimer: ReturnType<typeof setTimeout> | undefined;
  let dashboardRequest: AbortController | undefined;
  async function loadDashboard(): Promise<void> {
    dashboardRequest?.abort();
    const request = new AbortController();
    dashboardRequest = request;
    try {
      const d = await api.get<StaffDashboard>('/api/staff/dashboard', { signal: request.signal });
      if (request.signal.aborted) return;
      dashboard = d;
      scheduleReminder();
      dashboardL.emit(d);
    } catch {
      // Offline or signed out: the banner or the sign-in page says so; the next sync retries.
    }
  }
  function refreshDashboard(): void {
    clearTimeout(dashboardTimer);
    dashboardTimer = setTimeout(() => void loadDashboard(), 150);
  }

  // While a paid order stays unacknowledged, the console rings again (as an order tablet does).
  let reminderTimer: ReturnType<typeof setInterval> | undefined;
  let reminderEvery = 0;
  function scheduleReminder(): void {
    const seconds = dashboard?.reminderSeconds ?? DEFAULT_REMINDER_SECONDS;
    if (seconds === reminderEvery) return;
    clearInterval(reminderTimer);
    reminderEvery = seconds;
    if (seconds > 0) {
      reminderTimer = setInterval(() => {
        if (!dashboard || dashboard.unacknowledged === 0 || soundState() !== 'on') return;
        if (chime('order')) {
          reminders += 1;
          changeL.emit();
        }
      }, seconds * 1000);
    }
  }
  scheduleReminder();

  function addNote(note: Omit<Note, 'id' | 'at' | 'read'>): Note {
    const full: Note = { ...note, id: nextId++, at: new Date(), read: false };
    notes.unshift(full);
    notes.splice(MAX_NOTES);
    changeL.emit();
    return full;
  }

  function desktopState(): DesktopState {
    if (typeof Notification === 'undefined') return 'unsupported';
    return Notification.permission === 'default' ? 'default' : Notification.permission;
  }

  function notifyDesktop(title: string, body: string, orderId: string): void {
    if (!desktop || desktopState() !== 'granted') return;
    // Shown when the console is not in front; a person looking at it already has the toast.
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    try {
      const n = new Notification(title, { body, tag: `order-${orderId}`, lang: document.documentElement.lang });
      n.onclick = () => {
        window.focus();
        opts.openOrder(orderId);
        n.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker: the toast is enough.
    }
  }

  const stops: Array<() => void> = [];

  stops.push(
    onServerEvent('order:created', (order) => {
      told.set(order.id, order.version);
      refreshDashboard();
      const note = addNote({ kind: 'created', orderId: order.id, orderNumber: order.number, customer: order.customer.name, amountCents: order.totalCents });
      toast(noteText(note), 'info', 8000);
      if (sound) chime('order');
      notifyDesktop(m('notif.createdShort', { number: order.number }), `${order.customer.name} — ${formatPrice(order.totalCents)}`, order.id);
      orderL.emit({ order, kind: 'created', mine: false });
    }),
  );

  stops.push(
    onServerEvent('order:updated', (order) => {
      // A staff member's own order also arrives as its owner view (their user room): the
      // staff view of the same change follows in the staff room, and is the one handled.
      if (!('customer' in order)) return;
      const last = order.history.at(-1);
      refreshDashboard();
      // The same change may arrive twice (a refund also re-sends the order): it is told once.
      const repeated = (told.get(order.id) ?? 0) >= order.version;
      told.set(order.id, Math.max(order.version, told.get(order.id) ?? 0));
      const key = `${order.id}:${order.status}`;
      const mine = ownMoves.has(key);
      if (repeated) {
        // Already told (or it is the echo of our own move, already forgotten below).
      } else if (mine) {
        ownMoves.delete(key);
      } else if (last && last.status === order.status) {
        const byPerson = last.actorRole === 'staff' || last.actorRole === 'admin' || last.actorRole === 'customer';
        // "Paid" is told by the payment:received event; other automatic moves are noted quietly.
        if (!(last.actorRole === 'payment' && order.status === 'paid')) {
          const who = byPerson ? (last.actorName ?? undefined) : undefined;
          const note = addNote({ kind: 'moved', orderId: order.id, orderNumber: order.number, status: order.status, who });
          if (byPerson) toast(noteText(note), 'info');
        }
      }
      orderL.emit({ order, kind: 'updated', mine });
    }),
  );

  stops.push(
    onServerEvent('order:acknowledged', (ack) => {
      refreshDashboard();
      ackL.emit(ack);
    }),
  );

  stops.push(
    onServerEvent('payment:received', (payment) => {
      freshPayments.add(payment.id);
      refreshDashboard();
      const note = addNote({ kind: 'payment', orderId: payment.orderId, orderNumber: payment.orderNumber, amountCents: payment.amountCents });
      toast(noteText(note), 'success');
      if (sound) chime('payment');
      paymentL.emit({ payment, kind: 'received' });
    }),
  );

  stops.push(
    onServerEvent('payment:updated', (payment) => {
      refreshDashboard();
      if (payment.status !== 'pending') {
        addNote({ kind: 'paymentUpdated', orderId: payment.orderId, orderNumber: payment.orderNumber, payment });
      }
      paymentL.emit({ payment, kind: 'updated' });
    }),
  );

  // The server says who it sees once the socket has joined its rooms: from then on no
  // event is missed, so this is the moment to refetch (first connection and every later one).
  const onSession = (payload: { user: { id: string; role: string } | null } | undefined) => {
    if (!payload?.user) {
      lostL.emit();
      return;
    }
    refreshDashboard();
    syncL.emit();
  };
  stops.push(onServerEvent('session', onSession));
  stops.push(
    onResync(() => {
      refreshDashboard();
      syncL.emit();
    }),
  );
  // The first click or key press unlocks the sound: the button says so at once.
  stops.push(onAudioState(() => changeL.emit()));
  stops.push(stopUnlock);
  stops.push(() => {
    clearTimeout(dashboardTimer);
    clearInterval(reminderTimer);
    dashboardRequest?.abort();
  });

  // The server closed this socket itself (the session ended, checked periodically): the
  // client will not reconnect on its own, so let the app ask who is signed in.
  const onDisconnect = (reason: string) => {
    if (reason === 'io server disconnect') lostL.emit();
  };
  stops.push(onConnectionEvent('disconnect', (reason) => onDisconnect(reason ?? '')));

  const onConnectError = () => {
    if (!failed) {
      failed = true;
      changeL.emit();
    }
  };
  stops.push(onConnectionEvent('connect_error', onConnectError));

  // The browser knows at once when the network goes (the socket may take its ping timeout).
  let offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  const onOffline = () => {
    offline = true;
    changeL.emit();
  };
  const onOnline = () => {
    offline = false;
    connectIfDown();
    changeL.emit();
    // The socket may not have noticed the outage: refetch what is on screen anyway.
    syncL.emit();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  stops.push(() => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  });

  stops.push(
    onConnectionChange((up) => {
      const wasLost = offline || (!connected && (everConnected || failed));
      connected = up;
      if (up) {
        if (wasLost) toast(m('live.back'), 'success');
        everConnected = true;
        failed = false;
      }
      changeL.emit();
    }),
  );

  return {
    notes,
    unread: () => notes.filter((n) => !n.read).length,
    markAllRead() {
      let changed = false;
      for (const n of notes) {
        if (!n.read) {
          n.read = true;
          changed = true;
        }
      }
      if (changed) changeL.emit();
    },
    clear() {
      notes.splice(0);
      changeL.emit();
    },
    connection: () => ({ connected: connected && !offline, lost: offline || (!connected && (everConnected || failed)) }),
    isFreshPayment: (id) => freshPayments.has(id),
    expectOwnMove(orderId, status) {
      ownMoves.add(`${orderId}:${status}`);
    },
    forgetOwnMove(orderId, status) {
      ownMoves.delete(`${orderId}:${status}`);
    },
    soundOn: () => sound,
    soundState,
    pressSound() {
      // The press that unlocked a blocked sound means "make it ring": it stays on.
      if (takeUnlockingGesture() && sound) {
        changeL.emit();
        return;
      }
      this.setSound(!sound);
    },
    setSound(on) {
      sound = on;
      writePref(SOUND_KEY, on);
      if (on) chime('order');
      changeL.emit();
    },
    dashboard: () => dashboard,
    onDashboard: dashboardL.add,
    async acknowledge(orderId) {
      const order = await api.post<StaffOrder>(`/api/staff/orders/${encodeURIComponent(orderId)}/ack`, {});
      refreshDashboard();
      return order;
    },
    onAcknowledged: ackL.add,
    reminders: () => reminders,
    desktopState,
    desktopOn: () => desktop,
    setDesktop(on) {
      desktop = on;
      writePref(DESKTOP_KEY, on);
      changeL.emit();
    },
    async requestDesktop() {
      if (desktopState() !== 'default') return;
      const result = await Notification.requestPermission();
      if (result === 'granted') {
        desktop = true;
        writePref(DESKTOP_KEY, true);
        toast(m('desktop.granted'), 'success');
      } else if (result === 'denied') {
        toast(m('desktop.refused'), 'error');
      }
      changeL.emit();
    },
    onOrder: orderL.add,
    onPayment: paymentL.add,
    onSync: syncL.add,
    onChange: changeL.add,
    onSessionLost: lostL.add,
    stop() {
      for (const s of stops.splice(0)) s();
    },
  };
}

import { ApiError } from './api.ts';
import { h, heartIcon, type Child } from './dom.ts';
import { formatPrice } from './format.ts';
import { t } from './i18n.ts';

// --- Live regions and toasts -----------------------------------------------------------------

let politeRegion: HTMLElement | undefined;
let toastRegion: HTMLElement | undefined;

/**
 * Creates the page's live regions once, early, so screen readers are already
 * watching them when the first message arrives.
 */
export function ensureLiveRegions(): void {
  if (!politeRegion) {
    politeRegion = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true', id: 'live-region' });
    document.body.appendChild(politeRegion);
  }
  if (!toastRegion) {
    toastRegion = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', 'aria-label': t('common.notifications') });
    document.body.appendChild(toastRegion);
  }
}

/** Says something to screen-reader users without showing it. */
export function announce(message: string): void {
  ensureLiveRegions();
  const region = politeRegion!;
  region.textContent = '';
  // A new text node on the next frame is announced even if the text repeats.
  requestAnimationFrame(() => {
    region.textContent = message;
  });
}

export type ToastKind = 'info' | 'success' | 'error';

/** A short visible message at the bottom of the screen, read out by screen readers. */
export function toast(message: string, kind: ToastKind = 'info', ms = 6000): void {
  ensureLiveRegions();
  const item = h(
    'div',
    { class: `toast toast--${kind}` },
    h('p', { class: 'toast__text' }, message),
    h(
      'button',
      { type: 'button', class: 'toast__close', 'aria-label': t('common.close'), on: { click: () => item.remove() } },
      h('span', { 'aria-hidden': 'true' }, '×'),
    ),
  );
  toastRegion!.appendChild(item);
  window.setTimeout(() => item.remove(), ms);
}

// --- States ----------------------------------------------------------------------------------

/** A narrow page holding one panel (signing in, a refusal, "not found"): a heading first. */
export function narrowPanel(...children: Child[]): HTMLElement {
  return h('div', { class: 'container container--narrow' }, h('div', { class: 'panel' }, children));
}

/** A spinner with a text label, announced politely. */
export function spinner(label = t('common.loading')): HTMLElement {
  return h(
    'div',
    { class: 'state state--loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    h('span', { class: 'state__label' }, label),
  );
}

export function emptyState(opts: { title: string; text?: string; action?: Child }): HTMLElement {
  return h(
    'div',
    { class: 'state state--empty' },
    h('p', { class: 'state__title' }, opts.title),
    opts.text ? h('p', { class: 'state__text' }, opts.text) : null,
    opts.action ?? null,
  );
}

/**
 * A whole page's empty or not-found state (the shop): its title — the page's heading when it
 * has no other (`heading`) — a sentence, and the one way on.
 */
export function pageState(opts: {
  title: string;
  text: string;
  link: [href: string, label: string];
  heading?: boolean;
  className?: string;
  icon?: Child;
}): HTMLElement {
  return h(
    'div',
    { class: `state state--empty state--page${opts.className ? ` ${opts.className}` : ''}` },
    opts.icon ?? null,
    h(opts.heading ? 'h1' : 'p', { class: 'state__title' }, opts.title),
    h('p', { class: 'state__text' }, opts.text),
    h('a', { class: 'btn btn--primary', href: opts.link[0] }, opts.link[1]),
  );
}

/** An error message with a retry button. */
export function errorState(opts: { title?: string; error?: unknown; onRetry?: () => void }): HTMLElement {
  return h(
    'div',
    { class: 'state state--error', role: 'alert' },
    opts.title ? h('p', { class: 'state__title' }, opts.title) : null,
    h('p', { class: 'state__text' }, errorText(opts.error)),
    opts.onRetry ? h('button', { type: 'button', class: 'btn btn--primary', on: { click: () => opts.onRetry?.() } }, t('common.retry')) : null,
  );
}

/** A human sentence for an unexpected failure. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError && err.status === 0) return t('common.networkError');
  return t('common.error');
}

/**
 * Runs `fn` while `button` shows it is busy. The button stays focusable (aria-disabled,
 * not disabled) so keyboard users keep their place; a second press is ignored.
 */
export async function withBusy<T>(button: HTMLButtonElement, busyLabel: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (button.getAttribute('aria-disabled') === 'true') return undefined;
  const label = button.textContent ?? '';
  button.setAttribute('aria-disabled', 'true');
  button.classList.add('is-busy');
  button.textContent = busyLabel;
  try {
    return await fn();
  } finally {
    button.removeAttribute('aria-disabled');
    button.classList.remove('is-busy');
    button.textContent = label;
  }
}

/** One row of a `dl.totals`: what it counts, and the amount in euros (`modifier`: `gift`, `total`, `grand`). */
export function totalsRow(label: Child | Child[], cents: number, modifier?: 'gift' | 'total' | 'grand'): HTMLElement {
  return h('div', { class: modifier ? `totals__row totals__row--${modifier}` : 'totals__row' }, h('dt', null, label), h('dd', null, formatPrice(cents)));
}

/** The totals' row of what is offered to the association, with its heart. */
export const offeredRow = (cents: number): HTMLElement => totalsRow([heartIcon('totals__heart'), t('cart.offeredPart')], cents, 'gift');

/** Small pieces the console's views share. */

import { h } from '../shared/dom.ts';
import { m } from './messages.ts';

/** "Précédent · Page 2 sur 5 · Suivant" as links (the address holds the page). */
export function pager(opts: { page: number; pages: number; href(page: number): string }): HTMLElement | null {
  if (opts.pages <= 1) return null;
  const { page, pages } = opts;
  return h(
    'nav',
    { class: 'pager', 'aria-label': m('pager.label') },
    page > 1 ? h('a', { class: 'btn btn--ghost btn--small', href: opts.href(page - 1), rel: 'prev', 'data-focus-key': 'prev' }, m('pager.previous')) : h('span', { class: 'pager__spacer' }),
    h('p', { class: 'pager__where' }, m('pager.pageOf', { page, pages })),
    page < pages ? h('a', { class: 'btn btn--ghost btn--small', href: opts.href(page + 1), rel: 'next', 'data-focus-key': 'next' }, m('pager.next')) : h('span', { class: 'pager__spacer' }),
  );
}

/** A debounced refetch: many live events in a burst make one request. */
export function debounced(fn: () => void, ms = 150): { run(): void; cancel(): void } {
  let timer: number | undefined;
  return {
    run() {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, ms);
    },
    cancel() {
      window.clearTimeout(timer);
    },
  };
}

/** Puts the focus back on the element of the same key after a list was redrawn. */
export function keepFocus(container: HTMLElement, redraw: () => void): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  redraw();
  if (!key) return;
  // The same control if it is still there (a row that left the list: the first one that stays).
  const twin = container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`) ?? container.querySelector<HTMLElement>('[data-focus-key]');
  twin?.focus();
}

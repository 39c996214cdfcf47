/** Small pieces the console's views share. */

import { isAbort } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import type { ConsoleApp } from './context.ts';
import { m } from './messages.ts';

/** "Précédent · Page 2 sur 5 · Suivant" as links (the address holds the page). */
export function pager(opts: { page: number; pages: number; href(page: number): string }): HTMLElement | null {
  if (opts.pages <= 1) return null;
  const { page, pages } = opts;
  return h(
    'nav',
    { class: 'pager', 'aria-label': m('pager.label') },
    page > 1
      ? h('a', { class: 'btn btn--ghost btn--small', href: opts.href(page - 1), rel: 'prev', 'data-focus-key': 'prev' }, m('pager.previous'))
      : h('span', { class: 'pager__spacer' }),
    h('p', { class: 'pager__where' }, m('pager.pageOf', { page, pages })),
    page < pages
      ? h('a', { class: 'btn btn--ghost btn--small', href: opts.href(page + 1), rel: 'next', 'data-focus-key': 'next' }, m('pager.next'))
      : h('span', { class: 'pager__spacer' }),
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

/** A page of a live list (the board, the payments) and how it is fetched. */
export interface ListLoader<T> {
  /** The page shown, once fetched. */
  data: T | undefined;
  /** Why the last load failed, if it did. */
  failure: unknown;
  /** Fetches the page: a loud load shows the spinner first and says what it found; a quiet one (a live refresh) keeps what is shown if it fails. */
  load(opts?: { quiet?: boolean }): Promise<void>;
  /** A quiet load soon: a burst of live events makes one request. */
  refetch(): void;
  stop(): void;
}

/** A new load cancels the one before; a 401 or 403 is the app's business (sign-in form, refusal). */
export function listLoader<T>(
  app: ConsoleApp,
  opts: {
    fetch(signal: AbortSignal): Promise<T>;
    /** A loud load starts: draw the spinner. */
    loading(): void;
    /** The new page is in `data`; false when the view goes elsewhere instead (past the last page). */
    accept?(data: T): boolean;
    /** Draws what there is now; after a loud load, also says it. */
    done(quiet: boolean): void;
  },
): ListLoader<T> {
  let request: AbortController | undefined;
  const refetch = debounced(() => void list.load({ quiet: true }), 120);
  const list: ListLoader<T> = {
    data: undefined,
    failure: undefined,
    async load({ quiet = false } = {}) {
      request?.abort();
      const controller = new AbortController();
      request = controller;
      if (!quiet) {
        list.data = undefined;
        list.failure = undefined;
        opts.loading();
      }
      try {
        const data = await opts.fetch(controller.signal);
        if (controller.signal.aborted) return;
        list.data = data;
        list.failure = undefined;
        if (opts.accept?.(data) === false) return;
      } catch (err) {
        if (isAbort(err) || controller.signal.aborted) return;
        if (app.handleAuthError(err)) return;
        list.failure = err;
        if (quiet && list.data) return; // Keep showing what we have; the next event or reconnection refetches.
      }
      opts.done(quiet);
    },
    refetch: () => refetch.run(),
    stop() {
      refetch.cancel();
      request?.abort();
    },
  };
  return list;
}

/** The list's table in its scrolling frame, the focus kept on the same row or link. */
export function showTable(results: HTMLElement, table: HTMLTableElement): void {
  keepFocus(results, () => mount(results, h('div', { class: 'table-wrap' }, table)));
}

/** The pager under a list, the focus kept on "previous" or "next". */
export function showPager(slot: HTMLElement, opts: { page: number; total: number; pageSize: number; href(page: number): string }): void {
  const pages = Math.max(1, Math.ceil(opts.total / opts.pageSize));
  keepFocus(slot, () => mount(slot, pager({ page: opts.page, pages, href: opts.href })));
}

/**
 * A small history-API router. A route is a path pattern ("/products/:id") and a page
 * module's render function. Navigating to another route renders the page into <main>,
 * sets the document title and moves the focus to the page's <h1>; navigating within
 * the same page (only the query changed: search, filter, paging, back button) calls the
 * page's update() instead, so the controls the person is using stay in place.
 */

import { t } from '../shared/i18n.ts';

export interface PageContext {
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the person navigates elsewhere: pass it to fetches. */
  signal: AbortSignal;
  main: HTMLElement;
  setTitle(title: string): void;
}

export interface PageHandle {
  /** Same route, same params, new query: update in place. */
  update?(ctx: PageContext): void | Promise<void>;
  /** Called when the page is left. */
  destroy?(): void;
}

export type RenderPage = (ctx: PageContext) => PageHandle | void | Promise<PageHandle | void>;

export interface Route {
  path: string;
  render: RenderPage;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  keys: string[];
}

interface Current {
  key: string;
  handle: PageHandle | void;
  controller: AbortController;
}

let routes: CompiledRoute[] = [];
let notFoundPage: RenderPage = () => undefined;
let failedPage: RenderPage = () => undefined;
let mainEl: HTMLElement;
let current: Current | undefined;
let navigationId = 0;
/** Path and query of the page on screen. */
let shownPath = '';
let afterNavigate: ((url: URL) => void) | undefined;

function compile(route: Route): CompiledRoute {
  const keys: string[] = [];
  const pattern = route.path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, keys, regex: new RegExp(`^${pattern}/?$`) };
}

export function matchRoute(pathname: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return undefined;
}

export function setTitle(title: string): void {
  const suffix = t('title.suffix');
  document.title = title && title !== suffix ? `${title} — ${suffix}` : suffix;
}

type Mode = 'push' | 'replace' | 'pop' | 'initial' | 'refresh';

async function show(url: URL, mode: Mode): Promise<void> {
  const id = ++navigationId;
  shownPath = url.pathname + url.search;
  const match = matchRoute(url.pathname);
  const route: RenderPage = match?.route.render ?? notFoundPage;
  const params = match?.params ?? {};
  const key = `${match?.route.path ?? '*'}|${JSON.stringify(params)}`;

  current?.controller.abort();
  const controller = new AbortController();
  const ctx: PageContext = {
    url,
    params,
    query: url.searchParams,
    signal: controller.signal,
    main: mainEl,
    setTitle,
  };

  if (current && current.key === key && current.handle && current.handle.update && mode !== 'initial' && mode !== 'refresh') {
    current.controller = controller;
    await current.handle.update(ctx);
    afterNavigate?.(url);
    return;
  }

  current?.handle?.destroy?.();
  current = { key, handle: undefined, controller };
  mainEl.replaceChildren();
  mainEl.removeAttribute('aria-busy');
  if (mode === 'push' || mode === 'replace') window.scrollTo(0, 0);
  setTitle('');
  afterNavigate?.(url);
  let handle: PageHandle | void;
  try {
    handle = await route(ctx);
  } catch (err) {
    if (controller.signal.aborted) return;
    // A page failing in an unexpected way still leaves a usable screen.
    console.error(err);
    handle = await failedPage(ctx);
  }
  if (id !== navigationId) {
    handle?.destroy?.();
    return;
  }
  current.handle = handle;
  if (mode !== 'initial' && mode !== 'refresh') focusHeading();
}

/** Moves the focus to the page's main heading (after a navigation). */
export function focusHeading(): void {
  const heading = mainEl.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

/** Navigates to a path of the site: a known shop route client-side, anything else with a full load. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin || !matchRoute(url.pathname)) {
    if (opts.replace) window.location.replace(url.href);
    else window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (opts.replace) history.replaceState(null, '', target);
  else if (target !== window.location.pathname + window.location.search + window.location.hash) history.pushState(null, '', target);
  void show(url, opts.replace ? 'replace' : 'push');
}

/** Renders the current page again from scratch (e.g. after a change of language). */
export function refresh(): Promise<void> {
  return show(new URL(window.location.href), 'refresh');
}

function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target;
  if (!(target instanceof Element)) return;
  const link = target.closest('a');
  if (!link || !link.hasAttribute('href')) return;
  if (link.target && link.target !== '_self') return;
  if (link.hasAttribute('download') || link.getAttribute('rel')?.includes('external')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) return;
  // In-page anchors (the skip link) keep their native behaviour.
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  if (!matchRoute(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function startRouter(opts: {
  routes: Route[];
  notFound: RenderPage;
  failed: RenderPage;
  main: HTMLElement;
  onNavigate?: (url: URL) => void;
}): Promise<void> {
  routes = opts.routes.map(compile);
  notFoundPage = opts.notFound;
  failedPage = opts.failed;
  mainEl = opts.main;
  afterNavigate = opts.onNavigate;
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', () => {
    const url = new URL(window.location.href);
    // Going back over an in-page anchor (the skip link) changes nothing on screen.
    if (url.pathname + url.search === shownPath) return;
    void show(url, 'pop');
  });
  return show(new URL(window.location.href), 'initial');
}

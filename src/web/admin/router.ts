/**
 * The admin panel's history-API router. A route is a path pattern
 * ("/admin/products/:id") and a page function. Going to another route renders the
 * page into <main>, sets the title and moves the focus to the page's <h1>; going to
 * the same route with another query (search, filter, paging, back button) calls the
 * page's update() instead, so the control the person is using keeps its place.
 */

import { t } from '../shared/i18n.ts';

export interface PageContext {
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the person leaves the page: pass it to fetches. */
  signal: AbortSignal;
  main: HTMLElement;
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

let routes: CompiledRoute[] = [];
let notFoundPage: RenderPage = () => undefined;
let mainEl: HTMLElement | undefined;
let current: { key: string; handle: PageHandle | void; controller: AbortController } | undefined;
let navigationId = 0;
let shownPath = '';
let afterNavigate: ((url: URL) => void) | undefined;
let started = false;

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

function matchRoute(pathname: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
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

/** "Produits — Administration — Panier Solidaire" */
export function setTitle(...parts: string[]): void {
  document.title = [...parts.filter(Boolean), t('title.suffix')].join(' — ');
}

type Mode = 'push' | 'replace' | 'pop' | 'initial' | 'refresh';

async function show(url: URL, mode: Mode): Promise<void> {
  const main = mainEl;
  if (!main) return;
  const id = ++navigationId;
  shownPath = url.pathname + url.search;
  const match = matchRoute(url.pathname);
  const render: RenderPage = match?.route.render ?? notFoundPage;
  const params = match?.params ?? {};
  const key = `${match?.route.path ?? '*'}|${JSON.stringify(params)}`;

  current?.controller.abort();
  const controller = new AbortController();
  const ctx: PageContext = { url, params, query: url.searchParams, signal: controller.signal, main };
  afterNavigate?.(url);

  if (current && current.key === key && current.handle?.update && (mode === 'push' || mode === 'replace' || mode === 'pop')) {
    current.controller = controller;
    await current.handle.update(ctx);
    // The link or button just used may have been redrawn (paging, a status tab): keep the keyboard somewhere sensible.
    if (id === navigationId && (!document.activeElement || document.activeElement === document.body)) focusHeading();
    return;
  }

  current?.handle?.destroy?.();
  current = { key, handle: undefined, controller };
  main.replaceChildren();
  if (mode === 'push' || mode === 'replace') window.scrollTo(0, 0);
  let handle: PageHandle | void;
  try {
    handle = await render(ctx);
  } catch (err) {
    if (controller.signal.aborted) return;
    throw err;
  }
  if (id !== navigationId) {
    handle?.destroy?.();
    return;
  }
  current.handle = handle;
  if (mode === 'push' || mode === 'replace' || mode === 'pop') focusHeading();
}

/** Moves the focus to the page's main heading (after a navigation). */
export function focusHeading(): void {
  const heading = mainEl?.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

/** Goes to a path: an admin route client-side, anything else with a full load. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (!started || url.origin !== window.location.origin || !matchRoute(url.pathname)) {
    if (opts.replace) window.location.replace(url.href);
    else window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (opts.replace) history.replaceState(null, '', target);
  else if (target !== window.location.pathname + window.location.search + window.location.hash) history.pushState(null, '', target);
  void show(url, opts.replace ? 'replace' : 'push');
}

/** Renders the current page again from scratch (a change of language, a reload after a conflict). */
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
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
  if (!matchRoute(url.pathname)) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function startRouter(opts: { routes: Route[]; notFound: RenderPage; main: HTMLElement; onNavigate?: (url: URL) => void }): Promise<void> {
  routes = opts.routes.map(compile);
  notFoundPage = opts.notFound;
  mainEl = opts.main;
  afterNavigate = opts.onNavigate;
  if (!started) {
    started = true;
    document.addEventListener('click', onLinkClick);
    window.addEventListener('popstate', () => {
      const url = new URL(window.location.href);
      if (url.pathname + url.search === shownPath) return;
      void show(url, 'pop');
    });
  }
  return show(new URL(window.location.href), 'initial');
}

/** Stops the current page (signed out, refused): its fetches and listeners end. */
export function stopPage(): void {
  navigationId++;
  current?.controller.abort();
  current?.handle?.destroy?.();
  current = undefined;
}

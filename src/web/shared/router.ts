/**
 * The history-API router of the three front ends (shop, admin panel, staff console).
 * A route is a path pattern ("/products/:id") and a page function. Going to another
 * route renders the page into <main> and moves the focus to the page's <h1>; going to
 * the same route with another query (search, filter, paging, back button) calls the
 * page's update() instead, so the control the person is using keeps its place.
 *
 * Each app keeps its own route table and the few things that really are its own (what
 * its pages get in their context, which addresses are its own, what a new page starts
 * with): see shop/router.ts, admin/router.ts (the focus after an in-place update) and
 * staff/router.ts (with staff/main.ts: back and forward scroll to the top).
 */

/** What every page gets, whatever the app. */
export interface BaseContext {
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Aborted when the person leaves the page: pass it to fetches. */
  signal: AbortSignal;
  main: HTMLElement;
}

/** An app's page context: the base plus what the app adds (e.g. setTitle). */
export type PageContext<X extends object = object> = BaseContext & X;

export interface PageHandle<C> {
  /** Same route, same params, new query: update in place. */
  update?(ctx: C): void | Promise<void>;
  /** Called when the page is left. */
  destroy?(): void;
}

export type RenderPage<C, H extends PageHandle<C> = PageHandle<C>> = (ctx: C) => H | void | Promise<H | void>;

export interface Route<C, H extends PageHandle<C> = PageHandle<C>> {
  path: string;
  render: RenderPage<C, H>;
}

/** How an app's router behaves: fixed when it is created. */
export interface RouterBehaviour<X extends object> {
  /** What the app adds to every page's context. */
  extra: X;
  /** Which addresses of the site are the app's (client-side); by default those a route matches. */
  owns?(url: URL): boolean;
  /** Called when a new page replaces the one on screen, before it renders. */
  onNewPage?(): void;
  /** A link or navigate() to the address already shown does nothing. */
  ignoreSameUrl?: boolean;
}

/** What the router serves: given when it starts. */
export interface RouterConfig<C, H extends PageHandle<C>> {
  routes: Array<Route<C, H>>;
  notFound: RenderPage<C, H>;
  /** Shown when a page fails in an unexpected way; without it the error is thrown on. */
  failed?: RenderPage<C, H>;
  main: HTMLElement;
  onNavigate?(url: URL): void;
}

export interface Router<C, H extends PageHandle<C>> {
  /** Listens to link clicks and back/forward, and shows the page of the current address. */
  start(config: RouterConfig<C, H>): Promise<void>;
  /** Leaves the current page (its fetches and listeners end) and stops listening. */
  stop(): void;
  /** Goes to a path: one of the app's client-side, anything else with a full load. */
  navigate(to: string, opts?: { replace?: boolean }): void;
  /** Renders the current page again from scratch (a change of language, a retry). */
  refresh(): Promise<void>;
  /** Moves the focus to the page's main heading. */
  focusHeading(): void;
}

interface CompiledRoute<C, H extends PageHandle<C>> extends Route<C, H> {
  regex: RegExp;
  keys: string[];
}

type Mode = 'push' | 'replace' | 'pop' | 'initial' | 'refresh';

function compile<C, H extends PageHandle<C>>(route: Route<C, H>): CompiledRoute<C, H> {
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

const here = () => window.location.pathname + window.location.search + window.location.hash;

export function createRouter<X extends object, H extends PageHandle<PageContext<X>> = PageHandle<PageContext<X>>>(
  behaviour: RouterBehaviour<X>,
): Router<PageContext<X>, H> {
  type C = PageContext<X>;
  let config: RouterConfig<C, H> | undefined;
  let routes: Array<CompiledRoute<C, H>> = [];
  let current: { key: string; handle: H | void; controller: AbortController } | undefined;
  let navigationId = 0;
  /** Path and query of the page on screen. */
  let shownPath = '';
  let started = false;

  function matchRoute(pathname: string): { route: CompiledRoute<C, H>; params: Record<string, string> } | undefined {
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

  const owns = (url: URL) => (behaviour.owns ? behaviour.owns(url) : Boolean(matchRoute(url.pathname)));

  function focusHeading(): void {
    const heading = config?.main.querySelector<HTMLElement>('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }

  async function show(url: URL, mode: Mode): Promise<void> {
    if (!config) return;
    const { main, notFound, failed } = config;
    const id = ++navigationId;
    shownPath = url.pathname + url.search;
    const match = matchRoute(url.pathname);
    const render = match?.route.render ?? notFound;
    const params = match?.params ?? {};
    const key = `${match?.route.path ?? '*'}|${JSON.stringify(params)}`;
    const moved = mode === 'push' || mode === 'replace' || mode === 'pop';

    current?.controller.abort();
    const controller = new AbortController();
    const ctx = { ...behaviour.extra, url, params, query: url.searchParams, signal: controller.signal, main } as C;
    config.onNavigate?.(url);

    if (current && current.key === key && current.handle?.update && moved) {
      current.controller = controller;
      await current.handle.update(ctx);
      return;
    }

    current?.handle?.destroy?.();
    current = { key, handle: undefined, controller };
    main.replaceChildren();
    main.removeAttribute('aria-busy');
    if (mode === 'push' || mode === 'replace') window.scrollTo(0, 0);
    behaviour.onNewPage?.();
    let handle: H | void;
    try {
      handle = await render(ctx);
    } catch (err) {
      if (controller.signal.aborted) return;
      if (!failed) throw err;
      // A page failing in an unexpected way still leaves a usable screen.
      console.error(err);
      handle = await failed(ctx);
    }
    if (id !== navigationId) {
      handle?.destroy?.();
      return;
    }
    current.handle = handle;
    if (moved) focusHeading();
  }

  function navigate(to: string, opts: { replace?: boolean } = {}): void {
    const url = new URL(to, window.location.href);
    if (!started || url.origin !== window.location.origin || !owns(url)) {
      if (opts.replace) window.location.replace(url.href);
      else window.location.assign(url.href);
      return;
    }
    const target = url.pathname + url.search + url.hash;
    if (target === here() && behaviour.ignoreSameUrl) return;
    if (opts.replace) history.replaceState(null, '', target);
    else if (target !== here()) history.pushState(null, '', target);
    void show(url, opts.replace ? 'replace' : 'push');
  }

  function onLinkClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    const link = target.closest('a');
    if (!link?.hasAttribute('href')) return;
    if (link.target && link.target !== '_self') return;
    if (link.hasAttribute('download') || link.getAttribute('rel')?.includes('external')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    // In-page anchors (the skip link) keep their native behaviour.
    if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return;
    if (!owns(url)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  }

  function onPopState(): void {
    const url = new URL(window.location.href);
    // Going back over an in-page anchor (the skip link) changes nothing on screen.
    if (url.pathname + url.search === shownPath) return;
    void show(url, 'pop');
  }

  return {
    start(next) {
      config = next;
      routes = next.routes.map(compile);
      if (!started) {
        started = true;
        document.addEventListener('click', onLinkClick);
        window.addEventListener('popstate', onPopState);
      }
      return show(new URL(window.location.href), 'initial');
    },
    stop() {
      navigationId++;
      current?.controller.abort();
      current?.handle?.destroy?.();
      current = undefined;
      if (started) {
        started = false;
        document.removeEventListener('click', onLinkClick);
        window.removeEventListener('popstate', onPopState);
      }
    },
    navigate,
    refresh: () => show(new URL(window.location.href), 'refresh'),
    focusHeading,
  };
}

/**
 * The console's own small router (history API): /staff (the board), /staff/orders/:id
 * (one order), /staff/payments. A new route renders its view into <main> and moves the
 * focus to the view's heading; the same route with a new query (tab, search, page, back
 * button) calls the view's update() so the controls in use stay in place.
 */

export interface ViewContext {
  url: URL;
  params: Record<string, string>;
  main: HTMLElement;
  /** Aborted when the view is left: pass it to fetches. */
  signal: AbortSignal;
  setTitle(title: string): void;
}

export interface View {
  /** Redraws from what the view already holds (language change). */
  render(): void;
  /** Same route and params, new query. */
  update?(url: URL): void;
  destroy?(): void;
}

export interface Route {
  name: string;
  pattern: RegExp;
  keys: string[];
  create(ctx: ViewContext): View;
}

export function route(name: string, path: string, create: (ctx: ViewContext) => View): Route {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        keys.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { name, pattern: new RegExp(`^${source}/?$`), keys, create };
}

interface Current {
  key: string;
  view: View;
  controller: AbortController;
}

export interface Router {
  navigate(href: string, opts?: { replace?: boolean }): void;
  /** Redraws the current view (language change). */
  redraw(): void;
  /** Leaves the current view (sign-out). */
  stop(): void;
  start(): void;
}

export function createRouter(opts: {
  routes: Route[];
  notFound: (ctx: ViewContext) => View;
  main: HTMLElement;
  setTitle(title: string): void;
  onNavigate?(url: URL): void;
}): Router {
  let current: Current | undefined;
  let started = false;

  function match(pathname: string): { route: Route | undefined; params: Record<string, string> } {
    for (const r of opts.routes) {
      const found = r.pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { route: r, params };
    }
    return { route: undefined, params: {} };
  }

  function show(focus: boolean): void {
    const url = new URL(window.location.href);
    const { route: r, params } = match(url.pathname);
    const key = `${r?.name ?? 'not-found'}:${JSON.stringify(params)}`;
    opts.onNavigate?.(url);
    if (current && current.key === key && current.view.update) {
      current.view.update(url);
      return;
    }
    current?.controller.abort();
    current?.view.destroy?.();
    const controller = new AbortController();
    const ctx: ViewContext = { url, params, main: opts.main, signal: controller.signal, setTitle: opts.setTitle };
    const view = r ? r.create(ctx) : opts.notFound(ctx);
    current = { key, view, controller };
    if (focus) {
      window.scrollTo(0, 0);
      const heading = opts.main.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  }

  function navigate(href: string, o: { replace?: boolean } = {}): void {
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) {
      window.location.assign(url.href);
      return;
    }
    const next = url.pathname + url.search + url.hash;
    if (next === window.location.pathname + window.location.search + window.location.hash) return;
    if (o.replace) history.replaceState(null, '', next);
    else history.pushState(null, '', next);
    show(true);
  }

  function onClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
    const href = link.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (!(url.pathname === '/staff' || url.pathname.startsWith('/staff/'))) return;
    event.preventDefault();
    navigate(url.href);
  }

  const onPop = () => show(true);

  return {
    navigate,
    redraw() {
      current?.view.render();
    },
    stop() {
      current?.controller.abort();
      current?.view.destroy?.();
      current = undefined;
      if (started) {
        document.removeEventListener('click', onClick);
        window.removeEventListener('popstate', onPop);
        started = false;
      }
    },
    start() {
      if (!started) {
        document.addEventListener('click', onClick);
        window.addEventListener('popstate', onPop);
        started = true;
      }
      show(false);
    },
  };
}

/**
 * The staff console (/staff): the "master application" of the people who prepare and
 * deliver orders. Signed-out visitors get a sign-in form here, customers a clear
 * refusal page; staff and admins get the live board, the order pages, the payments
 * and the notifications.
 */

import '../shared/base.css';
import '../shared/components.css';
import './staff.css';
import { ApiError, isAbort, type User } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { applyLang, onLangChange, t } from '../shared/i18n.ts';
import { loadUser, setUser, trySignOut } from '../shared/session.ts';
import { reconnectSocket } from '../shared/socket.ts';
import { ensureLiveRegions, errorState, narrowPanel, spinner, toast } from '../shared/ui.ts';
import { boardView } from './board.ts';
import { createChrome } from './chrome.ts';
import type { ConsoleApp } from './context.ts';
import { renderForbidden, renderSignIn } from './gate.ts';
import { startLive, type Live } from './live.ts';
import { m } from './messages.ts';
import { orderView } from './order.ts';
import { paymentsView } from './payments.ts';
import { needsView } from './needs.ts';
import { forgetPickupDay, keepForOffline } from './pickup-queue.ts';
import { pickupsView } from './pickups.ts';
import { createRouter, type Router, type View, type ViewContext } from './router.ts';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing');

applyLang();
ensureLiveRegions();
const chrome = createChrome(root);

let user: User | null | undefined;
let failure: unknown;
let expired = false;
let live: Live | undefined;
let router: Router | undefined;
/** The view on screen, redrawn on a change of language. */
let view: View | undefined;
/** Views drawn after the first one start at the top of the page (back and forward too). */
let viewsShown = false;
let app: ConsoleApp | undefined;

const isStaff = (u: User | null | undefined): u is User => u?.role === 'staff' || u?.role === 'admin';

function setTitle(title: string): void {
  document.title = `${title} — ${m('doc.title')}`;
}

function notFoundView(ctx: ViewContext): View {
  const render = () => {
    setTitle(m('notFound.title'));
    mount(
      ctx.main,
      narrowPanel(
        h('h1', { class: 'page-title', tabindex: '-1' }, m('notFound.title')),
        h('p', null, m('notFound.text')),
        h('p', null, h('a', { class: 'btn btn--primary', href: '/staff' }, m('notFound.back'))),
      ),
    );
  };
  render();
  return { render };
}

function stopConsole(): void {
  router?.stop();
  router = undefined;
  view = undefined;
  viewsShown = false;
  live?.stop();
  live = undefined;
  app = undefined;
}

function focusHeading(): void {
  const heading = chrome.main.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
}

async function doSignOut(): Promise<void> {
  if (!(await trySignOut())) return;
  stopConsole();
  forgetPickupDay();
  // The socket follows the session: it leaves the staff room at once.
  reconnectSocket();
  user = null;
  expired = false;
  render();
  toast(t('logout.done'), 'success');
  focusHeading();
}

function onSignedIn(next: User): void {
  setUser(next);
  user = next;
  expired = false;
  // A socket opened before (a previous session) must come back with the new cookie.
  reconnectSocket();
  render();
  if (isStaff(next)) toast(m('signin.welcome', { name: next.name }), 'success');
  focusHeading();
}

/** Someone else ended the session (sign-out elsewhere, expiry, role taken away): ask the server. */
async function recheckUser(): Promise<void> {
  try {
    const me = await loadUser();
    if (isStaff(me) && me.id === user?.id) {
      // Still signed in: a socket the server closed comes back with the same session.
      if (live && !live.connection().connected) reconnectSocket();
      return;
    }
    if (!me) expired = true;
    if (!isStaff(me)) stopConsole();
    user = me;
    render();
  } catch {
    // The network is down: the banner says so and the next reconnection tries again.
  }
}

function handleAuthError(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 401 || err.status === 403) {
    void recheckUser();
    return true;
  }
  return false;
}

/** A view, remembered as the one on screen once drawn. */
const shown =
  (create: (ctx: ViewContext) => View) =>
  (ctx: ViewContext): View => {
    view = create(ctx);
    if (viewsShown) window.scrollTo(0, 0);
    return view;
  };

function startConsole(me: User): void {
  if (!live) {
    const l = startLive({ openOrder: (id) => router?.navigate(`/staff/orders/${encodeURIComponent(id)}`) });
    l.onChange(() => chrome.refreshLive());
    l.onSessionLost(() => void recheckUser());
    live = l;
  }
  const l = live;
  keepForOffline();
  app = { user: me, live: l, navigate: (href, o) => router?.navigate(href, o), handleAuthError };
  const a = app;
  chrome.showConsole({ user: me, live: l, onSignOut: () => void doSignOut() });
  if (!router) {
    router = createRouter(setTitle);
    void router.start({
      routes: [
        { path: '/staff', render: shown((ctx) => boardView(ctx, a)) },
        { path: '/staff/orders/:id', render: shown((ctx) => orderView(ctx, a)) },
        { path: '/staff/payments', render: shown((ctx) => paymentsView(ctx, a)) },
        { path: '/staff/needs', render: shown((ctx) => needsView(ctx, a)) },
        { path: '/staff/retraits', render: shown((ctx) => pickupsView(ctx, a)) },
      ],
      notFound: shown(notFoundView),
      main: chrome.main,
      onNavigate: (url) => chrome.markCurrent(url.pathname),
    });
    // The first view is drawn by now (views are drawn at once): the page keeps its scroll.
    viewsShown = true;
  }
}

function render(): void {
  if (isStaff(user)) {
    startConsole(user);
    return;
  }
  stopConsole();
  chrome.showBare();
  if (user === undefined) {
    setTitle(m('doc.title'));
    mount(
      chrome.main,
      failure !== undefined ? h('div', { class: 'container container--narrow' }, errorState({ error: failure, onRetry: () => void boot() })) : spinner(),
    );
    return;
  }
  if (user === null) {
    renderSignIn(chrome.main, { expired, onSignedIn });
    return;
  }
  renderForbidden(chrome.main, { user, onSignOut: () => void doSignOut() });
}

async function boot(): Promise<void> {
  user = undefined;
  failure = undefined;
  render();
  try {
    user = await loadUser();
  } catch (err) {
    if (isAbort(err)) return;
    failure = err;
  }
  render();
}

onLangChange(() => {
  if (isStaff(user) && live) {
    chrome.showConsole({ user, live, onSignOut: () => void doSignOut() });
    chrome.markCurrent(window.location.pathname);
    view?.render();
  } else {
    render();
  }
});

// The console is an installable web app that keeps its pages (and the pickup list) offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/staff/sw.js', { scope: '/staff/' }).catch(() => {
    // No service worker (private mode, an old browser): the console works online as before.
  });
}

void boot();

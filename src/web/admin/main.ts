/**
 * The admin panel at /admin (role admin only): products, orders, accounts, centres
 * and the audit trail. Signed-out visitors get a link to sign in; staff and customers
 * a clear refusal. Pages are routed with the history API under /admin/….
 */

import '../shared/base.css';
import '../shared/components.css';
import './admin.css';
import { isAbort, type User } from '../shared/api.ts';
import { h, mount } from '../shared/dom.ts';
import { applyLang, onLangChange, t } from '../shared/i18n.ts';
import { loadUser, trySignOut } from '../shared/session.ts';
import { ensureLiveRegions, errorState, spinner, toast } from '../shared/ui.ts';
import { createChrome } from './chrome.ts';
import { onAuthLost } from './kit.ts';
import { m } from './messages.ts';
import { auditPage } from './pages/audit.ts';
import { impactPage } from './pages/impact.ts';
import { receiptsPage } from './pages/receipts.ts';
import { categoriesPage } from './pages/categories.ts';
import { sitePagesPage } from './pages/site-pages.ts';
import { associationPage } from './pages/association.ts';
import { centreEditPage, centreNewPage, centresPage } from './pages/centres.ts';
import { orderPage } from './pages/order.ts';
import { ordersPage } from './pages/orders.ts';
import { productEditPage, productNewPage } from './pages/product.ts';
import { productsPage } from './pages/products.ts';
import { userPage, usersPage } from './pages/users.ts';
import { focusHeading, refresh, setTitle, startRouter, stopPage, type RenderPage } from './router.ts';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing');
applyLang();
ensureLiveRegions();
const chrome = createChrome(root);
const main = chrome.main;

type Gate =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'signedOut'; expired: boolean }
  | { kind: 'refused'; user: User }
  | { kind: 'admin'; user: User };
let gate: Gate = { kind: 'loading' };
let routerStarted = false;

const notFound: RenderPage = ({ main: target }) => {
  setTitle(m('notFound.title'), m('doc.title'));
  mount(
    target,
    h(
      'div',
      { class: 'panel panel--narrow' },
      h('h1', { class: 'page-title', tabindex: '-1' }, m('notFound.title')),
      h('p', null, m('notFound.text')),
      h('p', null, h('a', { class: 'btn btn--primary', href: '/admin/products' }, m('notFound.back'))),
    ),
  );
};

const routes = [
  { path: '/admin/products', render: productsPage },
  { path: '/admin/products/new', render: productNewPage },
  { path: '/admin/products/:id', render: productEditPage },
  { path: '/admin/orders', render: ordersPage },
  { path: '/admin/orders/:id', render: orderPage },
  { path: '/admin/users', render: usersPage },
  { path: '/admin/users/:id', render: userPage },
  { path: '/admin/categories', render: categoriesPage },
  { path: '/admin/centres', render: centresPage },
  { path: '/admin/centres/new', render: centreNewPage },
  { path: '/admin/centres/:id', render: centreEditPage },
  { path: '/admin/association', render: associationPage },
  { path: '/admin/impact', render: impactPage },
  { path: '/admin/receipts', render: receiptsPage },
  { path: '/admin/audit', render: auditPage },
  { path: '/admin/pages', render: sitePagesPage },
];

function render(): void {
  switch (gate.kind) {
    case 'loading':
      chrome.showBare();
      setTitle(m('doc.title'));
      mount(main, spinner(m('gate.loading')));
      return;
    case 'failed':
      chrome.showBare();
      setTitle(m('doc.title'));
      mount(
        main,
        h(
          'div',
          { class: 'panel panel--narrow' },
          h('h1', { class: 'page-title', tabindex: '-1' }, m('doc.title')),
          errorState({ error: gate.error, onRetry: () => void boot() }),
        ),
      );
      return;
    case 'signedOut': {
      chrome.showBare();
      setTitle(m('gate.signInTitle'), m('doc.title'));
      // Back to the page asked for after signing in ("/login?next=/admin" from the panel's home).
      // (The server answers /admin with a redirect to /admin/: both are the panel's home.)
      const here = window.location.pathname.replace(/\/+$/, '');
      const next = here.startsWith('/admin/') ? here + window.location.search : '/admin';
      mount(
        main,
        h(
          'div',
          { class: 'panel panel--narrow' },
          h('h1', { class: 'page-title', tabindex: '-1' }, m('gate.signInTitle')),
          gate.expired ? h('p', { class: 'notice', role: 'status' }, m('gate.expired')) : null,
          h('p', null, m('gate.signInText')),
          h('p', null, h('a', { class: 'btn btn--primary', href: `/login?next=${encodeURIComponent(next).replace(/%2F/g, '/')}` }, m('gate.signInLink'))),
        ),
      );
      return;
    }
    case 'refused': {
      chrome.showBare();
      setTitle(m('gate.refusedTitle'), m('doc.title'));
      const user = gate.user;
      const isStaff = user.role === 'staff';
      const out = h('button', { type: 'button', class: 'btn btn--secondary' }, t('nav.logout'));
      out.addEventListener('click', () => void doSignOut());
      mount(
        main,
        h(
          'div',
          { class: 'panel panel--narrow' },
          h('h1', { class: 'page-title', tabindex: '-1' }, m('gate.refusedTitle')),
          h('p', null, m(isStaff ? 'gate.refusedStaff' : 'gate.refusedCustomer', { name: user.name })),
          h('p', { class: 'muted' }, m('gate.refusedHint')),
          h('p', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: isStaff ? '/staff' : '/' }, m(isStaff ? 'gate.toStaff' : 'gate.toShop')), out),
        ),
      );
      return;
    }
    case 'admin':
      chrome.showAdmin({ user: gate.user, onSignOut: () => void doSignOut() });
      if (!routerStarted) {
        routerStarted = true;
        if (/^\/admin\/?$/.test(window.location.pathname)) history.replaceState(null, '', `/admin/products${window.location.search}`);
        void startRouter({ routes, notFound, main, onNavigate: (url) => chrome.markCurrent(url.pathname) });
      } else {
        void refresh();
      }
  }
}

async function boot(opts: { expired?: boolean } = {}): Promise<void> {
  gate = { kind: 'loading' };
  render();
  let user: User | null;
  try {
    user = await loadUser();
  } catch (err) {
    if (isAbort(err)) return;
    gate = { kind: 'failed', error: err };
    render();
    return;
  }
  gate = !user ? { kind: 'signedOut', expired: Boolean(opts.expired) } : user.role === 'admin' ? { kind: 'admin', user } : { kind: 'refused', user };
  if (gate.kind !== 'admin') {
    stopPage();
    routerStarted = false;
  }
  render();
  if (opts.expired) focusHeading();
}

async function doSignOut(): Promise<void> {
  if (!(await trySignOut())) return;
  stopPage();
  routerStarted = false;
  gate = { kind: 'signedOut', expired: false };
  render();
  toast(t('logout.done'), 'success');
  main.querySelector<HTMLElement>('h1')?.focus();
}

// The session ended, or the account lost its admin role, while the panel was open.
onAuthLost(() => {
  stopPage();
  routerStarted = false;
  void boot({ expired: true });
});

onLangChange(() => render());
void boot();

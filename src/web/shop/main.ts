/** The shop: layout, routes, and the signed-in state kept in the header. */

import '../shared/base.css';
import '../shared/components.css';
import './shop.css';
import { applyLang, onLangChange } from '../shared/i18n.ts';
import { currentUser, loadUser, onUserChange, setUser } from '../shared/session.ts';
import { ensureLiveRegions } from '../shared/ui.ts';
import { createLayout } from './layout.ts';
import type { ShopPage } from '../../contract/enums.ts';
import { renderAccount } from './pages/account.ts';
import { renderAccountData } from './pages/account-data.ts';
import { renderForgotPassword } from './pages/forgot-password.ts';
import { renderResetPassword } from './pages/reset-password.ts';
import { renderVerifyEmail } from './pages/verify-email.ts';
import { renderCatalogue } from './pages/catalogue.ts';
import { renderLogin } from './pages/login.ts';
import { renderFailed, renderNotFound } from './pages/not-found.ts';
import { renderProduct } from './pages/product.ts';
import { renderRegister } from './pages/register.ts';
import { renderStockAlertStop } from './pages/stock-alert-stop.ts';
import { navigate, refresh, startRouter, type RenderPage, type Route } from './router.ts';
import { onConnectionChange, onServerEvent, reconnectSocket } from '../shared/socket.ts';
import { cartStockChanged, resetCart } from './cart-store.ts';
import { onStockChanged } from './live.ts';

/**
 * The buying pages (cart, checkout, payment, orders) come in one chunk of their own,
 * fetched the first time one of them is opened: the catalogue's first download stays small.
 */
type BuyingPages = typeof import('./pages/buying.ts');
const buying =
  (pick: (pages: BuyingPages) => RenderPage): RenderPage =>
  async (ctx) =>
    pick(await import('./pages/buying.ts'))(ctx);

/** Every page of the shop. A new page is one module, one line here and one in SHOP_PAGES (contract/enums.ts). */
const routes: Array<Route & { path: ShopPage }> = [
  { path: '/', render: renderCatalogue },
  { path: '/products/:id', render: renderProduct },
  { path: '/login', render: renderLogin },
  { path: '/register', render: renderRegister },
  { path: '/account', render: renderAccount },
  { path: '/account/data', render: renderAccountData },
  { path: '/forgot-password', render: renderForgotPassword },
  { path: '/reset-password', render: renderResetPassword },
  { path: '/verify-email', render: renderVerifyEmail },
  { path: '/cart', render: buying((m) => m.renderCart) },
  { path: '/checkout', render: buying((m) => m.renderCheckout) },
  { path: '/pay/demo/:orderId', render: buying((m) => m.renderPayDemo) },
  { path: '/orders', render: buying((m) => m.renderOrders) },
  { path: '/orders/:id', render: buying((m) => m.renderOrder) },
  // The footer's pages bring the markdown lexer: a chunk of their own, fetched when opened.
  { path: '/pages/:slug', render: async (ctx) => (await import('./pages/site-page.ts')).renderSitePage(ctx) },
  { path: '/stock-alerts/stop', render: renderStockAlertStop },
];

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing');

applyLang();
ensureLiveRegions();
const layout = createLayout(root);

// Who is signed in decides the header, the cart, and the socket's rooms (own orders).
let knownUserId: string | null | undefined;
onUserChange((user) => {
  layout.renderChrome();
  const id = user?.id ?? null;
  if (id === knownUserId) return;
  const first = knownUserId === undefined;
  knownUserId = id;
  resetCart();
  // The socket connected with the cookie of the page load: it only needs a new session after a change.
  if (!first) reconnectSocket();
});

// The server ended this page's session (the account was disabled, or signed out elsewhere):
// the page signs out at once and the sign-in page says why.
onServerEvent('session', (payload) => {
  if (payload.user !== null || !payload.ended || !currentUser()) return;
  setUser(null);
  navigate(`/login?ended=${payload.ended}`);
});

// Live stock reaches the cart's lines wherever they are shown.
onStockChanged((c) => cartStockChanged(c.productId, c.stock));
// A hook for people and tests alike: is the live connection up?
onConnectionChange((up) => {
  document.documentElement.dataset.live = up ? 'on' : 'off';
});
onLangChange(() => {
  layout.renderChrome();
  void refresh();
});

loadUser().catch(() => setUser(null));

void startRouter({
  routes,
  notFound: renderNotFound,
  failed: renderFailed,
  main: layout.main,
  onNavigate: (url) => layout.markCurrent(url.pathname),
});

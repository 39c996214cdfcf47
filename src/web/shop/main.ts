/** The shop: layout, routes, and the signed-in state kept in the header. */

import '../shared/base.css';
import './shop.css';
import { applyLang, onLangChange } from '../shared/i18n.ts';
import { loadUser, onUserChange, setUser } from '../shared/session.ts';
import { ensureLiveRegions } from '../shared/ui.ts';
import { createLayout } from './layout.ts';
import { renderAccount } from './pages/account.ts';
import { renderCatalogue } from './pages/catalogue.ts';
import { renderLogin } from './pages/login.ts';
import { renderFailed, renderNotFound } from './pages/not-found.ts';
import { renderProduct } from './pages/product.ts';
import { renderRegister } from './pages/register.ts';
import { refresh, startRouter, type Route } from './router.ts';

/** Every page of the shop. A new page is one module and one line here. */
const routes: Route[] = [
  { path: '/', render: renderCatalogue },
  { path: '/products/:id', render: renderProduct },
  { path: '/login', render: renderLogin },
  { path: '/register', render: renderRegister },
  { path: '/account', render: renderAccount },
];

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing');

applyLang();
ensureLiveRegions();
const layout = createLayout(root);

onUserChange(() => layout.renderChrome());
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

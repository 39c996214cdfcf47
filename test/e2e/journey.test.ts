/**
 * Issue 17, the customer's journey as a person walks it, in a real browser (Debian's
 * Chromium through playwright-core) on a phone (390×844) and a laptop: a guest fills a
 * cart and keeps it through sign-up and sign-in; every cut is said in words; a product
 * taken off sale leaves open pages live and stays in the cart marked as such; an expired
 * reservation counts down and goes back into the cart; the focus stays on the control
 * and the +/− buttons name the product; unknown pages are 404; the phone's cart keeps
 * "Passer commande" in reach. axe on every page; no CSP violation. No fixed waits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, assertCleanPage, browserSuite, type WatchedPage } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { sql } from '../helpers/fixtures.ts';

const suite = browserSuite();
const { openPage, inPage } = suite;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

let made = 0;
/** A product of this file's own (fresh stock no other test moves), made through the admin API. */
async function newProduct(stock: number, name = `Bocal solidaire ${++made}`): Promise<{ id: string; name: string }> {
  const admin = new ApiClient(suite.server.url);
  assert.equal((await admin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
  const res = await admin.post('/api/admin/products', {
    name,
    description: 'Un produit du parcours client.',
    category: 'epicerie-salee',
    unit: '1 bocal',
    priceCents: 250,
    stock,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function withdraw(productId: string): Promise<void> {
  const admin = await signedIn(suite.server.url, DEMO.admin);
  assert.equal((await admin.delete(`/api/admin/products/${productId}`)).status, 200);
}

/** The browser context takes the API client's session: the same person, signed in. */
async function signedInAs(w: WatchedPage, client: ApiClient): Promise<void> {
  await w.context.addCookies(
    client.cookieHeader.split('; ').map((pair) => ({ name: pair.split('=')[0]!, value: pair.slice(pair.indexOf('=') + 1), url: suite.server.url })),
  );
}

async function waitLive(page: Page): Promise<void> {
  await page.locator('html[data-live="on"]').waitFor({ state: 'attached' });
}

/** The accessible name of the focused element (its aria-label, else its text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

test('when a guest on a phone fills a cart, types too many and signs up at checkout, then the cart is kept, the cut is said in words, the focus stays and "Passer commande" stays in reach', async () => {
  const jar = await newProduct(50);
  await inPage(PHONE, async (page) => {
    // Signed out, "Ajouter au panier" works: no detour through the sign-in page.
    await page.goto(`${suite.server.url}/products/${jar.id}`);
    await page.getByRole('heading', { level: 1, name: jar.name }).waitFor();
    await page.getByRole('button', { name: 'Ajouter au panier', exact: true }).click();
    await page.getByText('Ajouté au panier').first().waitFor();
    assert.match(new URL(page.url()).pathname, /^\/products\//);
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Panier 1 article' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon panier' }).waitFor();
    await page.getByText('Votre panier est gardé sur cet appareil', { exact: false }).waitFor();

    await page.locator('.toast--success').waitFor({ state: 'detached' }); // the "Ajouté" of the first add has gone
    // 500 typed: the shop's cap, said in words (never "Ajouté"), read by screen readers; the focus stays.
    const line = page.locator('.cart-line', { hasText: jar.name });
    const field = line.getByRole('spinbutton', { name: `Quantité de ${jar.name}` });
    await field.fill('30');
    await field.press('Enter');
    // In the toasts' live region (role status, aria-live polite): read out by screen readers.
    await page.locator('[aria-live="polite"] .toast', { hasText: `Au plus 20 « ${jar.name} » par commande : 20 dans votre panier.` }).waitFor();
    assert.equal(await page.locator('.toast--success').count(), 0, 'no green "Ajouté" for a cut');
    assert.equal(await field.inputValue(), '20');
    assert.equal(await focusedName(page), `Quantité de ${jar.name}`, 'the focus stays on the quantity field');

    // "−" names the product and keeps the focus after the change.
    const less = line.getByRole('button', { name: `Un de moins : ${jar.name}` });
    await less.click();
    await header.getByRole('link', { name: 'Panier 19 articles' }).waitFor();
    assert.equal(await focusedName(page), `Un de moins : ${jar.name}`, 'the focus stays on "−"');
    await line.getByRole('button', { name: `Un de plus : ${jar.name}` }).waitFor();

    // The phone's sticky bar: the total and "Passer commande" on screen, even scrolled to the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const bar = page.getByRole('region', { name: 'Total du panier et commande' });
    const go = bar.getByRole('link', { name: 'Passer commande' });
    await go.waitFor();
    const box = await go.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height, `the bar's button is on screen: ${JSON.stringify(box)}`);
    await assertAccessible(page, 'guest cart on a phone');

    // Checkout needs an account: sign up from there, and the cart is still there.
    await go.click();
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/checkout');
    await page.getByRole('main').getByRole('link', { name: 'Créer un compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
    await page.getByLabel('Nom').fill('Awa Diallo');
    await page.getByLabel('Adresse e-mail').fill(`awa.${Date.now()}@exemple.fr`);
    await page.getByLabel('Mot de passe', { exact: true }).fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(`${suite.server.url}/checkout`);
    await page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    await page.locator('.checkout-summary').getByText(jar.name).first().waitFor();
    await header.getByRole('link', { name: 'Panier 19 articles' }).waitFor();
    await assertAccessible(page, 'checkout after sign-up');
  });
});

test('when a guest signs in to an account whose cart already holds the product, then the quantities add up to what is left and the cut is said', async () => {
  const scarce = await newProduct(3);
  const account = new ApiClient(suite.server.url);
  const me = await account.register('Karim Haddad');
  assert.equal((await account.put(`/api/cart/items/${scarce.id}`, { quantity: 2 })).status, 200);
  await inPage(LAPTOP, async (page) => {
    await page.goto(`${suite.server.url}/products/${scarce.id}`);
    await page.getByRole('heading', { level: 1, name: scarce.name }).waitFor();
    await page.getByRole('button', { name: `Un de plus : ${scarce.name}` }).click();
    await page.getByRole('button', { name: 'Ajouter au panier', exact: true }).click();
    await page.getByText('Déjà 2 dans votre panier.').waitFor();

    await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill(me.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(me.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .locator('.toast')
      .filter({ hasText: `Il n’en reste que 3 de « ${scarce.name} » : 3 dans votre panier.` })
      .waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Panier 3 articles' }).waitFor();
    await assertAccessible(page, 'product page after a merge with a cut');
  });
});

test('when a product is taken off sale while people look at it, then it leaves the open catalogue and product pages live, stays in the cart as "n’est plus en vente", and checkout refuses it in words', async () => {
  const kept = await newProduct(20, 'Confiture du parcours');
  const gone = await newProduct(20, 'Compote du parcours');
  const buyer = new ApiClient(suite.server.url);
  await buyer.register('Jeanne Petit');
  await buyer.put(`/api/cart/items/${kept.id}`, { quantity: 1 });
  await buyer.put(`/api/cart/items/${gone.id}`, { quantity: 2 });

  const shopper = await openPage(LAPTOP); // a guest on the catalogue
  const reader = await openPage(PHONE); // a guest on the product page
  const w = await openPage(LAPTOP); // the buyer, on the cart
  await signedInAs(w, buyer);
  try {
    await shopper.page.goto(`${suite.server.url}/?q=${encodeURIComponent('du parcours')}`);
    await shopper.page.getByRole('link', { name: gone.name, exact: true }).waitFor();
    await reader.page.goto(`${suite.server.url}/products/${gone.id}`);
    await reader.page.getByRole('button', { name: 'Ajouter au panier', exact: true }).waitFor();
    await w.page.goto(`${suite.server.url}/cart`);
    const goneLine = w.page.locator('.cart-line', { hasText: gone.name });
    await goneLine.waitFor();
    await Promise.all([waitLive(shopper.page), waitLive(reader.page), waitLive(w.page)]);

    await withdraw(gone.id);

    await shopper.page.getByRole('link', { name: gone.name, exact: true }).waitFor({ state: 'detached' });
    await shopper.page.getByRole('link', { name: kept.name, exact: true }).waitFor();
    await reader.page.getByText('Ce produit n’est plus en vente.').first().waitFor();
    assert.equal(await reader.page.getByRole('button', { name: 'Ajouter au panier', exact: true }).count(), 0);
    await goneLine.getByText(`${gone.name} n’est plus en vente`).waitFor();
    await goneLine.getByText('Ce produit n’est plus en vente : retirez-le pour commander.').waitFor();
    await w.page.getByText('Un article n’est plus en vente : retirez-le avant de commander.').waitFor();
    await assertAccessible(w.page, 'cart with an off-sale line');
    await assertAccessible(shopper.page, 'catalogue after a withdrawal');

    // Checkout refuses it by name, and says where to fix it.
    await w.page.locator('.cart-summary').getByRole('link', { name: 'Passer commande' }).click();
    await w.page.getByRole('heading', { level: 1, name: 'Finaliser la commande' }).waitFor();
    await w.page.getByRole('radio').first().check();
    await w.page.getByRole('button', { name: 'Confirmer et payer' }).click();
    await w.page.getByText(`« ${gone.name} » n’est plus en vente`).waitFor();
    await w.page.getByRole('alert').or(w.page.locator('.notice')).getByRole('link', { name: 'Retour au panier' }).first().click();
    // Removed by the person: the line goes, the rest stays.
    await w.page.getByRole('button', { name: `Retirer ${gone.name} du panier` }).click();
    await goneLine.waitFor({ state: 'detached' });
    await w.page.locator('.cart-line', { hasText: kept.name }).waitFor();
    for (const x of [shopper, reader, w]) assertCleanPage(x);
  } finally {
    for (const x of [shopper, reader, w]) await x.context.close();
  }
});

test('when the time to pay runs out on the pay page, then the countdown ends in a clear expired state and "Remettre dans mon panier" brings back what is left', async () => {
  const soup = await newProduct(10, 'Soupe du parcours');
  const buyer = new ApiClient(suite.server.url);
  await buyer.register('Lucas Moreau');
  const centres = (await buyer.get('/api/centres')).body as Array<{ id: string }>;
  const placed = await buyer.post('/api/orders', { centreId: centres[0]!.id, items: [{ productId: soup.id, quantity: 3 }] });
  assert.equal(placed.status, 201);
  const orderId = placed.body.order.id as string;
  // A reservation about to end: a few seconds left.
  await sql(suite.server, `UPDATE orders SET hold_expires_at = now() + interval '4 seconds' WHERE id = $1`, [orderId]);

  const w = await openPage(PHONE);
  await signedInAs(w, buyer);
  const { page } = w;
  try {
    await page.goto(`${suite.server.url}/pay/demo/${orderId}`);
    await page
      .getByRole('timer')
      .filter({ hasText: /Temps restant pour payer : 0:0\d/ })
      .waitFor();
    await assertAccessible(page, 'pay page with its countdown');
    const expired = page.getByRole('alert').filter({ hasText: 'Le délai de paiement est dépassé' });
    await expired.waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('button', { name: /^Payer/ }).count(), 0, 'no "Payer" once expired');
    await assertAccessible(page, 'pay page, expired');
    await expired.getByRole('button', { name: 'Remettre dans mon panier' }).click();
    await page.waitForURL(`${suite.server.url}/cart`);
    const line = page.locator('.cart-line', { hasText: soup.name });
    assert.equal(await line.getByRole('spinbutton').inputValue(), '3');
    // The order is canceled now (its stock back), and says so.
    assert.equal((await buyer.get(`/api/orders/${orderId}`)).body.status, 'canceled');
    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

test('when someone opens an address the shop does not have, then HTTP 404 with the friendly page, on a phone and a laptop', async () => {
  for (const viewport of [PHONE, LAPTOP]) {
    const w = await openPage(viewport);
    try {
      const res = await w.page.goto(`${suite.server.url}/une-page-qui-n-existe-pas`);
      assert.equal(res?.status(), 404);
      await w.page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
      await w.page.getByRole('link', { name: 'Retour au catalogue' }).waitFor();
      await assertAccessible(w.page, `404 page ${viewport.width}px`);
      assertCleanPage(w);
    } finally {
      await w.context.close();
    }
  }
});

test('when the shop loads on a slow link, then the first paint already shows the page frame and skeleton cards (no blank page), within the CSP', async () => {
  const w = await openPage(PHONE);
  const { page } = w;
  try {
    // The scripts are held back: what shows is what the HTML and its stylesheet draw alone.
    await page.route('**/assets/*.js', () => undefined);
    // (The page's module script never arrives, so "DOMContentLoaded" never comes: only the response is awaited.)
    await page.goto(`${suite.server.url}/`, { waitUntil: 'commit' });
    await page.locator('.site-header').getByText('Panier Solidaire').waitFor();
    assert.ok((await page.locator('.card--skeleton').count()) >= 4, 'skeleton cards on the first paint');
    // The skeletons are styled once the stylesheet has come (it may follow the HTML's first bytes).
    await page.waitForFunction(() => (document.querySelector('.card--skeleton .skeleton--media')?.getBoundingClientRect().height ?? 0) > 20);
    assert.deepEqual(w.cspViolations, []);
  } finally {
    await w.context.close();
  }
});

test('when a guest adds from a catalogue card with the keyboard, then the focus moves to the card’s own "+" and stays there through each change, and a stock fallen below the cart is said with its fix', async () => {
  const few = await newProduct(2, 'Tisane du parcours');
  await inPage(LAPTOP, async (page) => {
    await page.goto(`${suite.server.url}/?q=${encodeURIComponent(few.name)}`);
    const card = page.locator('.card', { has: page.getByRole('link', { name: few.name, exact: true }) });
    const add = card.getByRole('button', { name: `Ajouter ${few.name} au panier` });
    await add.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Ajouté au panier').first().waitFor();
    const more = card.getByRole('button', { name: `Un de plus : ${few.name}` });
    await more.waitFor();
    assert.equal(await focusedName(page), `Un de plus : ${few.name}`, 'the focus went to the card’s "+"');
    await page.keyboard.press('Enter');
    await page.getByRole('banner').getByRole('link', { name: 'Panier 2 articles' }).waitFor();
    assert.equal(await focusedName(page), `Un de plus : ${few.name}`, 'the focus stays on "+"');
    // The stock falls below what the cart holds: the card hears it live, the cart says it and offers the fix.
    const admin = await signedIn(suite.server.url, DEMO.admin);
    assert.equal((await admin.post(`/api/admin/products/${few.id}/stock`, { delta: -1, reason: 'casse' })).status, 200);
    await card.getByText('Plus que 1 !').waitFor(); // the live stock reached the card
    await page.getByRole('banner').getByRole('link', { name: 'Panier 2 articles' }).click();
    await page.locator('.cart-line', { hasText: few.name }).getByText('Il n’en reste que 1 : ajustez la quantité.').waitFor();
    await page.getByRole('button', { name: 'Passer à 1' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Panier 1 article' }).waitFor();
    await assertAccessible(page, 'guest cart on a laptop');
  });
});

test('when a canceled order has a product no longer sold, then "Remettre dans mon panier" on its page puts back the rest and says what was left out', async () => {
  const tea = await newProduct(10, 'Thé du parcours');
  const gone = await newProduct(10, 'Biscuits du parcours');
  const buyer = new ApiClient(suite.server.url);
  await buyer.register('Chloé Roux');
  const centres = (await buyer.get('/api/centres')).body as Array<{ id: string }>;
  const placed = await buyer.post('/api/orders', {
    centreId: centres[0]!.id,
    items: [
      { productId: tea.id, quantity: 2 },
      { productId: gone.id, quantity: 1 },
    ],
  });
  assert.equal(placed.status, 201);
  const orderId = placed.body.order.id as string;
  assert.equal((await buyer.post(`/api/orders/${orderId}/cancel`)).status, 200);
  await withdraw(gone.id);

  const w = await openPage(LAPTOP);
  await signedInAs(w, buyer);
  const { page } = w;
  try {
    await page.goto(`${suite.server.url}/orders/${orderId}`);
    await page.getByText('Cette commande est annulée.').waitFor();
    await assertAccessible(page, 'canceled order with its reorder button');
    await page.getByRole('button', { name: 'Remettre dans mon panier' }).click();
    await page.waitForURL(`${suite.server.url}/cart`);
    await page.locator('.toast', { hasText: `« ${gone.name} » n’est plus en vente : il n’a pas été ajouté.` }).waitFor();
    assert.equal(await page.locator('.toast--success').count(), 0, 'no green message when something was left out');
    assert.equal(await page.locator('.cart-line', { hasText: tea.name }).getByRole('spinbutton').inputValue(), '2');
    assert.equal(await page.locator('.cart-line', { hasText: gone.name }).count(), 0);
    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

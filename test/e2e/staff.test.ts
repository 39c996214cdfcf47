/**
 * The staff console in a real browser (Debian's Chromium through playwright-core)
 * against the real server on a fresh PostgreSQL database with the demo data: a staff
 * page is open while a customer, in another browser context, orders and pays; the
 * order appears on the board without reload; staff move it to delivered with the
 * buttons; the customer sees it delivered without reload. Also: the refusal page for a
 * customer, a colleague's concurrent move shown as a conflict, the payments view, a
 * network drop, axe on every view and no Content-Security-Policy violation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, assertCleanPage, browserSuite } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { firstCentreId } from '../helpers/fixtures.ts';
import { connectSocket, Recorder } from '../helpers/sockets.ts';

let centreId: string;
const suite = browserSuite(async ({ server }) => {
  centreId = await firstCentreId(server);
});
const { openPage, inPage } = suite;

/** Signs in through the console's own form and waits for the live board. */
async function signInToConsole(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${suite.server.url}/staff`);
  await page.getByRole('heading', { level: 1, name: 'Connexion à la console de l’équipe' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function waitForBoard(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
  await page.locator('.orders-table, .state--empty').first().waitFor();
  // The socket has joined the staff room: from now on no event is missed.
  await page.locator('.live-dot.is-on').waitFor();
}

/** Two different products on sale with stock to spare: one for the customer, one offered. */
async function twoProducts(): Promise<[{ id: string }, { id: string }]> {
  const res = await new ApiClient(suite.server.url).get('/api/products?pageSize=100');
  const [a, b] = (res.body.items as Array<{ id: string; stock: number }>).filter((p) => p.stock >= 5);
  assert.ok(a && b, 'the demo catalogue has two products in stock');
  return [a, b];
}

/** A fresh customer (API client) who orders one product and pays it through the demo provider. */
async function paidOrder(customer?: ApiClient): Promise<{ customer: ApiClient; order: { id: string; number: string; totalCents: number } }> {
  const c = customer ?? new ApiClient(suite.server.url);
  if (!customer) await c.register('Inès Moreau', `ines.moreau.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@exemple.fr`);
  const [kept, offered] = await twoProducts();
  const placed = await c.post('/api/orders', {
    centreId,
    items: [
      { productId: kept.id, quantity: 1 },
      { productId: offered.id, quantity: 1, donate: true },
    ],
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const paid = await c.post(`/api/payments/demo/${placed.body.order.id}`, { outcome: 'succeeded' });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  return { customer: c, order: placed.body.order };
}

const staffName = 'Karim Benali';
const adminName = 'Sophie Laurent';

test('when a customer orders and pays while the console is open, then it appears live, staff deliver it with the buttons and the customer sees it delivered', async (t) => {
  const staff = await openPage();
  const shopper = await openPage();
  const { page } = staff;
  try {
    await signInToConsole(page, DEMO.staff);
    await waitForBoard(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await page
      .getByRole('link', { name: /^À traiter/ })
      .and(page.locator('[aria-current="page"]'))
      .waitFor();
    await assertAccessible(page, 'board');

    // The customer, in another browser context, signs up, orders and pays.
    const email = `camille.durand.${Date.now()}@exemple.fr`;
    const registered = await shopper.context.request.post(`${suite.server.url}/api/auth/register`, {
      data: { name: 'Camille Durand', email, password: 'un-mot-de-passe-solide' },
    });
    assert.equal(registered.status(), 201);
    const cookie = (await shopper.context.cookies(suite.server.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    // Toasts are short-lived: watch for them before the events happen.
    const newOrderToast = page
      .getByRole('status')
      .getByText(/^Nouvelle commande PS-\d+ — Camille Durand, /)
      .first()
      .waitFor();
    const paymentToast = page
      .getByRole('status')
      .getByText(/^Paiement reçu : .* pour PS-\d+$/)
      .first()
      .waitFor();
    // Awaited below; a failure earlier in the test must not leave them as unhandled rejections.
    newOrderToast.catch(() => undefined);
    paymentToast.catch(() => undefined);
    const customerSocket = await connectSocket(suite.server.url, cookie);
    const customerEvents = new Recorder(customerSocket);
    try {
      const [kept, offered] = await twoProducts();
      const placed = await shopper.context.request.post(`${suite.server.url}/api/orders`, {
        data: {
          centreId,
          items: [
            { productId: kept.id, quantity: 2 },
            { productId: offered.id, quantity: 1, donate: true },
          ],
        },
      });
      assert.equal(placed.status(), 201);
      const order = ((await placed.json()) as { order: { id: string; number: string } }).order;

      // The customer's own order page, when the shop has it, is watched without reload.
      const shopResponse = await shopper.page.goto(`${suite.server.url}/orders/${order.id}`);
      let shopHasOrderPage = false;
      if (shopResponse?.ok()) {
        const ownPage = shopper.page.getByRole('heading', { level: 1 }).filter({ hasText: order.number });
        const noPage = shopper.page.getByRole('heading', { level: 1, name: 'Page introuvable' });
        await ownPage.or(noPage).first().waitFor();
        shopHasOrderPage = (await ownPage.count()) > 0 && (await shopper.page.locator('[data-live-status]').count()) > 0;
      }

      const paid = await shopper.context.request.post(`${suite.server.url}/api/payments/demo/${order.id}`, { data: { outcome: 'succeeded' } });
      assert.equal(paid.status(), 200);

      // On the board ("À traiter" = paid) without reload, highlighted, announced, counted as unread.
      const row = page.locator('tr', { has: page.getByRole('link', { name: order.number, exact: true }) });
      await row.waitFor();
      await row.getByText('Nouvelle', { exact: true }).waitFor();
      await newOrderToast;
      await paymentToast;
      const bell = page.getByRole('button', { name: /^Notifications \d+ non lues?$/ });
      await bell.waitFor();

      // The notifications panel lists the new order and the payment.
      await bell.click();
      const panel = page.getByRole('region', { name: 'Événements récents' });
      await panel.getByRole('link', { name: new RegExp(`Nouvelle commande ${order.number}`) }).waitFor();
      await panel.getByRole('link', { name: new RegExp(`Paiement reçu : .* pour ${order.number}`) }).waitFor();
      await assertAccessible(page, 'board with the notifications panel open');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

      // Staff open it: customer, centre, lines split, history; only the allowed moves.
      await page.getByRole('link', { name: order.number, exact: true }).click();
      await page.waitForURL(`${suite.server.url}/staff/orders/${order.id}`);
      const heading = page.getByRole('heading', { level: 1, name: new RegExp(`Commande ${order.number}`) });
      await heading.getByText('Payée').waitFor();
      const main = page.getByRole('main');
      await main.getByRole('heading', { name: 'Pour le client' }).waitFor();
      await main.getByRole('heading', { name: 'Offert au centre' }).waitFor();
      await main.getByText('Camille Durand', { exact: true }).waitFor();
      await main.getByText(email).first().waitFor();
      assert.equal(await main.getByRole('table', { name: 'Pour le client' }).getByRole('row').count(), 3, 'header, one line, subtotal');
      assert.equal(await main.getByRole('table', { name: 'Offert au centre' }).getByRole('row').count(), 3);
      assert.deepEqual(await main.locator('[data-move]').allTextContents(), ['Commencer la préparation', 'Annuler la commande']);
      assert.equal(await main.getByRole('link', { name: 'Télécharger la preuve' }).count(), 0, 'no proof before processing');
      await assertAccessible(page, 'order detail');

      // Moved along with the buttons, each step shown at once.
      for (const [button, status] of [
        ['Commencer la préparation', 'En préparation'],
        ['Passer en livraison', 'En livraison'],
        ['Marquer comme livrée', 'Livrée'],
      ] as const) {
        await main.getByRole('button', { name: button }).click();
        await heading.getByText(status, { exact: true }).waitFor();
      }
      // Delivered to the centre: the customer's lines still wait to be collected, the only move left.
      assert.deepEqual(await main.locator('[data-move]').allTextContents(), ['Marquer comme retirée'], 'a delivered order offers only the hand-over');
      const history = main.getByRole('region', { name: 'Historique' });
      assert.equal(await history.getByText(`par ${staffName} (équipe)`).count(), 3);

      // The proof: a download link and a print link to the PDF.
      const download = main.getByRole('link', { name: 'Télécharger la preuve' });
      const proofHref = await download.getAttribute('href');
      assert.equal(proofHref, `/api/staff/orders/${order.id}/proof`);
      assert.equal(await main.getByRole('link', { name: /^Imprimer/ }).getAttribute('target'), '_blank');
      const pdf = await page.request.get(`${suite.server.url}${proofHref}`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      await assertAccessible(page, 'delivered order with its proof');

      // The customer heard it without reloading.
      await customerEvents.waitFor('order:updated', (o) => o.id === order.id && o.status === 'delivered');
      if (shopHasOrderPage) {
        await shopper.page.locator('[data-live-status]').getByText('Livrée').waitFor();
        t.diagnostic('the customer’s order page showed “Livrée” without reload');
      } else {
        t.diagnostic('no customer order page in this build: checked through the customer’s socket only');
      }

      // The payments view lists this payment, linked to its order, with today's totals.
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Paiements' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();
      const paymentRow = page.locator('tr', { has: page.getByRole('link', { name: order.number, exact: true }) });
      await paymentRow.getByText('Réussi').waitFor();
      await page.getByRole('region', { name: 'Aujourd’hui' }).waitFor();
      await page.getByRole('region', { name: 'Cette semaine' }).waitFor();
      await assertAccessible(page, 'payments');

      // A payment made now appears live on this view.
      const other = await paidOrder();
      await page
        .locator('tr', { has: page.getByRole('link', { name: other.order.number, exact: true }) })
        .getByText('Nouveau')
        .waitFor();

      // English on demand, French by default.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paiements' }).waitFor();

      assertCleanPage(staff);
      assertCleanPage(shopper);
    } finally {
      customerSocket.close();
    }
  } finally {
    await staff.context.close();
    await shopper.context.close();
  }
});

test('when a colleague moves the order while staff are about to act, then the second action gets a clear conflict and the order is reloaded', () =>
  inPage({ width: 768, height: 1024 }, async (page) => {
    const admin = await signedIn(suite.server.url, DEMO.admin);
    const { order } = await paidOrder();
    await signInToConsole(page, DEMO.staff);
    await waitForBoard(page);
    await page.getByRole('link', { name: order.number, exact: true }).click();
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`Commande ${order.number}`) });
    await heading.getByText('Payée').waitFor();
    const shown = (await admin.get(`/api/staff/orders/${order.id}`)).body.version as number;

    // Staff start canceling (the reason dialog says the paid order will be refunded)…
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = page.getByRole('dialog', { name: `Annuler la commande ${order.number}` });
    await dialog.getByText(/Cette commande est payée : le client sera remboursé de/).waitFor();
    // …a reason is required…
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await dialog.getByText('Indiquez le motif de l’annulation.').waitFor();
    await assertAccessible(page, 'cancel dialog');
    await dialog.getByLabel('Motif de l’annulation').fill('Le client a appelé pour annuler');

    // …while a colleague (the admin, through the API) starts preparing it.
    const moved = await admin.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation', expectedVersion: shown });
    assert.equal(moved.status, 200);

    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Conflit' });
    await alert
      .getByText(
        `Conflit : ${adminName} a modifié cette commande entre-temps (elle est maintenant « En préparation »). Votre action n’a pas été enregistrée.`,
        { exact: false },
      )
      .waitFor();
    await heading.getByText('En préparation').waitFor();
    assert.equal(await dialog.count(), 0, 'the dialog is closed');
    // Nothing was overwritten: the colleague's move stands, and the buttons follow it.
    const after = (await admin.get(`/api/staff/orders/${order.id}`)).body;
    assert.equal(after.status, 'in_preparation');
    assert.equal(after.payment!.refundedCents, 0);
    await page.getByRole('button', { name: 'Passer en livraison' }).waitFor();
    await page.getByRole('region', { name: 'Historique' }).getByText(`par ${adminName} (administration)`).waitFor();
    await assertAccessible(page, 'order detail after a conflict');

    // A colleague's later move shows live on the open order, with their name.
    const delivered = await admin.post(`/api/staff/orders/${order.id}/status`, { status: 'in_delivery' });
    assert.equal(delivered.status, 200);
    await page.getByRole('status').getByText(`${adminName} a modifié cette commande : elle est maintenant « En livraison ».`).first().waitFor();
    await heading.getByText('En livraison').waitFor();

    // On a tablet nothing overflows sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 768 px (overflow ${overflow}px)`);
  }));

test('when a customer signs in to the console, then a clear refusal page says it is for the team', () =>
  inPage(async (page) => {
    await signInToConsole(page, DEMO.customer);
    await page.getByRole('heading', { level: 1, name: 'Espace réservé à l’équipe' }).waitFor();
    await page.getByText(/Votre compte \(Camille Martin\) est un compte client/).waitFor();
    await page.getByRole('link', { name: 'Aller à la boutique' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Console' }).count(), 0, 'no console for a customer');
    await assertAccessible(page, 'refusal page');
    // The staff API stays shut for this session too.
    assert.equal((await page.request.get(`${suite.server.url}/api/staff/orders`)).status(), 403);

    // Signing out leads back to the sign-in form.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion à la console de l’équipe' }).waitFor();
    await assertAccessible(page, 'sign-in form');
  }));

test('when the network drops, then the console says so, and after it comes back the board shows the orders placed meanwhile', async () => {
  const w = await openPage();
  const { page, context } = w;
  try {
    await signInToConsole(page, DEMO.staff);
    await waitForBoard(page);

    await context.setOffline(true);
    await page.getByRole('alert').getByText('Connexion perdue — reconnexion…').waitFor();
    await page.locator('.live-dot.is-off').waitFor();

    const { order } = await paidOrder();

    await context.setOffline(false);
    await page.getByRole('link', { name: order.number, exact: true }).waitFor();
    await page.locator('.live-dot.is-on').waitFor();
    await page.locator('.live-banner').waitFor({ state: 'hidden' });
    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

test('when staff switch the sound off and use desktop notifications, then the choices are kept and work from the keyboard', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', permissions: ['notifications'] });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  try {
    await signInToConsole(page, DEMO.staff);
    await waitForBoard(page);
    const tools = page.getByRole('group', { name: 'Réglages du direct' });
    const sound = tools.getByRole('button', { name: 'Son des nouvelles commandes' });
    const desktop = tools.getByRole('button', { name: 'Notifications du bureau' });
    assert.equal(await sound.getAttribute('aria-pressed'), 'true', 'the sound is on by default');
    assert.equal(await desktop.getAttribute('aria-pressed'), 'true', 'desktop notifications are on once the browser allows them');

    await sound.focus();
    await page.keyboard.press('Space');
    await tools.locator('button[aria-pressed="false"]', { hasText: 'Son' }).waitFor();
    await desktop.focus();
    await page.keyboard.press('Enter');
    await tools.locator('button[aria-pressed="false"]', { hasText: 'Notifications du bureau' }).waitFor();

    await page.reload();
    await waitForBoard(page);
    assert.equal(await sound.getAttribute('aria-pressed'), 'false', 'the sound stays off after a reload');
    assert.equal(await desktop.getAttribute('aria-pressed'), 'false', 'desktop notifications stay off after a reload');

    // The search works from the keyboard too: a number finds its order in every list.
    const { order } = await paidOrder();
    await page.getByRole('link', { name: order.number, exact: true }).waitFor();
    await page.getByRole('link', { name: /^Toutes/ }).click();
    await page.getByLabel('Rechercher une commande').fill(order.number);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === order.number && url.searchParams.get('status') === 'all');
    await page.locator('.board__count', { hasText: `1 commande pour « ${order.number} »` }).waitFor();
    assert.equal(await page.locator('.orders-table tbody tr').count(), 1);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

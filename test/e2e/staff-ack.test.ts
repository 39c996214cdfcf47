/**
 * Issue 18 in a real browser, with TWO staff windows (two browser contexts, a staff member
 * and an admin) on the same server: a new order keeps its « Nouvelle » mark across reloads
 * in both until someone acknowledges it, and one window's « Vu » clears it live in the other;
 * the sound button is honest (the browser blocks audio until a click: « Cliquez pour activer
 * le son »), and once enabled it rings again while a paid order stays unacknowledged; each
 * event gives one toast (a customer's cancellation of a paid order used to give two); the
 * day's dashboard renders and follows new payments live.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible, assertCleanPage, browserSuite, formatEuros, type WatchedPage } from '../helpers/browser.ts';
import { ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { customer, firstCentreId, paidOrder } from '../helpers/fixtures.ts';
import type { StaffDashboard } from '../../src/contract/index.ts';

let centreId: string;
const suite = browserSuite(
  async ({ server }) => {
    centreId = await firstCentreId(server);
  },
  // Reminders every second here, so that a test sees one ring without waiting half a minute.
  { env: { STAFF_REMINDER_SECONDS: '1', LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '500' } },
);

/** A staff window signed in through the API's cookie (no click: the browser still blocks sound). */
async function consoleWindow(who: { email: string; password: string }): Promise<WatchedPage & { toasts(): Promise<string[]> }> {
  const w = await suite.openPage();
  // Every toast the page ever shows, recorded as it is added (toasts vanish after a few seconds).
  await w.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __toasts: string[] }).__toasts = seen;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n instanceof HTMLElement && n.matches('.toast')) seen.push(n.querySelector('.toast__text')?.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
  });
  const res = await w.context.request.post(`${suite.server.url}/api/auth/login`, { data: who });
  assert.equal(res.status(), 200);
  await w.page.goto(`${suite.server.url}/staff?status=paid`);
  await waitForBoard(w.page);
  return { ...w, toasts: () => w.page.evaluate(() => [...(window as unknown as { __toasts: string[] }).__toasts]) };
}

async function waitForBoard(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Commandes' }).waitFor();
  await page.locator('.orders-table, .state--empty').first().waitFor();
  await page.locator('.live-dot.is-on').waitFor();
}

type ConsoleWindow = Awaited<ReturnType<typeof consoleWindow>>;

/** Karim (staff) and Sophie (admin), each in their own browser context; checked clean, then closed. */
async function twoWindows(run: (karim: ConsoleWindow, sophie: ConsoleWindow) => Promise<void>): Promise<void> {
  const karim = await consoleWindow(DEMO.staff);
  const sophie = await consoleWindow(DEMO.admin);
  try {
    await run(karim, sophie);
    assertCleanPage(karim, 'Karim’s window');
    assertCleanPage(sophie, 'Sophie’s window');
  } finally {
    await karim.context.close();
    await sophie.context.close();
  }
}

const rowOf = (page: Page, number: string) => page.locator('tr', { has: page.getByRole('link', { name: number, exact: true }) });
const soundButton = (page: Page) => page.getByRole('group', { name: 'Réglages du direct' }).locator('button[data-sound]');

test('when two staff windows are open, then a new order stays « Nouvelle » across reloads in both until one acknowledges it, which clears it live in the other', async () => {
  const api = new ApiClient(suite.server.url);
  const buyer = await customer(suite.server);
  const { order } = await paidOrder(suite.server, buyer, centreId);
  await twoWindows(async (karim, sophie) => {
    for (const w of [karim, sophie]) {
      await rowOf(w.page, order.number).getByText('Nouvelle', { exact: true }).waitFor();
      // A reload keeps the mark: it is the server's, not the page's memory.
      await w.page.reload();
      await waitForBoard(w.page);
      await rowOf(w.page, order.number).getByText('Nouvelle', { exact: true }).waitFor();
    }

    // The sound is honest: after a reload nothing was clicked yet, the browser blocks audio.
    const karimSound = soundButton(karim.page);
    await karimSound.getByText('Cliquez pour activer le son').waitFor();
    assert.equal(await karimSound.getAttribute('data-sound'), 'blocked');
    assert.equal(await karimSound.getAttribute('aria-pressed'), 'false', 'not announced as on while it cannot ring');
    await assertAccessible(karim.page, 'board with the sound blocked and a new order');
    // One click enables it (and does not switch it off): it says « Son » and is pressed.
    await karimSound.click();
    await karim.page.locator('button[data-sound="on"][aria-pressed="true"]').waitFor();
    assert.equal(await karimSound.getAttribute('title'), 'Son activé pour les nouvelles commandes');
    // Enabled, it rings again while the paid order stays unacknowledged (every second here).
    await karim.page.locator('button[data-sound="on"]:not([data-reminders="0"])').waitFor();
    // The other window, never clicked, still says the truth.
    await soundButton(sophie.page).getByText('Cliquez pour activer le son').waitFor();

    // Karim acknowledges it: his mark goes, and Sophie's goes too, live, with who and when.
    await rowOf(karim.page, order.number)
      .getByRole('button', { name: `Vu : accuser réception de la commande ${order.number}` })
      .click();
    const sophieRow = rowOf(sophie.page, order.number);
    await sophieRow.getByText(/^Vue par Karim Benali à \d{2}:\d{2}$/).waitFor();
    assert.equal(await sophieRow.getByText('Nouvelle', { exact: true }).count(), 0);
    await rowOf(karim.page, order.number)
      .getByText(/^Vue par Karim Benali à/)
      .waitFor();
    assert.equal(await rowOf(karim.page, order.number).getByText('Nouvelle', { exact: true }).count(), 0);
    // …and it stays acknowledged after a reload.
    await sophie.page.reload();
    await waitForBoard(sophie.page);
    await rowOf(sophie.page, order.number)
      .getByText(/^Vue par Karim Benali/)
      .waitFor();
    assert.equal(await rowOf(sophie.page, order.number).getByText('Nouvelle', { exact: true }).count(), 0);
    const stored = await api.login(DEMO.admin.email, DEMO.admin.password).then(() => api.get(`/api/staff/orders/${order.id}`));
    assert.equal(stored.body.acknowledgedBy!.name, 'Karim Benali');
    await assertAccessible(sophie.page, 'board after the acknowledgement');
  });
});

test('when a customer cancels a paid order, then each staff window shows one toast for it, not two', async () => {
  await twoWindows(async (karim, sophie) => {
    const buyer = new ApiClient(suite.server.url);
    await buyer.register('Lucie Fabre', `lucie.fabre.${Date.now()}@exemple.fr`);
    const { order } = await paidOrder(suite.server, buyer, centreId);
    for (const w of [karim, sophie]) await rowOf(w.page, order.number).waitFor();
    const canceled = await buyer.post(`/api/orders/${order.id}/cancel`);
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    const cancelToast = `Commande ${order.number} annulée par Lucie Fabre`;
    // Then a later event: once its toast is there, everything about the cancellation has arrived.
    const next = await paidOrder(suite.server, buyer, centreId);
    for (const w of [karim, sophie]) {
      await w.page
        .getByRole('status')
        .getByText(new RegExp(`^Paiement reçu : .* pour ${next.order.number}$`))
        .first()
        .waitFor();
      const toasts = await w.toasts();
      const aboutIt = toasts.filter((text) => text.includes(order.number));
      assert.deepEqual(aboutIt, [...new Set(aboutIt)], `one toast per event: ${JSON.stringify(aboutIt)}`);
      assert.equal(toasts.filter((text) => text === cancelToast).length, 1, 'the cancellation is told once');
    }
  });
});

test('when staff and an admin look at « Aujourd’hui », then it shows the day’s figures, follows a new payment live, and only the admin sees the week’s chart', async () => {
  const admin = await signedIn(suite.server.url, DEMO.admin);
  await twoWindows(async (karim, sophie) => {
    const today = (w: WatchedPage) => w.page.getByRole('region', { name: 'Aujourd’hui' });
    const net = (d: StaffDashboard) => formatEuros(d.payments.amountCents - d.payments.refundedCents);
    const before = (await admin.get('/api/staff/dashboard')).body as StaffDashboard;
    for (const w of [karim, sophie]) await today(w).getByTestId('today-payments').getByText(net(before), { exact: true }).waitFor();

    // A new paid order: both screens follow without reload, to the server's figures.
    const buyer = await customer(suite.server);
    await paidOrder(suite.server, buyer, centreId, { donate: true });
    const after = (await admin.get('/api/staff/dashboard')).body as StaffDashboard;
    assert.notEqual(net(after), net(before));
    for (const w of [karim, sophie]) {
      await today(w).getByTestId('today-payments').getByText(net(after), { exact: true }).waitFor();
      const placed = Object.values(after.byStatus).reduce((a, b) => a + b, 0);
      await today(w).getByText(`${placed} commandes passées`).waitFor();
      await today(w)
        .locator(`[data-centre="${centreId}"]`)
        .getByText(String(after.byCentre.find((c) => c.centreId === centreId)!.count), { exact: true })
        .waitFor();
    }
    // The week: admins only, a hand-drawn SVG and its figures in a table.
    await today(sophie).locator('svg.week-chart').waitFor({ state: 'attached' });
    assert.equal(await today(sophie).locator('svg.week-chart rect').count(), 14, 'sales and gifts for 7 days');
    const todayBars = today(sophie).locator('svg.week-chart g').last().locator('rect');
    assert.ok(Number(await todayBars.first().getAttribute('height')) > 0, 'today has sales');
    assert.ok(Number(await todayBars.last().getAttribute('height')) > 0, 'today has gifts');
    await today(sophie).getByText('Voir les chiffres').click();
    const lastDay = today(sophie).getByRole('table', { name: 'Les 7 derniers jours' }).getByRole('row').last();
    await lastDay.getByText(formatEuros(after.week!.at(-1)!.giftsCents), { exact: true }).waitFor();
    assert.equal(await today(karim).locator('svg.week-chart').count(), 0, 'staff do not see the week');
    await assertAccessible(sophie.page, 'admin landing with the dashboard');

    // On a 360 px phone nothing overflows sideways.
    await sophie.page.setViewportSize({ width: 360, height: 740 });
    const overflow = await sophie.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 360 px (overflow ${overflow}px)`);
  });
});

test('when staff cancel through the dialog, then the internal reason and a ready message for the customer are kept apart', async () => {
  const w = await consoleWindow(DEMO.staff);
  const { page } = w;
  try {
    const buyer = await customer(suite.server);
    const { order } = await paidOrder(suite.server, buyer, centreId);
    await page.goto(`${suite.server.url}/staff/orders/${order.id}`);
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`Commande ${order.number}`) });
    await heading.getByText('Payée').waitFor();
    await page.getByText('Personne n’a encore accusé réception de cette commande.').waitFor();

    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    const dialog = page.getByRole('dialog', { name: `Annuler la commande ${order.number}` });
    await dialog.getByLabel('Motif de l’annulation').fill('Client injoignable, stock abîmé');
    const messages = dialog.getByRole('group', { name: 'Message au client' });
    await messages.getByLabel('Un produit de votre commande n’est plus disponible.').check();
    await assertAccessible(page, 'cancel dialog with the customer messages');
    await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await heading.getByText('Annulée').waitFor();

    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Note interne : Client injoignable, stock abîmé').waitFor();
    await history.getByText('Message au client : Un produit de votre commande n’est plus disponible.').waitFor();
    // Moving it acknowledged it: the page says by whom.
    await page.getByText(/^Vue par Karim Benali le /).waitFor();

    const own = (await buyer.get(`/api/orders/${order.id}`)).body;
    assert.equal(JSON.stringify(own).includes('injoignable'), false, 'the customer never gets the internal note');
    assert.equal(own.history.at(-1)!.customerMessage, 'Un produit de votre commande n’est plus disponible.');
    assertCleanPage(w);
  } finally {
    await w.context.close();
  }
});

/**
 * Issue 19, the pickup mode on the day: an order whose slot is today but whose goods have not
 * reached the centre is listed as still to come, its « Remis » greyed out; staff move it to the
 * centre from another window and its « Remis » comes alive on the phone, live. The server runs
 * on a chosen day (Monday 23 March 2026, 09:00 in Paris): slots are today's whatever the hour
 * the suite runs at.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, browserSuite, shareSession } from '../helpers/browser.ts';
import { type ApiClient, DEMO, signedIn } from '../helpers/client.ts';
import { customer, productWithStock, slotCentre } from '../helpers/fixtures.ts';
import type { TestServer } from '../helpers/harness.ts';
import type { PlacedOrder } from '../../src/contract/index.ts';
import { ManualClock } from '../../src/shared/clock.ts';

/** Today's 10:00–10:30 slot in Paris (the centre opens on Mondays 10–11). */
const SLOT = '2026-03-23T09:00:00.000Z';
let staff: ApiClient;
let centreId: string;

const suite = browserSuite(
  async (s) => {
    const admin = await signedIn(s.server.url, DEMO.admin);
    staff = await signedIn(s.server.url, DEMO.staff);
    centreId = await slotCentre(admin, 'Restos du Cœur — Comptoir du lundi', [{ day: 1, opens: '10:00', closes: '11:00' }]);
  },
  {
    clock: new ManualClock(new Date('2026-03-23T08:00:00Z')),
    // Slots from now on (no lead time): the order takes today's slot.
    env: { PICKUP_LEAD_HOURS: '0', LIMIT_UNPAID_ORDERS: '50', LIMIT_HELD_UNITS: '500' },
  },
);

/** A fresh customer's order in today's slot, paid, then moved by staff through `steps`. */
async function orderInTodaysSlot(server: TestServer, steps: string[]) {
  const c = await customer(server);
  const name: string = (await c.get('/api/auth/me')).body.user.name;
  const p = await productWithStock(server, 2);
  const placed = await c.post<PlacedOrder>('/api/orders', { centreId, pickupSlotStart: SLOT, items: [{ productId: p.id, quantity: 1 }] });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const { id, number } = placed.body.order;
  assert.equal((await c.post(`/api/payments/demo/${id}`, { outcome: 'succeeded' })).status, 200);
  for (const status of steps) assert.equal((await staff.post(`/api/staff/orders/${id}/status`, { status })).status, 200, status);
  return { id, number, name };
}

test('when an order of today’s slot has not reached the centre, then its « Remis » is greyed with why, and comes alive once staff move it there', async () => {
  const waiting = await orderInTodaysSlot(suite.server, ['in_preparation', 'in_delivery', 'delivered']);
  const onTheWay = await orderInTodaysSlot(suite.server, ['in_preparation']);

  await suite.inPage({ width: 390, height: 844 }, async (page, w) => {
    // The server's session ends on its own (past) day: a browser sign-in's cookie would be
    // expired at once by the browser's real clock. The session is shared as a session cookie.
    await shareSession(w.context, staff.cookieHeader, suite.server.url);
    await page.goto(`${suite.server.url}/staff/retraits`);
    await page.getByRole('heading', { level: 1, name: 'Retraits du jour' }).waitFor();
    const remisOf = (o: { name: string; number: string }) => page.getByRole('button', { name: `Remis : ${o.name}, commande ${o.number}` });
    const cardOf = (o: { id: string }) => page.locator(`.pickups__order[data-order="${o.id}"]`);

    await cardOf(onTheWay).getByText('Pas encore au centre : En préparation').waitFor();
    assert.ok(await remisOf(onTheWay).isDisabled(), 'nothing to hand over yet');
    assert.ok(await remisOf(waiting).isEnabled(), 'the order at the centre can be handed over');
    await assertAccessible(page, 'the pickup mode with an order still to come');

    // Another window moves it on to the centre: the phone's list follows, live.
    for (const status of ['in_delivery', 'delivered'])
      assert.equal((await staff.post(`/api/staff/orders/${onTheWay.id}/status`, { status })).status, 200, status);
    await cardOf(onTheWay).getByText('Pas encore au centre', { exact: false }).waitFor({ state: 'detached' });
    await page.waitForFunction((id) => {
      const button = document.querySelector<HTMLButtonElement>(`.pickups__order[data-order="${id}"] .pickups__remis`);
      return button !== null && !button.disabled;
    }, onTheWay.id);

    // Handed over: done, and greyed again for good.
    await remisOf(onTheWay).click();
    await cardOf(onTheWay)
      .getByText(/^Remise à \d{2}:\d{2} par Karim Benali$/)
      .waitFor();
    assert.ok(await remisOf(onTheWay).isDisabled());
  });
});

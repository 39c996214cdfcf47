import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../src/db/index.ts';
import type { StaffOrderDetail } from '../src/contract/index.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { customer, firstCentreId, paidOrder } from './helpers/fixtures.ts';

/**
 * The order read model (orders/views.ts) reads orders' own tables, then asks the owners
 * of the rest — centres, auth (names) and payments (through the gateway port) — by ids.
 */
describe('order views', () => {
  const t = serverForSuite({ env: { LIMIT_UNPAID_ORDERS: '100', LIMIT_HELD_UNITS: '1000' } });

  /** The server's own database, counting the statements it is asked to run. */
  const counting = (): Queryable & { count: number } => {
    const db = t.server.db;
    const q = {
      count: 0,
      query: ((sql, params) => {
        q.count++;
        return db.query(sql, params);
      }) as Queryable['query'],
    };
    return q;
  };

  test('when one order or several are viewed, then the views cost the same few queries (batched by ids, none per order)', async () => {
    const centreId = await firstCentreId(t);
    const buyers = [await customer(t), await customer(t)];
    const ids: string[] = [];
    for (const buyer of buyers) for (let i = 0; i < 2; i++) ids.push((await paidOrder(t, buyer, centreId)).order.id);

    const cost = async (orderIds: string[], withCustomer: boolean) => {
      const db = counting();
      const views = withCustomer ? await t.server.orders.views.load(db, orderIds, { withCustomer: true }) : await t.server.orders.views.load(db, orderIds);
      assert.deepEqual(
        views.map((v) => v.id),
        orderIds,
        'every order, in the order asked',
      );
      return db.count;
    };
    const ownerOne = await cost(ids.slice(0, 1), false);
    const ownerAll = await cost(ids, false);
    const staffOne = await cost(ids.slice(0, 1), true);
    const staffAll = await cost(ids, true);
    assert.equal(ownerAll, ownerOne);
    assert.equal(staffAll, staffOne);
    // Orders, lines, history and payments; the centres; and for the staff view the people's names.
    assert.equal(ownerOne, 5);
    assert.equal(staffOne, 6);
    assert.equal(await cost([], true), 0);
  });

  test('when staff open an order, then its customer, centre, payment and the staff member who moved it come from their owners', async () => {
    const centreId = await firstCentreId(t);
    const buyer = new ApiClient(t.url);
    const me = await buyer.register('Lina Owner', `lina.${Date.now()}@exemple.fr`);
    const { order } = await paidOrder(t, buyer, centreId);
    const staff = await signedIn(t.url, DEMO.staff);
    assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation' })).status, 200);

    const res = await staff.get<StaffOrderDetail>(`/api/staff/orders/${order.id}`);
    assert.equal(res.status, 200);
    const view = res.body;
    assert.deepEqual(view.customer, { id: me.id, name: 'Lina Owner', email: me.email });
    assert.equal(view.centre.id, centreId);
    assert.deepEqual([view.payment?.status, view.payment?.amountCents], ['succeeded', order.totalCents]);
    assert.deepEqual(
      view.history.map((e) => [e.status, e.actorRole, e.actorName]),
      [
        ['pending_payment', 'customer', 'Lina Owner'],
        ['paid', 'payment', null],
        ['in_preparation', 'staff', 'Karim Benali'],
      ],
    );
    // The customer's own view names nobody.
    const own = await buyer.get(`/api/orders/${order.id}`);
    assert.equal('customer' in own.body, false);
    assert.ok(own.body.history.every((e: object) => !('actorName' in e)));
  });
});

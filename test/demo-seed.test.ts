import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO } from './helpers/client.ts';
import { ManualClock } from '../src/shared/clock.ts';
import { centres as demoCentres } from '../src/db/seed/demo-data.ts';
import type { PickupSlot, ShopCentre } from '../src/contract/index.ts';

const REAL_ADMIN = { ADMIN_EMAIL: 'presidente@asso.example.fr', ADMIN_PASSWORD: 'motdepasse-presidente' };

describe('demo accounts', () => {
  for (const driver of [TEST_DRIVER]) {
    test(`when the demo admin was deleted, then a restart on the same database does not bring it back (${driver})`, async () => {
      const first = await startTestServer({ driver, env: REAL_ADMIN });
      let second: TestServer | undefined;
      try {
        assert.deepEqual(
          first.server.demoAccounts.map((a) => a.email),
          [DEMO.customer.email, DEMO.staff.email, DEMO.admin.email],
          'the start that seeds the empty database creates the demo accounts',
        );
        // The operator, now with a real admin account, deletes the demo admin (its password is public).
        const demoAdmin = new ApiClient(first.url);
        assert.equal((await demoAdmin.login(DEMO.admin.email, DEMO.admin.password)).status, 200);
        assert.equal((await demoAdmin.request('DELETE', '/api/account', { password: DEMO.admin.password })).status, 204);
        await first.server.close();

        second = await startTestServer({
          driver,
          env: { ...REAL_ADMIN, ...(driver === 'pg' ? { DATABASE_URL: first.databaseUrl! } : { DATA_DIR: first.dataDir }) },
        });
        assert.equal((await new ApiClient(second.url).login(DEMO.admin.email, DEMO.admin.password)).status, 401);
        assert.equal((await new ApiClient(second.url).login(REAL_ADMIN.ADMIN_EMAIL, REAL_ADMIN.ADMIN_PASSWORD)).status, 200);
        assert.deepEqual(
          second.server.demoAccounts.map((a) => a.email),
          [DEMO.customer.email, DEMO.staff.email],
          'only the demo accounts still there are announced',
        );
      } finally {
        await second?.close();
        // The first server is closed already on the happy path; close() is idempotent.
        await first.close();
      }
    });
  }

  test('when the demo seed is off, then no demo account is created even on an empty database', async () => {
    const t = await startTestServer({ env: { SEED_DEMO: 'false' } });
    try {
      assert.deepEqual(t.server.demoAccounts, []);
      assert.equal((await new ApiClient(t.url).login(DEMO.admin.email, DEMO.admin.password)).status, 401);
    } finally {
      await t.close();
    }
  });
});

describe(`demo centres take pickup slots (${TEST_DRIVER})`, () => {
  // Monday 23 March 2026, 09:00 in Paris: the fortnight offered crosses the spring DST change.
  const clock = new ManualClock(new Date('2026-03-23T08:00:00Z'));
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, env: { SEED_DEMO_SLOTS: 'true' } });
  });
  after(() => t.close());

  test('when the demo is seeded, then every centre offers 30-minute slots of 10 orders, each inside its opening hours', async () => {
    const client = new ApiClient(t.url);
    const centres = (await client.get<ShopCentre[]>('/api/centres')).body;
    assert.equal(centres.length, demoCentres.length);
    const parisDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' });
    const parisTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (const c of centres) {
      assert.deepEqual([c.slotMinutes, c.slotCapacity], [30, 10], c.name);
      const slots = (await client.get<PickupSlot[]>(`/api/centres/${c.id}/slots`)).body;
      // Two weeks of slots: each weekly range, cut in half hours, twice (the first day may fall in the lead time).
      const perWeek = c.hours.reduce((n, r) => n + (minutes(r.closes) - minutes(r.opens)) / 30, 0);
      assert.ok(slots.length >= perWeek && slots.length <= 2 * perWeek, `${c.name}: ${slots.length} slots for ${perWeek} a week`);
      for (const s of slots) {
        assert.equal(Date.parse(s.end) - Date.parse(s.start), 30 * 60_000);
        assert.deepEqual([s.capacity, s.remaining], [10, 10]);
        const day = DAYS.indexOf(parisDay.format(new Date(s.start))) + 1;
        const [from, to] = [parisTime.format(new Date(s.start)), parisTime.format(new Date(s.end))];
        assert.ok(
          c.hours.some((r) => r.day === day && r.opens <= from && to <= r.closes),
          `${c.name}: the slot ${from}–${to} on day ${day} is inside its hours`,
        );
      }
    }
  });
});

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

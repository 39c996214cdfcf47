import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, TEST_DRIVER, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO } from './helpers/client.ts';

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

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForSuite, serverWithMailForSuite } from './helpers/suite.ts';
import { ApiClient, asError, DEMO, fieldErrors, signedIn } from './helpers/client.ts';
import { sql } from './helpers/fixtures.ts';
import { ManualClock } from '../src/shared/clock.ts';

describe('accounts', () => {
  const t = serverForSuite({ env: { SWEEP_INTERVAL_SECONDS: '1' } });

  test('when a person registers, then they get a customer account and a working session', async () => {
    const c = new ApiClient(t.url);
    const res = await c.post('/api/auth/register', { name: 'Léa Dupont', email: 'Lea.Dupont@Example.fr', password: 'un-bon-mot-de-passe' });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.role, 'customer');
    assert.equal(res.body.user.name, 'Léa Dupont');
    assert.ok(res.body.user.id);
    assert.equal('password_hash' in res.body.user, false);
    const cookie = res.headers.getSetCookie()[0]!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const me = await c.get('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.user.email, 'Lea.Dupont@Example.fr');
  });

  test('when the same email registers in another case, then 409 email_taken', async () => {
    const c = new ApiClient(t.url);
    await c.register('A', 'dup@example.fr');
    const res = await new ApiClient(t.url).post('/api/auth/register', { name: 'B', email: 'DUP@EXAMPLE.FR', password: 'motdepasse-2' });
    assert.equal(res.status, 409);
    assert.equal(asError(res).error.code, 'email_taken');
  });

  test('when registration input is bad, then 400 validation_failed names the fields and nothing is created', async () => {
    const c = new ApiClient(t.url);
    const cases = [
      { name: '', email: 'x@example.fr', password: 'motdepasse' },
      { name: 'X', email: 'not-an-email', password: 'motdepasse' },
      { name: 'X', email: 'short@example.fr', password: '1234567' },
      { name: 'X'.repeat(101), email: 'long@example.fr', password: 'motdepasse' },
      {},
      [],
    ];
    for (const body of cases) {
      const res = await c.post('/api/auth/register', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(asError(res).error.code, 'validation_failed');
      assert.ok(Array.isArray(asError(res).error.details));
    }
    const short = await c.post('/api/auth/register', { name: 'X', email: 'short@example.fr', password: '1234567' });
    assert.equal(fieldErrors(short)[0]!.field, 'password');
    const rows = await sql(t, "SELECT count(*)::int AS n FROM users WHERE email IN ('x@example.fr','short@example.fr','long@example.fr')");
    assert.equal(rows[0].n, 0);
  });

  test('when passwords are stored, then they are argon2id hashes', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register('Hash', 'hash@example.fr', 'secret-password-1');
    const rows = await sql(t, 'SELECT password_hash FROM users WHERE id = $1', [u.id]);
    assert.match(rows[0].password_hash, /^\$argon2id\$/);
    assert.ok(!rows[0].password_hash.includes('secret-password-1'));
  });

  test('when logging in, then the session id is new, and logout kills it on the server', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register('Rot', 'rotate@example.fr', 'motdepasse-rot');
    const before = c.cookieHeader;
    const login = await c.login('ROTATE@example.fr', 'motdepasse-rot');
    assert.equal(login.status, 200);
    assert.equal(login.body.user.id, u.id);
    assert.notEqual(c.cookieHeader, before);
    // The pre-login session is dead.
    const old = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: before } });
    assert.equal(old.status, 401);
    const stolen = c.cookieHeader;
    assert.equal((await c.post('/api/auth/logout')).status, 204);
    const after = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: stolen } });
    assert.equal(after.status, 401);
    assert.equal((await c.get('/api/auth/me')).status, 401);
  });

  test('when the password is wrong or the email unknown, then the same 401 answer', async () => {
    const c = new ApiClient(t.url);
    await c.register('W', 'wrong@example.fr', 'motdepasse-ok');
    const wrong = await new ApiClient(t.url).login('wrong@example.fr', 'pas-le-bon');
    const unknown = await new ApiClient(t.url).login('nobody-here@example.fr', 'pas-le-bon');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(asError(wrong).error.code, 'invalid_credentials');
  });

  test('when an account is disabled, then it cannot log in and its sessions stop at once', async () => {
    const c = new ApiClient(t.url);
    const u = await c.register('D', 'disabled@example.fr', 'motdepasse-dis');
    assert.equal((await c.get('/api/auth/me')).status, 200);
    await sql(t, 'UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
    assert.equal((await c.get('/api/auth/me')).status, 401);
    // A wrong password gets the common answer: nothing tells the account exists, let alone is disabled.
    const wrong = await new ApiClient(t.url).login('disabled@example.fr', 'pas-le-bon');
    const unknown = await new ApiClient(t.url).login('nobody-at-all@example.fr', 'pas-le-bon');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    // The right password: the account is disabled, and whom to write to is said.
    const admin = await signedIn(t.url, DEMO.admin);
    assert.equal((await admin.put('/api/admin/association', { contactEmail: 'benevoles@asso.example.fr' })).status, 200);
    const again = await new ApiClient(t.url).login('disabled@example.fr', 'motdepasse-dis');
    assert.equal(again.status, 403);
    assert.equal(asError(again).error.code, 'account_disabled');
    assert.deepEqual(asError(again).error.details, { contact: 'benevoles@asso.example.fr' });
    assert.match(asError(again).error.message, /désactivé.*benevoles@asso\.example\.fr/);
    assert.deepEqual(again.headers.getSetCookie(), [], 'no session is opened');
  });

  test('when a session has expired, then it no longer authenticates', async () => {
    const c = new ApiClient(t.url);
    await c.register('E', 'expired@example.fr', 'motdepasse-exp');
    await sql(t, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = 'expired@example.fr')");
    assert.equal((await c.get('/api/auth/me')).status, 401);
  });

  test('when a session has expired, then the periodic sweep deletes its row and keeps the live ones', async () => {
    const gone = new ApiClient(t.url);
    const goneUser = await gone.register('Partie', 'swept@example.fr', 'motdepasse-swept');
    const live = new ApiClient(t.url);
    const liveUser = await live.register('Restee', 'kept@example.fr', 'motdepasse-kept');
    await sql(t, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [goneUser.id]);
    // The sweep runs every SWEEP_INTERVAL_SECONDS (1 s for this server): wait for it, generously.
    const deadline = Date.now() + 15_000;
    const remaining = async () => (await sql(t, 'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [goneUser.id]))[0].n;
    while ((await remaining()) > 0) {
      assert.ok(Date.now() < deadline, 'the expired session row was never purged');
      await new Promise((r) => setTimeout(r, 100));
    }
    const kept = await sql(t, 'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [liveUser.id]);
    assert.equal(kept[0].n, 1);
    assert.equal((await live.get('/api/auth/me')).status, 200);
  });

  test('when not signed in, then me is 401 unauthenticated; a forged cookie too', async () => {
    const res = await new ApiClient(t.url).get('/api/auth/me');
    assert.equal(res.status, 401);
    assert.equal(asError(res).error.code, 'unauthenticated');
    const forged = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: 'ps_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    assert.equal(forged.status, 401);
  });

  test('when the demo accounts exist, then each signs in with its role', async () => {
    for (const [role, creds] of Object.entries(DEMO)) {
      const res = await new ApiClient(t.url).login(creds.email, creds.password);
      assert.equal(res.status, 200);
      assert.equal(res.body.user.role, role);
    }
  });

  test('when a write comes from another site, then 403 forbidden_origin and nothing happens', async () => {
    const c = new ApiClient(t.url);
    const res = await c.post('/api/auth/register', { name: 'X', email: 'csrf@example.fr', password: 'motdepasse' }, { origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(asError(res).error.code, 'forbidden_origin');
    const login = await new ApiClient(t.url).login('csrf@example.fr', 'motdepasse');
    assert.equal(login.status, 401);
    const nullOrigin = await c.post('/api/auth/login', { email: 'a@b.fr', password: 'x' }, { origin: 'null' });
    assert.equal(nullOrigin.status, 403);
    // The server's own origin is accepted.
    const own = await c.post('/api/auth/register', { name: 'X', email: 'same@example.fr', password: 'motdepasse' }, { origin: t.url });
    assert.equal(own.status, 201);
  });
});

describe('login throttling', () => {
  const t = serverForSuite({ env: { SEED_DEMO: 'false' } });

  test('when one account fails repeatedly, then 429 with Retry-After, even with the right password', async () => {
    const c = new ApiClient(t.url);
    await c.register('T', 'throttle@example.fr', 'motdepasse-thr');
    for (let i = 0; i < 5; i++) assert.equal((await new ApiClient(t.url).login('throttle@example.fr', 'wrong')).status, 401);
    const blocked = await new ApiClient(t.url).login('throttle@example.fr', 'motdepasse-thr');
    assert.equal(blocked.status, 429);
    assert.equal(asError(blocked).error.code, 'rate_limited');
    const retry = Number(blocked.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`);
    // Another account from the same address is not yet blocked.
    await new ApiClient(t.url).register('U', 'other@example.fr', 'motdepasse-oth');
    assert.equal((await new ApiClient(t.url).login('other@example.fr', 'motdepasse-oth')).status, 200);
  });

  test('when one address fails on many accounts, then it is throttled too', async () => {
    let last = 0;
    for (let i = 0; i < 40 && last !== 429; i++) {
      last = (await new ApiClient(t.url).login(`spray-${i}@example.fr`, 'wrong')).status;
    }
    assert.equal(last, 429);
    const res = await new ApiClient(t.url).login('other@example.fr', 'motdepasse-oth');
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  });

  test('when many people sign up from one shared computer, then they are not throttled', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        new ApiClient(t.url).post('/api/auth/register', { name: `P${i}`, email: `shared-${i}@example.fr`, password: 'motdepasse' }),
      ),
    );
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([201]));
  });
});

describe('login throttling per account and address', () => {
  const clock = new ManualClock();
  // Behind a trusted proxy (loopback): X-Forwarded-For names the client's address.
  const t = serverWithMailForSuite({ clock, env: { SEED_DEMO: 'false', TRUST_PROXY: 'loopback', LOGIN_FAILURES_PER_ACCOUNT: '10' } });

  const from = (address: string) => ({ 'x-forwarded-for': address });
  const loginFrom = (address: string, email: string, password: string) => new ApiClient(t.url).post('/api/auth/login', { email, password }, from(address));
  let n = 0;
  const account = async () => {
    const email = `cible-${++n}-${Date.now()}@example.fr`;
    await new ApiClient(t.url).register('Cible', email, 'le-bon-mot-de-passe');
    return email;
  };

  test('when someone fails five times on an account from one address, then the owner still signs in from another address', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom('203.0.113.7', email, 'mauvais')).status, 401);
    const blocked = await loginFrom('203.0.113.7', email, 'le-bon-mot-de-passe');
    assert.equal(blocked.status, 429, 'the guessing address is stopped');
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.equal((await loginFrom('198.51.100.20', email, 'le-bon-mot-de-passe')).status, 200, 'the owner, elsewhere, is not');
    // The guesser stays stopped after the owner signed in.
    assert.equal((await loginFrom('203.0.113.7', email, 'le-bon-mot-de-passe')).status, 429);
  });

  test('when failures on one account come from many addresses, then each new try waits a little longer, up to the per-account ceiling', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom('203.0.113.8', email, 'mauvais')).status, 401);
    assert.equal((await loginFrom('198.51.100.21', email, 'le-bon-mot-de-passe')).status, 200, 'five failures delay nobody else');
    // The owner's success forgave the account's count; the guesser's address keeps its own. Six more, from elsewhere:
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom('203.0.113.9', email, 'mauvais')).status, 401);
    assert.equal((await loginFrom('203.0.113.10', email, 'mauvais')).status, 401);
    // 6 failures: the next try, from anywhere, waits 1 s after the last one.
    const first = await loginFrom('203.0.113.12', email, 'mauvais');
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    clock.advance(1000);
    assert.equal((await loginFrom('203.0.113.12', email, 'mauvais')).status, 401);
    // 7 failures: 2 s.
    const waiting = await loginFrom('198.51.100.21', email, 'le-bon-mot-de-passe');
    assert.equal(waiting.status, 429);
    assert.equal(waiting.headers.get('retry-after'), '2');
    clock.advance(2000);
    assert.equal((await loginFrom('198.51.100.21', email, 'le-bon-mot-de-passe')).status, 200, 'the owner gets in once the delay is over');

    // A guesser with many addresses, waiting out each delay, reaches the ceiling (10 here): then everyone waits for the window.
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000);
      assert.equal((await loginFrom(`192.0.2.${i + 1}`, email, 'mauvais')).status, 401);
    }
    clock.advance(60_000);
    const ceiling = await loginFrom('198.51.100.22', email, 'le-bon-mot-de-passe');
    assert.equal(ceiling.status, 429);
    assert.ok(Number(ceiling.headers.get('retry-after')) > 60, `Retry-After ${ceiling.headers.get('retry-after')}`);
  });

  test('when the password is reset, then the account’s failure counts are cleared, from every address', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom('203.0.113.11', email, 'mauvais')).status, 401);
    assert.equal((await loginFrom('203.0.113.11', email, 'le-bon-mot-de-passe')).status, 429);
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/forgot', { email }, from('198.51.100.30'))).status, 202);
    const mail = await t.smtp.waitFor((m) => m.rcptTo.includes(email) && /mot de passe/i.test(m.subject), 'reset mail');
    const token = new URL(/(http\S+reset-password\?token=\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'nouveau-mot-de-passe' })).status, 200);
    assert.equal((await loginFrom('203.0.113.11', email, 'nouveau-mot-de-passe')).status, 200);
  });
});

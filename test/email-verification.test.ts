import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { serverWithMailForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError } from './helpers/client.ts';
import { sql } from './helpers/fixtures.ts';
import type { ReceivedMail } from './helpers/smtp.ts';
import { ManualClock } from '../src/shared/clock.ts';

const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.fr`;
const HOUR = 3600_000;

describe('email verification', () => {
  const clock = new ManualClock();
  const t = serverWithMailForSuite({ clock, env: { ADMIN_EMAIL: 'chef@example.fr', ADMIN_PASSWORD: 'mot-de-passe-chef' } });

  const isVerification = (m: ReceivedMail) => /Confirmez votre adresse|Confirm your email/.test(m.subject);

  /** The token of the `nth` verification mail sent to `email` (waits for it). */
  async function tokenFromMail(email: string, nth = 1): Promise<{ token: string; mail: ReceivedMail }> {
    const mail = await t.smtp.waitFor(
      (m) => m.rcptTo.includes(email) && isVerification(m) && t.smtp.to(email).filter(isVerification).indexOf(m) === nth - 1,
      'verification mail',
    );
    const link = /(http\S+\/verify-email\?token=\S+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    return { token: new URL(link).searchParams.get('token')!, mail };
  }

  test('when a person signs up, then a mail in their language carries a single-use link that verifies the address', async () => {
    const c = new ApiClient(t.url);
    const res = await c.post('/api/auth/register', { name: 'Valérie Verif', email: unique('valerie'), password: 'mot-de-passe-valerie' });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.emailVerified, false);
    const email = res.body.user.email as string;
    const { token, mail } = await tokenFromMail(email);
    assert.equal(mail.subject, 'Confirmez votre adresse e-mail pour Panier Solidaire');
    assert.match(mail.text, /Bonjour Valérie Verif/);
    assert.match(mail.text, /valable 48 heures/);
    assert.ok(mail.text.includes(`http://localhost:${t.server.port}/verify-email?token=`));
    assert.ok(mail.html.includes(`token=${token}`));
    // Only the hash of the token is stored.
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM email_verification_tokens WHERE token_hash = $1', [token]))[0].n, 0);

    // Opened anywhere (no session needed): the account is verified.
    const verified = await new ApiClient(t.url).post('/api/auth/email/verify', { token });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.user.email, email);
    assert.equal(verified.body.user.emailVerified, true);
    assert.equal((await c.get('/api/auth/me')).body.user.emailVerified, true);
    assert.equal((await c.get('/api/account')).body.user.emailVerified, true);

    // Used once.
    const again = await new ApiClient(t.url).post('/api/auth/email/verify', { token });
    assert.equal(again.status, 400);
    assert.equal(asError(again).error.code, 'invalid_token');
  });

  test('when someone signs up in English, then the verification mail is in English', async () => {
    const email = unique('english');
    const res = await new ApiClient(t.url).post('/api/auth/register', { name: 'Emma English', email, password: 'password-emma', locale: 'en' });
    assert.equal(res.status, 201);
    const { mail } = await tokenFromMail(email);
    assert.equal(mail.subject, 'Confirm your email address for Panier Solidaire');
    assert.match(mail.text, /Hello Emma English/);
  });

  test('when a link is unknown or older than EMAIL_VERIFY_HOURS, then 400 invalid_token and the address stays unverified', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Lien Perime', unique('perime'));
    const { token } = await tokenFromMail(me.email);
    assert.equal(asError(await c.post('/api/auth/email/verify', { token: 'pas-un-vrai-jeton' })).error.code, 'invalid_token');
    assert.equal(asError(await c.post('/api/auth/email/verify', {})).error.code, 'validation_failed');
    clock.advance(48 * HOUR + 1000);
    const late = await c.post('/api/auth/email/verify', { token });
    assert.equal(late.status, 400);
    assert.equal(asError(late).error.code, 'invalid_token');
    assert.equal((await c.get('/api/auth/me')).body.user.emailVerified, false);
  });

  test('when the signed-in person asks for the link again, then 202 and a new working link comes; once verified, nothing more is sent', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Renvoi Lien', unique('renvoi'));
    await tokenFromMail(me.email, 1);
    const resent = await c.post('/api/auth/email/resend');
    assert.equal(resent.status, 202);
    const { token } = await tokenFromMail(me.email, 2);
    assert.equal((await new ApiClient(t.url).post('/api/auth/email/verify', { token })).status, 200);

    assert.equal((await c.post('/api/auth/email/resend')).status, 202);
    await t.server.mailIdle();
    assert.equal(t.smtp.to(me.email).filter(isVerification).length, 2);
    // Not signed in: 401.
    assert.equal((await new ApiClient(t.url).post('/api/auth/email/resend')).status, 401);
  });

  test('when the link is asked for again and again, then 429 with Retry-After after EMAIL_VERIFY_RESENDS', async () => {
    const c = new ApiClient(t.url);
    await c.register('Trop Renvoyer', unique('trop'));
    for (let i = 0; i < 3; i++) assert.equal((await c.post('/api/auth/email/resend')).status, 202);
    const refused = await c.post('/api/auth/email/resend');
    assert.equal(refused.status, 429);
    assert.equal(asError(refused).error.code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });

  test('when accounts come from ADMIN_EMAIL or the demo seed, then they are verified; ordering does not need it', async () => {
    const admin = new ApiClient(t.url);
    assert.equal((await admin.login('chef@example.fr', 'mot-de-passe-chef')).body.user.emailVerified, true);
    const demo = new ApiClient(t.url);
    assert.equal((await demo.login(DEMO.customer.email, DEMO.customer.password)).body.user.emailVerified, true);
    const users = await admin.get(`/api/admin/users?q=${encodeURIComponent('chef@example.fr')}`);
    assert.equal(users.status, 200);
    assert.equal(users.body.items[0]!.emailVerified, true);
  });
});

describe('sign-up throttling', () => {
  let t: TestServer;
  let other: TestServer;
  before(async () => {
    // Two nodes on one database: PostgreSQL only (PGlite is one process's own folder), so
    // this describe stays on PostgreSQL in both halves of the driver matrix.
    t = await startTestServer({ driver: 'pg', env: { SEED_DEMO: 'false', SIGNUP_PER_MINUTE: '3' } });
    // A second node on the same database: the count is shared.
    other = await startTestServer({ driver: 'pg', env: { SEED_DEMO: 'false', SIGNUP_PER_MINUTE: '3', DATABASE_URL: t.databaseUrl! } });
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  test('when one address signs up more than SIGNUP_PER_MINUTE times in a minute, across nodes, then 429 rate_limited with Retry-After and no account', async () => {
    const signUp = (node: TestServer, i: number) =>
      new ApiClient(node.url).post('/api/auth/register', { name: `Flot ${i}`, email: `flot-${i}@example.fr`, password: 'motdepasse' });
    // A burst sent at once to both nodes: exactly the limit gets through.
    const burst = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => signUp(i % 2 ? t : other, i)));
    assert.deepEqual(burst.map((r) => r.status).sort(), [201, 201, 201, 429, 429, 429]);
    const refused = burst.find((r) => r.status === 429)!;
    assert.equal(asError(refused).error.code, 'rate_limited');
    const retry = Number(refused.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 60, `Retry-After ${retry}`);
    assert.equal((await signUp(t, 7)).status, 429);
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM users WHERE email LIKE 'flot-%'"))[0].n, 3);
  });
});

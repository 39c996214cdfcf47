import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { serverForSuite, serverWithMailForSuite } from './helpers/suite.ts';
import { ApiClient, DEMO, asError, fieldErrors, signedIn } from './helpers/client.ts';
import { firstCentreId, productWithStock, sql } from './helpers/fixtures.ts';
import type { PersonalData } from '../src/contract/index.ts';
import type { ReceivedMail } from './helpers/smtp.ts';
import { ManualClock } from '../src/shared/clock.ts';

const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.fr`;

describe('password reset', () => {
  const clock = new ManualClock();
  const t = serverWithMailForSuite({ clock });

  /** Asks for a link and returns the token the mail carries. */
  async function resetToken(email: string): Promise<string> {
    const before = t.smtp.to(email).filter((m) => /mot de passe/i.test(m.subject)).length;
    const res = await new ApiClient(t.url).post('/api/auth/password/forgot', { email });
    assert.equal(res.status, 202);
    const isReset = (m: ReceivedMail) => m.rcptTo.includes(email) && /mot de passe/i.test(m.subject);
    const mail = await t.smtp.waitFor((m) => isReset(m) && t.smtp.to(email).filter(isReset).indexOf(m) >= before, 'reset mail');
    return new URL(/(http\S+reset-password\?token=\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;
  }

  test('when a reset link is used twice, then the second use is refused with invalid_token', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Double Usage', unique('double'));
    const token = await resetToken(me.email);
    const first = await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'premier-nouveau-mdp' });
    assert.equal(first.status, 200);
    const second = await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'second-nouveau-mdp' });
    assert.equal(second.status, 400);
    assert.equal(asError(second).error.code, 'invalid_token');
    assert.equal((await new ApiClient(t.url).login(me.email, 'premier-nouveau-mdp')).status, 200);
    // Only the hash of the token is stored.
    const rows = await sql(t, 'SELECT token_hash FROM password_reset_tokens WHERE token_hash = $1', [token]);
    assert.equal(rows.length, 0);
  });

  test('when a reset link is older than one hour, then it is refused with invalid_token and the password is unchanged', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Lien Expire', unique('expire'), 'mot-de-passe-initial');
    const token = await resetToken(me.email);
    clock.advance(60 * 60 * 1000 + 1000);
    const res = await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'trop-tard-pour-moi' });
    assert.equal(res.status, 400);
    assert.equal(asError(res).error.code, 'invalid_token');
    assert.equal((await new ApiClient(t.url).login(me.email, 'mot-de-passe-initial')).status, 200);
  });

  test('when a link is used within the hour, then it works (59 minutes later)', async () => {
    const me = await new ApiClient(t.url).register('Juste A Temps', unique('atemps'));
    const token = await resetToken(me.email);
    clock.advance(59 * 60 * 1000);
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'encore-a-temps' })).status, 200);
  });

  test('when the password is reset, then every session of the account ends', async () => {
    const phone = new ApiClient(t.url);
    const me = await phone.register('Toutes Sessions', unique('sessions'), 'mot-de-passe-vole');
    const laptop = new ApiClient(t.url);
    assert.equal((await laptop.login(me.email, 'mot-de-passe-vole')).status, 200);
    assert.equal((await phone.get('/api/auth/me')).status, 200);
    const token = await resetToken(me.email);
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'tout-neuf-2026' })).status, 200);
    assert.equal((await phone.get('/api/auth/me')).status, 401);
    assert.equal((await laptop.get('/api/auth/me')).status, 401);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [me.id]))[0].n, 0);
  });

  test('when the email has no account, then the answer is the same 202 and nothing is sent or stored', async () => {
    const known = await new ApiClient(t.url).register('Compte Connu', unique('connu'));
    const unknownEmail = unique('inconnu');
    const a = await new ApiClient(t.url).post('/api/auth/password/forgot', { email: unknownEmail });
    const b = await new ApiClient(t.url).post('/api/auth/password/forgot', { email: known.email });
    assert.equal(a.status, 202);
    assert.equal(b.status, 202);
    assert.deepEqual(a.body, b.body);
    assert.equal(a.headers.get('content-type'), b.headers.get('content-type'));
    // Sign-up already sent a verification mail to this address: wait for the reset one itself.
    await t.smtp.waitFor((m) => m.rcptTo.includes(known.email) && /mot de passe/i.test(m.subject), 'reset mail to the known address');
    await t.server.mailIdle();
    assert.equal(t.smtp.to(unknownEmail).length, 0);
    const tokens = await sql(t, 'SELECT count(*)::int AS n FROM password_reset_tokens r JOIN users u ON u.id = r.user_id WHERE u.email = $1', [known.email]);
    assert.equal(tokens[0].n, 1);
  });

  test('when one address is asked for again and again, then the answer stays 202 but at most three links go out per window', async () => {
    const me = await new ApiClient(t.url).register('Trop Demande', unique('spam'));
    for (let i = 0; i < 5; i++) assert.equal((await new ApiClient(t.url).post('/api/auth/password/forgot', { email: me.email })).status, 202);
    await t.server.mailIdle();
    const issued = await sql(t, 'SELECT count(*)::int AS n FROM password_reset_tokens WHERE user_id = $1', [me.id]);
    assert.equal(issued[0].n, 3);
  });

  test('when the reset input is bad, then 400 validation_failed', async () => {
    const c = new ApiClient(t.url);
    assert.equal(asError(await c.post('/api/auth/password/reset', { token: 'x', password: 'court' })).error.code, 'validation_failed');
    assert.equal(asError(await c.post('/api/auth/password/reset', { token: 'inconnu', password: 'assez-long-oui' })).error.code, 'invalid_token');
    assert.equal((await c.post('/api/auth/password/forgot', {})).status, 400);
  });
});

// The lock is held by a second connection to the same database: PGlite has only its
// server's own, so this describe stays on PostgreSQL in both halves of the driver matrix.
describe('password reset answers before its work', () => {
  const t = serverWithMailForSuite({ driver: 'pg' });

  test('when a link is asked for, then known and unknown addresses are answered before the account is looked up or a token written', async () => {
    const known = await new ApiClient(t.url).register('Meme Chemin', unique('chemin'));
    const unknownEmail = unique('personne');
    // Another connection holds the reset-token table: any answer that waits for the
    // link's own work (pruning, storing a token) cannot come while the lock is held.
    const blocker = new pg.Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE password_reset_tokens IN ACCESS EXCLUSIVE MODE');
      const ask = (email: string) => new ApiClient(t.url).post('/api/auth/password/forgot', { email });
      const deadlock = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 15_000).unref());
      const answers = await Promise.race([Promise.all([ask(known.email), ask(unknownEmail)]), deadlock]);
      assert.notEqual(answers, 'blocked', 'the answer waited for the link to be written');
      const [a, b] = answers as Awaited<ReturnType<typeof ask>>[];
      assert.equal(a!.status, 202);
      assert.deepEqual(a!.body, b!.body);
      assert.equal(t.smtp.to(known.email).filter((m) => /mot de passe/i.test(m.subject)).length, 0, 'nothing mailed yet');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // Released, the work goes on after the answer: the known address gets its link.
    await t.smtp.waitFor((m) => m.rcptTo.includes(known.email) && /mot de passe/i.test(m.subject), 'reset mail after the answer');
    await t.server.mailIdle();
    assert.equal(t.smtp.to(unknownEmail).length, 0);
  });
});

describe('the customer’s own data', () => {
  const t = serverForSuite();
  let centreId: string;
  let staff: ApiClient;

  before(async () => {
    centreId = await firstCentreId(t);
    staff = await signedIn(t.url, DEMO.staff);
  });

  async function placeAndPay(c: ApiClient, quantity = 2) {
    const p = await productWithStock(t, 10);
    const placed = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity, donate: true }] }, { 'Idempotency-Key': `k-${Math.random()}` });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const paid = await c.post(`/api/payments/demo/${placed.body.order.id}`, { outcome: 'succeeded' });
    assert.equal(paid.status, 200);
    return paid.body;
  }

  test('when I change my name and language, then my account says so', async () => {
    const c = new ApiClient(t.url);
    await c.register('Ancien Nom', unique('nom'));
    const res = await c.patch('/api/account', { name: '  Nouveau Nom ', locale: 'en' });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.name, 'Nouveau Nom');
    assert.equal(res.body.user.locale, 'en');
    assert.equal((await c.get('/api/auth/me')).body.user.name, 'Nouveau Nom');
    const summary = await c.get('/api/account');
    assert.equal(summary.body.hasPassword, true);
    assert.deepEqual(summary.body.identities, []);
    assert.equal((await c.patch('/api/account', {})).status, 400);
    assert.equal((await c.patch('/api/account', { locale: 'de' })).status, 400);
    assert.equal((await new ApiClient(t.url).patch('/api/account', { name: 'X' })).status, 401);
  });

  test('when I change my password, then the current one is asked, other sessions end and this one stays', async () => {
    const here = new ApiClient(t.url);
    const me = await here.register('Change Mdp', unique('chg'), 'mot-de-passe-actuel');
    const elsewhere = new ApiClient(t.url);
    await elsewhere.login(me.email, 'mot-de-passe-actuel');

    const wrong = await here.post('/api/account/password', { currentPassword: 'pas-le-bon', newPassword: 'nouveau-mdp-solide' });
    assert.equal(wrong.status, 400);
    assert.equal(asError(wrong).error.code, 'wrong_password');
    assert.equal(fieldErrors(wrong)[0]!.field, 'currentPassword');
    assert.equal((await elsewhere.get('/api/auth/me')).status, 200);
    assert.equal((await here.post('/api/account/password', { newPassword: 'nouveau-mdp-solide' })).status, 400);

    const ok = await here.post('/api/account/password', { currentPassword: 'mot-de-passe-actuel', newPassword: 'nouveau-mdp-solide' });
    assert.equal(ok.status, 200);
    assert.equal((await here.get('/api/auth/me')).status, 200);
    assert.equal((await elsewhere.get('/api/auth/me')).status, 401);
    assert.equal((await new ApiClient(t.url).login(me.email, 'mot-de-passe-actuel')).status, 401);
    assert.equal((await new ApiClient(t.url).login(me.email, 'nouveau-mdp-solide')).status, 200);
  });

  test('when I export my data, then the download holds my profile, my orders with lines and history, my cart and payments', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Export Complet', unique('export'));
    const order = await placeAndPay(c, 2);
    const p = await productWithStock(t, 5);
    await c.put(`/api/cart/items/${p.id}`, { quantity: 1, donate: false });
    const other = new ApiClient(t.url);
    await other.register('Quelqu’un Dautre', unique('autre'));
    await placeAndPay(other, 1);

    const res = await c.get<PersonalData>('/api/account/export');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="panier-solidaire-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.body;
    assert.equal(data.profile.id, me.id);
    assert.equal(data.profile.email, me.email);
    assert.equal(data.profile.name, 'Export Complet');
    assert.equal('password_hash' in data.profile, false);
    assert.equal(data.orders.length, 1);
    const [exported] = data.orders;
    assert.equal(exported?.number, order.number);
    assert.equal(exported?.items[0]?.quantity, 2);
    assert.deepEqual(
      exported?.history.map((h) => h.status),
      ['pending_payment', 'paid'],
    );
    assert.deepEqual(
      data.payments.map((pay) => [pay.orderNumber, pay.status]),
      [[order.number, 'succeeded']],
    );
    assert.equal(data.cart.items[0]?.productId, p.id);
    assert.ok(data.sessions.length >= 1);
    assert.equal((await new ApiClient(t.url).get('/api/account/export')).status, 401);
  });

  test('when I delete my account, then my orders stay with their lines and totals but nothing names me anywhere', async () => {
    const c = new ApiClient(t.url);
    const name = 'Jeanne Effacée';
    const email = unique('jeanne.effacee');
    const me = await c.register(name, email, 'mot-de-passe-jeanne');
    const order = await placeAndPay(c, 3);
    // Staff quote the person in a note (order history and audit trail).
    const note = `Appel de ${name} (${email}) : rappeler ${name} demain`;
    assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation', note })).status, 200);
    const p = await productWithStock(t, 5);
    await c.put(`/api/cart/items/${p.id}`, { quantity: 1, donate: false });
    await new ApiClient(t.url).login(email, 'mauvais-mot-de-passe'); // an auth_failures row under the email
    await new ApiClient(t.url).post('/api/auth/password/forgot', { email });
    const before = await sql(t, 'SELECT total_cents, donation_total_cents FROM orders WHERE id = $1', [order.id]);
    await t.server.mailIdle(); // the paid mail is in mail_queue (sent, addressed to her)
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM mail_queue WHERE to_address = $1', [email]))[0].n, 1);

    const wrong = await c.request('DELETE', '/api/account', { password: 'pas-le-bon' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'wrong_password');
    const res = await c.request('DELETE', '/api/account', { password: 'mot-de-passe-jeanne' });
    assert.equal(res.status, 204);
    assert.equal((await c.get('/api/auth/me')).status, 401);

    // The order is still there for the accounts, with its lines, totals, history and payment…
    const [kept] = await sql(t, 'SELECT user_id, total_cents, donation_total_cents, status FROM orders WHERE id = $1', [order.id]);
    assert.equal(kept.user_id, null);
    assert.deepEqual({ total_cents: kept.total_cents, donation_total_cents: kept.donation_total_cents }, before[0]);
    assert.equal(kept.status, 'in_preparation');
    const lines = await sql(t, 'SELECT quantity, line_total_cents FROM order_items WHERE order_id = $1', [order.id]);
    assert.equal(lines.length, 1);
    assert.equal(lines[0].quantity, 3);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM order_events WHERE order_id = $1', [order.id]))[0].n, 3);
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM payments WHERE order_id = $1 AND status = 'succeeded'", [order.id]))[0].n, 1);

    // …and no name, email or user id is linked to it anywhere.
    // Her own values, whole: single words of a name are other people's words too (finding 7).
    const needles = [name, email, me.id];
    const dumps = await sql<{ source: string; text: string }>(
      t,
      `SELECT 'users' AS source, row_to_json(u)::text AS text FROM users u WHERE u.id = $2 OR lower(u.email) = lower($3)
       UNION ALL SELECT 'orders', row_to_json(o)::text FROM orders o WHERE o.id = $1
       UNION ALL SELECT 'order_events', row_to_json(e)::text FROM order_events e WHERE e.order_id = $1
       UNION ALL SELECT 'audit_log', row_to_json(a)::text FROM audit_log a
       UNION ALL SELECT 'idempotency_keys', row_to_json(k)::text FROM idempotency_keys k WHERE k.user_id = $2 OR k.order_id = $1
       UNION ALL SELECT 'sessions', row_to_json(s)::text FROM sessions s WHERE s.user_id = $2
       UNION ALL SELECT 'cart_items', row_to_json(ci)::text FROM cart_items ci WHERE ci.user_id = $2
       UNION ALL SELECT 'password_reset_tokens', row_to_json(r)::text FROM password_reset_tokens r WHERE r.user_id = $2
       UNION ALL SELECT 'auth_failures', row_to_json(f)::text FROM auth_failures f
       UNION ALL SELECT 'payments', row_to_json(p)::text FROM payments p WHERE p.order_id = $1
       UNION ALL SELECT 'stock_movements', row_to_json(m)::text FROM stock_movements m WHERE m.order_id = $1
       UNION ALL SELECT 'mail_queue', row_to_json(q)::text FROM mail_queue q`,
      [order.id, me.id, email],
    );
    for (const d of dumps) {
      for (const needle of needles) assert.ok(!d.text.toLowerCase().includes(needle.toLowerCase()), `${d.source} still holds "${needle}": ${d.text}`);
    }
    const [event] = await sql(t, "SELECT note FROM order_events WHERE order_id = $1 AND status = 'in_preparation'", [order.id]);
    assert.equal(event.note, 'Appel de [supprimé] ([supprimé]) : rappeler [supprimé] demain');
    // Staff still see the order, without a customer.
    const seen = await staff.get(`/api/staff/orders/${order.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.customer.id, null);
    assert.equal(seen.body.customer.email, '');
    assert.equal(seen.body.totalCents, order.totalCents);
    // The account is gone: its password opens nothing.
    assert.equal((await new ApiClient(t.url).login(email, 'mot-de-passe-jeanne')).status, 401);
  });

  test('when a customer whose name shares words with statuses and with the staff member is erased, then statuses, history and the staff member’s notes are intact', async () => {
    // The staff member is "Karim Benali"; the customer's words are also status values and words of the notes.
    const c = new ApiClient(t.url);
    const name = 'Paid Canceled Benali';
    const email = unique('paid.canceled');
    await c.register(name, email, 'mot-de-passe-paid');
    const order = await placeAndPay(c, 1);
    const note = 'Karim Benali a vérifié : paid, rien de canceled ni de delivered';
    assert.equal((await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'in_preparation', note })).status, 200);
    const history = () => sql(t, 'SELECT status, actor_role, note FROM order_events WHERE order_id = $1 ORDER BY id', [order.id]);
    const audit = () => sql(t, "SELECT action, before, after FROM audit_log WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id", [order.id]);
    const [historyBefore, auditBefore] = [await history(), await audit()];
    assert.deepEqual(
      auditBefore.map((a) => [a.before.status, a.after.status, a.after.note]),
      [['paid', 'in_preparation', note]],
    );

    assert.equal((await c.request('DELETE', '/api/account', { password: 'mot-de-passe-paid' })).status, 204);

    assert.deepEqual(await history(), historyBefore);
    assert.deepEqual(await audit(), auditBefore);
    const [kept] = await sql(t, 'SELECT status FROM orders WHERE id = $1', [order.id]);
    assert.equal(kept.status, 'in_preparation');
    const seen = await staff.get(`/api/staff/orders/${order.id}`);
    assert.deepEqual(
      seen.body.history.map((h: { status: string }) => h.status),
      ['pending_payment', 'paid', 'in_preparation'],
    );
    assert.equal(seen.body.history.at(-1)!.note, note);
    assert.equal(seen.body.history.at(-1)!.actorName, 'Karim Benali');
  });

  test('when the last administrator tries to delete their account, then it is refused', async () => {
    // The demo admin is the only one: make sure of it, then try.
    const admin = await signedIn(t.url, DEMO.admin);
    const res = await admin.request('DELETE', '/api/account', { password: DEMO.admin.password });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'last_admin');
    assert.equal((await admin.get('/api/auth/me')).status, 200);
  });
});

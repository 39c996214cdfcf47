import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient, DEMO, signedIn } from './helpers/client.ts';
import { firstCentreId, paidOrder, productWithStock, sql } from './helpers/fixtures.ts';
import { simpleParser } from 'mailparser';
import { LocalSmtp } from './helpers/smtp.ts';
import { capturingLogger } from './helpers/logs.ts';

/** A sign-up also mails an email-verification link: these tests are about the other mails. */
const notVerification = (m: object) => !/^(Confirmez votre adresse|Confirm your email)/.test(String((m as { subject?: unknown }).subject ?? ''));

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
/** Intl writes narrow no-break spaces in French amounts; mail text keeps them, compare without spacing. */
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

/**
 * Order mails through a real SMTP server started in the test process (smtp-server),
 * each message parsed back with mailparser: recipient, subject, order number, language.
 */
describe('order mails (SMTP)', () => {
  let t: TestServer;
  let smtp: LocalSmtp;
  let centreId: string;
  let staff: ApiClient;
  const log = capturingLogger();

  before(async () => {
    smtp = await LocalSmtp.start();
    t = await startTestServer({ logger: log.logger, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Panier Solidaire <bonjour@panier-solidaire.test>' } });
    centreId = await firstCentreId(t);
    staff = await signedIn(t.url, DEMO.staff);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('when an order is paid, then the customer gets a French mail with the order number, the lines and the centre', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Camille Courriel', `camille.${Date.now()}@example.fr`);
    const { order, product } = await paidOrder(t, c, centreId, { quantity: 2, donate: true });

    const mail = await smtp.waitFor((m) => notVerification(m) && (m.rcptTo.includes(me.email.toLowerCase()) || m.rcptTo.includes(me.email)), 'paid mail');
    assert.equal(mail.subject, `Commande ${order.number} confirmée et payée`);
    assert.deepEqual(mail.mail.to && !Array.isArray(mail.mail.to) ? mail.mail.to.value.map((a) => a.address) : [], [me.email]);
    assert.equal(mail.mail.from?.value[0]?.address, 'bonjour@panier-solidaire.test');
    assert.match(mail.text, new RegExp(order.number));
    assert.match(mail.text, /Bonjour Camille Courriel/);
    assert.ok(mail.text.includes(`2 × ${product.name}`), mail.text);
    assert.match(mail.text, /offert au centre/);
    assert.ok(flat(mail.text).includes(flat(euros(order.totalCents))), mail.text);
    assert.ok(mail.text.includes(order.centre.name));
    assert.ok(mail.text.includes(order.centre.address));
    assert.ok(mail.text.includes(`/orders/${order.id}`));
    // The HTML version says the same, with every value escaped.
    assert.ok(mail.html.includes(order.number));
    assert.doesNotMatch(mail.html, /<script/i);
  });

  test('when staff move a paid order to delivery and then delivered, then the customer gets a mail at each step', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Dora Livraison', `dora.${Date.now()}@example.fr`);
    const { order } = await paidOrder(t, c, centreId, { quantity: 1 });
    for (const status of ['in_preparation', 'in_delivery', 'delivered']) {
      const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const onItsWay = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && m.subject.includes('en route'), 'in-delivery mail');
    assert.equal(onItsWay.subject, `Commande ${order.number} en route vers le centre`);
    const delivered = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && m.subject.includes('livrée'), 'delivered mail');
    assert.equal(delivered.subject, `Commande ${order.number} livrée au centre`);
    assert.match(delivered.text, /retirer vos articles/);
    await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && m.subject.includes('payée'), 'paid mail');
    // In preparation is staff business: no mail for it.
    assert.deepEqual(
      smtp
        .to(me.email)
        .filter(notVerification)
        .map((m) => m.subject)
        .sort(),
      [`Commande ${order.number} confirmée et payée`, `Commande ${order.number} en route vers le centre`, `Commande ${order.number} livrée au centre`].sort(),
    );
  });

  test('when a paid order is canceled, then the mail says how much is refunded', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Rémi Rembourse', `remi.${Date.now()}@example.fr`);
    const { order } = await paidOrder(t, c, centreId, { quantity: 3 });
    const canceled = await c.post(`/api/orders/${order.id}/cancel`);
    assert.equal(canceled.status, 200);
    const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && m.subject.includes('annulée'), 'canceled mail');
    assert.equal(mail.subject, `Commande ${order.number} annulée`);
    assert.ok(flat(mail.text).includes(`${flat(euros(order.totalCents))} vous sont remboursés`), mail.text);
  });

  test('when the customer reads English, then the mails are in English', async () => {
    const c = new ApiClient(t.url);
    const email = `emma.${Date.now()}@example.org`;
    const reg = await c.post('/api/auth/register', { name: 'Emma English', email, password: 'a-good-password', locale: 'en' });
    assert.equal(reg.status, 201);
    const { order } = await paidOrder(t, c, centreId, { quantity: 1, donate: true });
    const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(email), 'English paid mail');
    assert.equal(mail.subject, `Order ${order.number} confirmed and paid`);
    assert.match(mail.text, /Hello Emma English/);
    assert.match(mail.text, /offered to the centre/);
    assert.match(mail.html, /<html lang="en">/);
  });

  test('when a customer switches to English in their account, then later mails follow', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Léo Bascule', `leo.${Date.now()}@example.fr`);
    const patch = await c.patch('/api/account', { locale: 'en' });
    assert.equal(patch.status, 200);
    assert.equal(patch.body.user.locale, 'en');
    const { order } = await paidOrder(t, c, centreId, { quantity: 1 });
    const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email), 'mail after switching language');
    assert.equal(mail.subject, `Order ${order.number} confirmed and paid`);
  });

  test('when staff send an order on its way, then its mail is already queued when they get the answer', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Inès Instant', `ines.${Date.now()}@example.fr`);
    const { order } = await paidOrder(t, c, centreId);
    for (const status of ['in_preparation', 'in_delivery']) {
      const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    // No waiting for any background work: the row was committed with the status.
    const rows = await sql<{ subject: string }>(t, 'SELECT subject FROM mail_queue WHERE to_address = $1 ORDER BY created_at', [me.email]);
    assert.deepEqual(
      rows.map((r) => r.subject),
      [`Commande ${order.number} confirmée et payée`, `Commande ${order.number} en route vers le centre`],
    );
  });

  test('when the mail cannot be written, then the order still moves and the failure is logged', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Paul Panne', `paul.${Date.now()}@example.fr`);
    const { order } = await paidOrder(t, c, centreId);
    await t.server.mailIdle();
    // From now on every new row is refused by the database (existing rows stay valid).
    await sql(t, 'ALTER TABLE mail_queue ADD CONSTRAINT refuse_new_mail CHECK (false) NOT VALID');
    try {
      const res = await staff.post(`/api/staff/orders/${order.id}/status`, { status: 'canceled', note: 'Test' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'canceled');
      const mine = await c.get(`/api/orders/${order.id}`);
      assert.equal(mine.body.status, 'canceled');
      assert.equal(mine.body.payment!.status, 'refunded');
    } finally {
      await sql(t, 'ALTER TABLE mail_queue DROP CONSTRAINT refuse_new_mail');
    }
    const rows = await sql<{ subject: string }>(t, 'SELECT subject FROM mail_queue WHERE to_address = $1', [me.email]);
    assert.equal(rows.length, 1, 'only the paid mail, written before');
    const logged = log.lines.find((l) => l.msg === 'order mail not queued' && l.orderId === order.id);
    assert.ok(logged, 'the lost mail is logged as an error');
  });

  test('when a password reset is asked, then the mail carries a working single-use link to the shop', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Rita Reset', `rita.${Date.now()}@example.fr`, 'ancien-mot-de-passe');
    const ask = await new ApiClient(t.url).post('/api/auth/password/forgot', { email: me.email.toUpperCase() });
    assert.equal(ask.status, 202);
    const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email) && /mot de passe/i.test(m.subject), 'reset mail');
    assert.equal(mail.subject, 'Réinitialisation de votre mot de passe Panier Solidaire');
    const link = /(http\S+\/reset-password\?token=\S+)/.exec(mail.text)?.[1];
    assert.ok(link, mail.text);
    assert.ok(link.startsWith(`http://localhost:${t.server.port}/reset-password?token=`));
    const token = new URL(link).searchParams.get('token')!;
    assert.ok(mail.html.includes(`token=${token}`));
    const reset = await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'nouveau-mot-de-passe' });
    assert.equal(reset.status, 200);
    assert.equal((await new ApiClient(t.url).login(me.email, 'nouveau-mot-de-passe')).status, 200);
    assert.equal((await new ApiClient(t.url).login(me.email, 'ancien-mot-de-passe')).status, 401);
  });

  test('when the association’s details are set, then every mail is signed with its name, address and contact instead of a generic team', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Sacha Signature', `sacha.${Date.now()}@example.fr`);
    /** Asks for a password reset and waits for that mail (a new one: earlier ones are skipped). */
    const resetMail = async () => {
      const before = smtp.received.length;
      assert.equal((await new ApiClient(t.url).post('/api/auth/password/forgot', { email: me.email })).status, 202);
      return smtp.waitFor((m) => smtp.received.indexOf(m) >= before && m.rcptTo.includes(me.email) && /mot de passe/i.test(m.subject), 'reset mail');
    };
    // Out of the box the association is only named (its default name): that is the footer.
    const plain = await resetMail();
    assert.match(plain.text, /\n-- \nPanier Solidaire\n?$/);
    assert.doesNotMatch(plain.text, /L’équipe Panier Solidaire/);

    const admin = await signedIn(t.url, DEMO.admin);
    const set = await admin.put('/api/admin/association', {
      name: 'Les Amis <du> Panier & Co',
      address: '12 rue des Lilas',
      postcode: '75020',
      city: 'Paris',
      contactEmail: 'contact@amis-du-panier.fr',
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const footer = '-- \nLes Amis <du> Panier & Co\n12 rue des Lilas, 75020 Paris\ncontact@amis-du-panier.fr';

    // A queued order mail and a direct one (a password reset) alike, in text and in HTML (escaped).
    const { order } = await paidOrder(t, c, centreId);
    const paid = await smtp.waitFor((m) => m.rcptTo.includes(me.email) && m.subject.includes(order.number), 'paid mail');
    for (const mail of [paid, await resetMail()]) {
      assert.ok(mail.text.trimEnd().endsWith(footer), mail.text);
      assert.match(
        mail.html,
        /Les Amis &#60;du&#62; Panier &#38; Co<br>12 rue des Lilas, 75020 Paris<br><a href="mailto:contact@amis-du-panier.fr">contact@amis-du-panier.fr<\/a>/,
      );
      assert.doesNotMatch(mail.html, /<du>/);
    }
    assert.match(paid.text, /Merci pour votre solidarité,\n/);
  });
});

describe('mail outbox (no SMTP_URL), on the embedded PGlite driver', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ driver: 'pglite' });
  });
  after(() => t.close());

  /** The .eml files of the outbox once `count` are there (the mail is written in the background). */
  async function outbox(count: number): Promise<string[]> {
    const dir = path.join(t.dataDir, 'outbox');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
      if (files.length >= count) return files.map((f) => path.join(dir, f));
      if (Date.now() > deadline) throw new Error(`outbox holds ${files.length} files, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  test('when no SMTP server is configured, then each mail is an .eml file under DATA_DIR/outbox, and deleting the account removes them and their queue rows', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Olga Outbox', 'olga.outbox@example.fr', 'ancien-mot-de-passe');
    assert.equal((await c.post('/api/auth/password/forgot', { email: me.email })).status, 202);
    // The sign-up's verification mail and the reset mail, in whichever order they were written.
    const written = await Promise.all((await outbox(2)).map(async (f) => ({ eml: await readFile(f), mail: await simpleParser(await readFile(f)) })));
    const verification = written.find((w) => w.mail.subject === 'Confirmez votre adresse e-mail pour Panier Solidaire');
    assert.match(String(verification?.mail.html), /<a href="http:\/\/localhost:\d+\/verify-email\?token=/);
    const reset = written.find((w) => w.mail.subject === 'Réinitialisation de votre mot de passe Panier Solidaire');
    assert.ok(reset);
    const eml = reset.eml;
    assert.match(eml.toString('utf8'), /^To: Olga Outbox <olga\.outbox@example\.fr>$/m);
    // A real message any mail client opens: parsed back, it says what was sent.
    const parsed = reset.mail;
    assert.match(String(parsed.html), /<a href="http:\/\/localhost:\d+\/reset-password\?token=/);
    const token = /reset-password\?token=([\w-]{43})/.exec(parsed.text ?? '')?.[1];
    assert.ok(token);

    // The rest of the flow runs on PGlite too: reset, order, paid mail, deletion.
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/reset', { token, password: 'nouveau-mot-de-passe' })).status, 200);
    assert.equal((await c.get('/api/auth/me')).status, 401);
    assert.equal((await c.login(me.email, 'nouveau-mot-de-passe')).status, 200);
    const centreId = await firstCentreId(t);
    const p = await productWithStock(t, 2);
    const placed = await c.post('/api/orders', { centreId, items: [{ productId: p.id, quantity: 1 }] });
    assert.equal((await c.post(`/api/payments/demo/${placed.body.order.id}`, { outcome: 'succeeded' })).status, 200);
    const paidMail = await simpleParser(await readFile((await outbox(3))[2]!));
    assert.equal(paidMail.subject, `Commande ${placed.body.order.number} confirmée et payée`);
    // The order mail went through the queue: marked sent, bodies cleared. The reset mail
    // (a live token) was never stored.
    await t.server.mailIdle();
    const queued = () =>
      t.server.db.query<{ subject: string; sent_at: Date | null; text_body: string | null; html_body: string | null }>(
        'SELECT subject, sent_at, text_body, html_body FROM mail_queue WHERE to_address = $1',
        [me.email],
      );
    const [row, ...others] = (await queued()).rows;
    assert.deepEqual(others, []);
    assert.equal(row!.subject, paidMail.subject);
    assert.ok(row!.sent_at instanceof Date);
    assert.equal(row!.text_body, null);
    assert.equal(row!.html_body, null);

    assert.equal((await c.request('DELETE', '/api/account', { password: 'nouveau-mot-de-passe' })).status, 204);
    const [order] = (
      await t.server.db.query<{ user_id: string | null; total_cents: number }>('SELECT user_id, total_cents FROM orders WHERE id = $1', [placed.body.order.id])
    ).rows;
    assert.equal(order!.user_id, null);
    assert.equal(order!.total_cents, placed.body.order.totalCents);
    assert.deepEqual(await readdir(path.join(t.dataDir, 'outbox')), []);
    assert.deepEqual((await queued()).rows, []);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../src/shared/clock.ts';
import { MAIL_RETRY } from '../src/modules/mail/index.ts';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { ApiClient } from './helpers/client.ts';
import { firstCentreId, paidOrder, sql } from './helpers/fixtures.ts';
import { LocalSmtp } from './helpers/smtp.ts';
import { capturingLogger } from './helpers/logs.ts';

/** A sign-up also mails an email-verification link: these tests are about the other mails. */
const notVerification = (m: object) => !/^(Confirmez votre adresse|Confirm your email)/.test(String((m as { subject?: unknown }).subject ?? ''));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.fr`;

interface QueueRow {
  id: string;
  subject: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  given_up_at: Date | null;
  text_body: string | null;
  html_body: string | null;
}
const QUEUE_ROWS = `SELECT id, subject, attempts, next_attempt_at, last_error, sent_at, given_up_at, text_body, html_body
                      FROM mail_queue WHERE to_address = $1 ORDER BY created_at`;

/**
 * Order mails are written to mail_queue and delivered by a worker through the real SMTP
 * server of the test process; the test clock stands in for waiting until a retry is due.
 */
describe('durable mail queue: SMTP down, retries, giving up', () => {
  let t: TestServer;
  let smtp: LocalSmtp;
  let centreId: string;
  const clock = new ManualClock();
  const log = capturingLogger();
  const rowsFor = (email: string) => sql<QueueRow>(t, QUEUE_ROWS, [email]);

  before(async () => {
    smtp = await LocalSmtp.start();
    t = await startTestServer({ clock, logger: log.logger, env: { SMTP_URL: smtp.url } });
    centreId = await firstCentreId(t);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('when the SMTP server is down while an order is paid, then the mail is kept with its error and reaches the customer exactly once when the server is back', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Sam Panne', unique('sam'));
    await smtp.down();
    let order;
    try {
      ({ order } = await paidOrder(t, c, centreId));
      await t.server.mailIdle();
      const [row, ...others] = await rowsFor(me.email);
      assert.deepEqual(others, []);
      assert.equal(row!.subject, `Commande ${order.number} confirmée et payée`);
      assert.equal(row!.attempts, 1);
      assert.match(row!.last_error ?? '', /ECONNREFUSED/);
      assert.equal(row!.sent_at, null);
      assert.equal(row!.given_up_at, null);
      assert.equal(row!.next_attempt_at.getTime(), clock.now().getTime() + MINUTE);
      assert.ok(row!.text_body?.includes(order.number));
      const warned = log.lines.find((l) => notVerification(l) && l.to === me.email);
      assert.equal(warned?.msg, 'mail not sent, will retry');
      assert.ok(!JSON.stringify(warned).includes(order.centre.address), 'no mail body in the logs');
    } finally {
      await smtp.up();
    }

    // The server is back, but the retry time has not come: nothing goes out yet.
    await t.server.deliverMail();
    assert.deepEqual(smtp.to(me.email).filter(notVerification), []);

    clock.advance(MINUTE);
    await t.server.deliverMail();
    const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email), 'paid mail after the retry');
    assert.equal(mail.subject, `Commande ${order.number} confirmée et payée`);
    assert.match(mail.text, /Bonjour Sam Panne/);

    // Sent once: later runs leave it alone, and the row keeps no body.
    clock.advance(HOUR);
    await t.server.deliverMail();
    await t.server.mailIdle();
    assert.equal(smtp.to(me.email).filter(notVerification).length, 1);
    const [row] = await rowsFor(me.email);
    assert.equal(row!.attempts, 2);
    assert.ok(row!.sent_at instanceof Date);
    assert.equal(row!.text_body, null);
    assert.equal(row!.html_body, null);
  });

  test('when every attempt is refused, then the mail is given up after the last one, logged as an error and not tried again', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Gaby Abandon', unique('gaby'));
    smtp.refusing = true;
    try {
      await paidOrder(t, c, centreId);
      await t.server.mailIdle();
      assert.equal((await rowsFor(me.email))[0]!.attempts, 1);
      // Each retry is due within the hour (1 min, 2, 4… capped at 1 h): one attempt per hour moved.
      for (let attempt = 2; attempt <= MAIL_RETRY.maxAttempts; attempt++) {
        clock.advance(HOUR);
        await t.server.deliverMail();
        await t.server.mailIdle();
        const [row] = await rowsFor(me.email);
        assert.equal(row!.attempts, attempt);
        assert.equal(row!.given_up_at === null, attempt < MAIL_RETRY.maxAttempts, `given up after attempt ${attempt}?`);
      }
      const [row] = await rowsFor(me.email);
      assert.match(row!.last_error ?? '', /421/);
      assert.equal(row!.sent_at, null);
      const error = log.lines.find((l) => notVerification(l) && l.to === me.email && l.level === 50);
      assert.equal(error?.msg, `mail given up after ${MAIL_RETRY.maxAttempts} attempts`);
      assert.match(error?.error ?? '', /421/);
    } finally {
      smtp.refusing = false;
    }

    // The server accepts mail again, time passes: a given-up mail stays given up.
    clock.advance(2 * HOUR);
    await t.server.deliverMail();
    await t.server.mailIdle();
    assert.deepEqual(smtp.to(me.email).filter(notVerification), []);
    assert.equal((await rowsFor(me.email))[0]!.attempts, MAIL_RETRY.maxAttempts);
  });

  test('when an account is deleted while its mails wait in the queue, then they are deleted and never sent', async () => {
    const c = new ApiClient(t.url);
    const me = await c.register('Noé Oubli', unique('noe'), 'mot-de-passe-noe');
    await smtp.down();
    try {
      await paidOrder(t, c, centreId);
      await t.server.mailIdle();
      assert.equal((await rowsFor(me.email)).length, 1);
      assert.equal((await c.request('DELETE', '/api/account', { password: 'mot-de-passe-noe' })).status, 204);
      assert.deepEqual(await rowsFor(me.email), []);
    } finally {
      await smtp.up();
    }
    clock.advance(HOUR);
    await t.server.deliverMail();
    await t.server.mailIdle();
    assert.deepEqual(smtp.to(me.email).filter(notVerification), []);
  });
});

// Several nodes on one database exist only with PostgreSQL (PGlite is one process's own
// folder): this describe stays on PostgreSQL in both halves of the driver matrix.
describe('durable mail queue on two PostgreSQL nodes', () => {
  let t: TestServer;
  let smtp: LocalSmtp;
  let centreId: string;
  const clock = new ManualClock();

  before(async () => {
    smtp = await LocalSmtp.start();
    t = await startTestServer({ driver: 'pg', clock, env: { SMTP_URL: smtp.url } });
    centreId = await firstCentreId(t);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('when two server nodes share the database, then each queued mail is sent once', async () => {
    const other = await startTestServer({ driver: 'pg', clock, env: { SMTP_URL: smtp.url, DATABASE_URL: t.databaseUrl! } });
    try {
      const nodes = [t, other];
      const emails: string[] = [];
      await smtp.down();
      try {
        // A backlog built while the server is down, queued through both nodes.
        for (let i = 0; i < 10; i++) {
          const node = nodes[i % 2]!;
          const c = new ApiClient(node.url);
          const me = await c.register(`Duo ${i}`, unique(`duo${i}`));
          emails.push(me.email);
          await paidOrder(node, c, centreId);
        }
        await Promise.all(nodes.map((n) => n.server.mailIdle()));
      } finally {
        await smtp.up();
      }
      clock.advance(HOUR);
      // Both nodes work through the same backlog at the same moment.
      const sent = await Promise.all(nodes.map((n) => n.server.deliverMail()));
      await Promise.all(nodes.map((n) => n.server.mailIdle()));
      for (const email of emails) assert.equal(smtp.to(email).filter(notVerification).length, 1, `mails received by ${email}`);
      assert.equal(
        sent.reduce((a, b) => a + b, 0),
        emails.length,
        `each mail counted by exactly one node (${sent.join(' + ')})`,
      );
      const unsent = await sql(t, 'SELECT to_address FROM mail_queue WHERE to_address = ANY($1) AND sent_at IS NULL', [emails]);
      assert.deepEqual(unsent, []);
    } finally {
      await other.close();
    }
  });
});

describe('durable mail queue on the embedded PGlite driver, across a restart', () => {
  test('when a mail is still queued as the server stops, then the next start sends it', async () => {
    const smtp = await LocalSmtp.start();
    const clock = new ManualClock();
    await smtp.down();
    const first = await startTestServer({ driver: 'pglite', clock, env: { SMTP_URL: smtp.url } });
    let second: TestServer | undefined;
    try {
      const c = new ApiClient(first.url);
      const me = await c.register('Rémi Redémarrage', unique('remi'));
      const { order } = await paidOrder(first, c, await firstCentreId(first));
      await first.server.mailIdle();
      const [queued] = (await first.server.db.query<QueueRow>(QUEUE_ROWS, [me.email])).rows;
      assert.equal(queued!.attempts, 1);
      assert.equal(queued!.sent_at, null);
      await first.server.close();

      // Same data folder, the mail server is back and the retry is due: the start sends it.
      await smtp.up();
      clock.advance(MINUTE);
      second = await startTestServer({ driver: 'pglite', clock, env: { SMTP_URL: smtp.url, DATA_DIR: first.dataDir } });
      // Sooner than the worker's timer (MAIL_RETRY.intervalMs): the start itself sent it.
      const mail = await smtp.waitFor((m) => notVerification(m) && m.rcptTo.includes(me.email), 'mail queued before the restart', MAIL_RETRY.intervalMs * 0.66);
      assert.equal(mail.subject, `Commande ${order.number} confirmée et payée`);
      await second.server.mailIdle();
      const [row] = (await second.server.db.query<QueueRow>(QUEUE_ROWS, [me.email])).rows;
      assert.equal(row!.id, queued!.id);
      assert.ok(row!.sent_at instanceof Date);
      assert.equal(smtp.to(me.email).filter(notVerification).length, 1);
    } finally {
      await second?.close();
      await first.close();
      await smtp.close();
    }
  });
});

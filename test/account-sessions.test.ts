import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverWithMailForSuite } from './helpers/suite.ts';
import { ApiClient, asError } from './helpers/client.ts';
import { sql } from './helpers/fixtures.ts';
import { connectSocket, disconnectedByServer, type ClientSocket } from './helpers/sockets.ts';
import { ManualClock } from '../src/shared/clock.ts';
import type { AccountSession } from '../src/contract/index.ts';

const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.fr`;
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const LAPTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** A client that sends its own User-Agent on every request, like a browser. */
class Device extends ApiClient {
  constructor(
    baseUrl: string,
    readonly userAgent: string,
  ) {
    super(baseUrl);
  }
  override request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return super.request<T>(method, path, body, { 'user-agent': this.userAgent, ...headers });
  }
}

describe('account sessions', () => {
  const clock = new ManualClock();
  const t = serverWithMailForSuite({ clock });
  const sockets: ClientSocket[] = [];
  after(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  const socketOf = async (c: ApiClient) => {
    const s = await connectSocket(t.url, c.cookieHeader);
    sockets.push(s);
    return s;
  };

  /** One person signed in on a laptop and a phone (and more devices when asked). */
  async function personOnDevices(n = 2) {
    const email = unique('devices');
    const laptop = new Device(t.url, LAPTOP_UA);
    const me = await laptop.register('Alix Appareils', email, 'motdepasse-solide');
    const others: Device[] = [];
    for (let i = 1; i < n; i++) {
      const d = new Device(t.url, i === 1 ? PHONE_UA : `${PHONE_UA} #${i}`);
      assert.equal((await d.login(email, 'motdepasse-solide')).status, 200);
      others.push(d);
    }
    return { me, laptop, others };
  }

  test('when a person lists their sessions, then each live one is there with its device and dates, the current one marked, and no token', async () => {
    const { me, laptop, others } = await personOnDevices(2);
    const stranger = new ApiClient(t.url);
    await stranger.register('Autre Personne', unique('autre'));

    const res = await laptop.get<AccountSession[]>('/api/account/sessions');
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 2);
    const [current, phone] = res.body;
    assert.equal(current!.current, true);
    assert.equal(current!.userAgent, LAPTOP_UA);
    assert.equal(phone!.current, false);
    assert.equal(phone!.userAgent, PHONE_UA);
    for (const s of res.body) {
      assert.match(s.id, /^[0-9a-f-]{36}$/);
      assert.ok(!Number.isNaN(Date.parse(s.createdAt)) && !Number.isNaN(Date.parse(s.lastSeenAt)));
      assert.deepEqual(Object.keys(s).sort(), ['createdAt', 'current', 'id', 'lastSeenAt', 'userAgent']);
    }
    // Neither the cookie's token nor the stored hash appears anywhere in the answer.
    const tokens = [laptop, others[0]!].map((c) => /ps_session=([^;]+)/.exec(c.cookieHeader)![1]!);
    const hashes = (await sql<{ token_hash: string }>(t, 'SELECT token_hash FROM sessions WHERE user_id = $1', [me.id])).map((r) => r.token_hash);
    const raw = JSON.stringify(res.body);
    for (const secret of [...tokens, ...hashes]) assert.ok(!raw.includes(secret), 'a session secret leaked into the list');
    // The phone sees the same sessions, its own marked current.
    const fromPhone = await others[0]!.get<AccountSession[]>('/api/account/sessions');
    assert.equal(fromPhone.body.find((s) => s.current)?.id, phone!.id);
    // Another person's sessions are not listed; signed out, the list is refused.
    assert.ok(!(await stranger.get<AccountSession[]>('/api/account/sessions')).body.some((s) => s.id === phone!.id));
    assert.equal((await new ApiClient(t.url).get('/api/account/sessions')).status, 401);
  });

  test('when a session is used again, then its last use is noted at most once a minute', async () => {
    const { laptop } = await personOnDevices(1);
    const seen = async () => (await laptop.get<AccountSession[]>('/api/account/sessions')).body[0]!.lastSeenAt;
    const first = await seen();
    clock.advance(30_000);
    assert.equal(await seen(), first, 'noted again within the minute');
    clock.advance(31_000);
    await laptop.get('/api/auth/me');
    const later = await seen();
    assert.ok(Date.parse(later) > Date.parse(first), `last use ${later} should be after ${first}`);
  });

  test('when a person ends another session, then it no longer opens anything and its open socket is cut', async () => {
    const { laptop, others } = await personOnDevices(2);
    const phone = others[0]!;
    const phoneSocket = await socketOf(phone);
    const laptopSocket = await socketOf(laptop);
    const list = (await laptop.get<AccountSession[]>('/api/account/sessions')).body;
    const phoneSession = list.find((s) => !s.current)!;

    const cut = disconnectedByServer(phoneSocket);
    const res = await laptop.delete(`/api/account/sessions/${phoneSession.id}`);
    assert.equal(res.status, 204);
    assert.equal(await cut, 'io server disconnect');
    assert.equal((await phone.get('/api/auth/me')).status, 401);
    assert.equal((await laptop.get('/api/auth/me')).status, 200);
    assert.ok(laptopSocket.connected, 'the laptop’s own socket stays');
    assert.deepEqual(
      (await laptop.get<AccountSession[]>('/api/account/sessions')).body.map((s) => s.current),
      [true],
    );
    // Once ended, the id names nothing: 404, as for an id that never was or is not a UUID.
    assert.equal((await laptop.delete(`/api/account/sessions/${phoneSession.id}`)).status, 404);
    assert.equal((await laptop.delete('/api/account/sessions/pas-un-id')).status, 404);
  });

  test('when a person tries to end someone else’s session, then it is 404 and the session lives on', async () => {
    const { others } = await personOnDevices(2);
    const victimSession = (await others[0]!.get<AccountSession[]>('/api/account/sessions')).body.find((s) => s.current)!;
    const attacker = new ApiClient(t.url);
    await attacker.register('Curieux', unique('curieux'));
    assert.equal((await attacker.delete(`/api/account/sessions/${victimSession.id}`)).status, 404);
    assert.equal((await others[0]!.get('/api/auth/me')).status, 200);
  });

  test('when a person ends every other session, then only the current one stays and the others’ sockets are cut', async () => {
    const { laptop, others } = await personOnDevices(3);
    const [phone, tablet] = others as [Device, Device];
    const laptopSocket = await socketOf(laptop);
    const cuts = [disconnectedByServer(await socketOf(phone)), disconnectedByServer(await socketOf(tablet))];

    assert.equal((await laptop.post('/api/account/sessions/end-others')).status, 204);
    assert.deepEqual(await Promise.all(cuts), ['io server disconnect', 'io server disconnect']);
    assert.equal((await phone.get('/api/auth/me')).status, 401);
    assert.equal((await tablet.get('/api/auth/me')).status, 401);
    assert.equal((await laptop.get('/api/auth/me')).status, 200);
    assert.ok(laptopSocket.connected, 'the current session’s socket stays');
    const left = (await laptop.get<AccountSession[]>('/api/account/sessions')).body;
    assert.deepEqual(
      left.map((s) => [s.current, s.userAgent]),
      [[true, LAPTOP_UA]],
    );
  });

  test('when a person changes their name and language, then the account says so and their mails follow the language', async () => {
    const { me, laptop } = await personOnDevices(1);
    const res = await laptop.patch('/api/account', { name: 'Alix Renommée', locale: 'en' });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.name, 'Alix Renommée');
    assert.equal(res.body.user.locale, 'en');
    const meNow = (await laptop.get('/api/auth/me')).body.user;
    assert.deepEqual([meNow.name, meNow.locale], ['Alix Renommée', 'en']);
    assert.equal((await laptop.patch('/api/account', { locale: 'de' })).status, 400);
    assert.equal((await laptop.patch('/api/account', { name: '' })).status, 400);

    // The reset link comes in English now, addressed by the new name.
    assert.equal((await new ApiClient(t.url).post('/api/auth/password/forgot', { email: me.email })).status, 202);
    const mail = await t.smtp.waitFor((m) => m.rcptTo.includes(me.email) && /password/i.test(m.subject), 'the reset mail in English');
    assert.equal(mail.subject, 'Reset your Panier Solidaire password');
    assert.match(mail.text, /^Hello Alix Renommée,/);
  });

  test('when a person changes their password, then the current one is required, the other sessions end with their sockets, and the new one signs in', async () => {
    const { me, laptop, others } = await personOnDevices(2);
    const phoneCut = disconnectedByServer(await socketOf(others[0]!));
    const wrong = await laptop.post('/api/account/password', { currentPassword: 'pas-le-bon', newPassword: 'nouveau-motdepasse-solide' });
    assert.equal(wrong.status, 400);
    assert.equal(asError(wrong).error.code, 'wrong_password');
    assert.equal((await others[0]!.get('/api/auth/me')).status, 200, 'a refused change ends nothing');

    const ok = await laptop.post('/api/account/password', { currentPassword: 'motdepasse-solide', newPassword: 'nouveau-motdepasse-solide' });
    assert.equal(ok.status, 200);
    assert.equal(await phoneCut, 'io server disconnect');
    assert.equal((await others[0]!.get('/api/auth/me')).status, 401);
    assert.equal((await laptop.get('/api/auth/me')).status, 200);
    assert.equal((await new ApiClient(t.url).login(me.email, 'motdepasse-solide')).status, 401);
    assert.equal((await new ApiClient(t.url).login(me.email, 'nouveau-motdepasse-solide')).status, 200);
  });
});

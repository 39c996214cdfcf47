import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/harness.ts';
import { serverForSuite } from './helpers/suite.ts';
import { ApiClient, asError } from './helpers/client.ts';
import { sql } from './helpers/fixtures.ts';
import { LocalOidcProvider, TestBrowser } from './helpers/oidc.ts';
import { LocalSmtp } from './helpers/smtp.ts';

/**
 * Sign-in with OpenID Connect, end to end: our server against a real provider
 * (oidc-provider) in the test process, the browser played by fetch with cookies,
 * following every redirect and posting the provider's login and consent forms.
 */
describe('OpenID Connect sign-in', () => {
  let t: TestServer;
  let idp: LocalOidcProvider;
  let smtp: LocalSmtp;
  let app: string;

  before(async () => {
    idp = await LocalOidcProvider.listen();
    smtp = await LocalSmtp.start();
    t = await startTestServer({
      env: {
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_LABEL: 'La Poste Connect',
        SMTP_URL: smtp.url,
      },
    });
    // The public URL the server builds its redirect URI from (PORT=0, no PUBLIC_URL).
    app = `http://localhost:${t.server.port}`;
    idp.configure({
      redirectUri: `${app}/api/auth/oidc/callback`,
      accounts: {
        'nina-sub': { email: 'nina.nouvelle@example.fr', email_verified: true, name: 'Nina Nouvelle', locale: 'en-GB' },
        'eric-sub': { email: 'Eric.Existant@Example.fr', email_verified: true, given_name: 'Éric', family_name: 'Existant' },
        'ursula-sub': { email: 'ursula@example.fr', email_verified: false, name: 'Ursula Nonverifiee' },
        'state-sub': { email: 'etat@example.fr', email_verified: true, name: 'Étienne État' },
        'abort-sub': { email: 'abandon@example.fr', email_verified: true, name: 'Abel Abandon' },
        'olivia-sub': { email: 'olivia.oidc@example.fr', email_verified: true, name: 'Olivia Oidc' },
        'victime-sub': { email: 'Victime.Vraie@example.fr', email_verified: true, name: 'Véra Victime' },
        'panier-sub': { email: 'paula.panier@example.fr', email_verified: true, name: 'Paula Panier' },
      },
    });
  });
  after(async () => {
    await t.close();
    await idp.close();
    await smtp.close();
  });

  /** Opens the verification link the sign-up mail carried to `email`. */
  async function verifyFromMail(email: string): Promise<void> {
    const mail = await smtp.waitFor((m) => m.rcptTo.includes(email) && /Confirmez votre adresse/.test(m.subject), 'verification mail');
    const token = new URL(/(http\S+\/verify-email\?token=\S+)/.exec(mail.text)![1]!).searchParams.get('token')!;
    const res = await new ApiClient(t.url).post('/api/auth/email/verify', { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }

  const isCallback = (u: string) => u.startsWith(`${app}/api/auth/oidc/callback`);

  /** Starts at our login route, signs in at the provider, and returns the callback URL the provider sends back. */
  async function throughProvider(browser: TestBrowser, login: string, next?: string): Promise<string> {
    const start = `${app}/api/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    return browser.signInAtProvider(start, login, isCallback);
  }

  async function me(browser: TestBrowser) {
    const res = await browser.request(`${app}/api/auth/me`);
    return {
      status: res.status,
      body: res.status === 200 ? ((await res.json()) as { user: { id: string; email: string; name: string; role: string; locale: string } }) : undefined,
    };
  }

  test('when OIDC is configured, then the providers list names it with its label', async () => {
    const res = await new ApiClient(t.url).get('/api/auth/providers');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [{ id: 'oidc', label: 'La Poste Connect' }]);
  });

  test('when sign-in starts, then the browser goes to the provider with the code flow, PKCE S256, state and nonce', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(`${app}/api/auth/oidc/login`);
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get('location')!);
    assert.equal(to.origin, idp.issuer);
    assert.equal(to.searchParams.get('response_type'), 'code');
    assert.equal(to.searchParams.get('client_id'), idp.clientId);
    assert.equal(to.searchParams.get('redirect_uri'), `${app}/api/auth/oidc/callback`);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.match(to.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((to.searchParams.get('state') ?? '').length >= 32);
    assert.ok((to.searchParams.get('nonce') ?? '').length >= 32);
    assert.match(to.searchParams.get('scope') ?? '', /\bopenid\b.*\bemail\b/);
    // What the callback must match stays on the server: the cookie holds only a random handle.
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ps_oidc='))!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\/api\/auth\/oidc/);
    assert.ok(!cookie.includes(to.searchParams.get('state')!));
  });

  test('when a new person signs in at the provider, then they get a customer account without password and a session', async () => {
    const browser = new TestBrowser();
    const callback = await throughProvider(browser, 'nina-sub');
    const res = await browser.request(callback);
    assert.equal(res.status, 302, await res.clone().text());
    assert.equal(res.headers.get('location'), '/');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('ps_session='));
    assert.ok(session);
    assert.match(session, /HttpOnly/i);

    const who = await me(browser);
    assert.equal(who.status, 200);
    assert.equal(who.body!.user.email, 'nina.nouvelle@example.fr');
    assert.equal(who.body!.user.name, 'Nina Nouvelle');
    assert.equal(who.body!.user.role, 'customer');
    assert.equal(who.body!.user.locale, 'en');
    const [row] = await sql(t, 'SELECT password_hash FROM users WHERE id = $1', [who.body!.user.id]);
    assert.equal(row.password_hash, null);
    const ids = await sql(t, 'SELECT issuer, subject FROM user_identities WHERE user_id = $1', [who.body!.user.id]);
    assert.deepEqual(ids, [{ issuer: idp.issuer, subject: 'nina-sub' }]);

    // Signing in again finds the same account through the linked identity.
    const again = new TestBrowser();
    await again.request(await throughProvider(again, 'nina-sub'));
    assert.equal((await me(again)).body!.user.id, who.body!.user.id);
  });

  test('when a person with a verified password account signs in with the same verified email, then the accounts are linked (same user id)', async () => {
    const c = new ApiClient(t.url);
    const existing = await c.register('Éric Existant', 'eric.existant@example.fr', 'mot-de-passe-eric');
    await verifyFromMail('eric.existant@example.fr');
    const browser = new TestBrowser();
    const res = await browser.request(await throughProvider(browser, 'eric-sub', '/account'));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/account');
    const who = await me(browser);
    assert.equal(who.body!.user.id, existing.id);
    assert.equal(who.body!.user.role, 'customer');
    const [count] = await sql(t, "SELECT count(*)::int AS n FROM users WHERE lower(email) = 'eric.existant@example.fr'");
    assert.equal(count.n, 1);
    // The password still works too, and the session that signed up is still open.
    assert.equal((await new ApiClient(t.url).login('eric.existant@example.fr', 'mot-de-passe-eric')).status, 200);
    assert.equal((await c.get('/api/auth/me')).status, 200);
  });

  test('when an attacker signed up first with the victim’s address, then the victim’s provider sign-in takes the account and the attacker’s password and sessions stop working', async () => {
    // The attacker registers the victim's address with a password of their own, and keeps two sessions.
    const attacker = new ApiClient(t.url);
    const planted = await attacker.register('Attaquant Masqué', 'victime.vraie@example.fr', 'mot-de-passe-attaquant');
    const attackerLaptop = new ApiClient(t.url);
    assert.equal((await attackerLaptop.login('victime.vraie@example.fr', 'mot-de-passe-attaquant')).status, 200);
    assert.equal((await attacker.get('/api/auth/me')).body.user.emailVerified, false);

    // The victim, who owns the address, later signs in with the provider (email_verified: true).
    const victim = new TestBrowser();
    const res = await victim.request(await throughProvider(victim, 'victime-sub', '/account'));
    assert.equal(res.status, 302, await res.clone().text());
    const who = await me(victim);
    assert.equal(who.status, 200);
    assert.equal(who.body!.user.id, planted.id, 'the victim keeps the account of their address');
    assert.equal(who.body!.user.name, 'Véra Victime');
    assert.equal((who.body!.user as unknown as { emailVerified: boolean }).emailVerified, true);

    // The attacker is out: their sessions are dead and their password no longer opens the account.
    assert.equal((await attacker.get('/api/auth/me')).status, 401);
    assert.equal((await attackerLaptop.get('/api/orders')).status, 401);
    const retry = await new ApiClient(t.url).login('victime.vraie@example.fr', 'mot-de-passe-attaquant');
    assert.equal(retry.status, 401);
    assert.equal(asError(retry).error.code, 'invalid_credentials');
    const summary = (await (await victim.request(`${app}/api/account`)).json()) as {
      hasPassword: boolean;
      identities: unknown[];
      user: { emailVerified: boolean };
    };
    assert.equal(summary.hasPassword, false);
    assert.equal(summary.identities.length, 1);
    assert.equal(summary.user.emailVerified, true);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [planted.id]))[0].n, 1, 'only the victim’s session is left');
  });

  test('when a guest with a cart signs in at the provider, then the guest cart joins the account on the next cart request', async () => {
    const browser = new TestBrowser();
    const products = (await (await fetch(`${app}/api/products?pageSize=50`)).json()) as { items: Array<{ id: string; stock: number }> };
    const p = products.items.find((i) => i.stock >= 2)!;
    assert.equal((await browser.request(`${app}/api/cart/items/${p.id}`, { method: 'PUT', json: { quantity: 2 } })).status, 200);
    const res = await browser.request(await throughProvider(browser, 'panier-sub'));
    assert.equal(res.status, 302);
    const cart = (await (await browser.request(`${app}/api/cart`)).json()) as { items: Array<{ productId: string; quantity: number }> };
    assert.deepEqual(
      cart.items.map((i) => [i.productId, i.quantity]),
      [[p.id, 2]],
    );
    // The account holds it now: another device signed in to the same account sees it.
    const phone = new TestBrowser();
    await phone.request(await throughProvider(phone, 'panier-sub'));
    const there = (await (await phone.request(`${app}/api/cart`)).json()) as { items: Array<{ productId: string }> };
    assert.deepEqual(
      there.items.map((i) => i.productId),
      [p.id],
    );
  });

  test('when the state sent back is wrong, then the sign-in is refused on a clear page and no session opens', async () => {
    const browser = new TestBrowser();
    const callback = new URL(await throughProvider(browser, 'state-sub'));
    const genuine = callback.href;
    callback.searchParams.set('state', 'etat-falsifie-par-un-attaquant');
    const res = await browser.request(callback.href);
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const page = await res.text();
    assert.match(page, /La connexion n’a pas abouti/);
    assert.match(page, /href="\/login"/);
    assert.doesNotMatch(page, /<script|style=|Error:|at .*\.ts/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(res.headers.getSetCookie().filter((c) => c.startsWith('ps_session=')).length, 0);
    assert.equal((await me(browser)).status, 401);
    // The sign-in in progress was used up: even the genuine answer is refused now.
    const replay = await browser.request(genuine);
    assert.equal(replay.status, 400);
    assert.equal((await me(browser)).status, 401);
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM users WHERE email = 'etat@example.fr'"))[0].n, 0);
  });

  test('when the callback comes back in a browser that did not start the sign-in, then it is refused (login CSRF)', async () => {
    const attacker = new TestBrowser();
    const callback = await throughProvider(attacker, 'state-sub');
    const victim = new TestBrowser();
    const res = await victim.request(callback);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /expiré ou a déjà servi/);
    assert.equal((await me(victim)).status, 401);
  });

  test('when the provider does not vouch for the email, then no account is linked or created', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(await throughProvider(browser, 'ursula-sub'));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /n’a pas confirmé votre adresse e-mail/);
    assert.equal((await me(browser)).status, 401);
    assert.equal((await sql(t, "SELECT count(*)::int AS n FROM users WHERE email = 'ursula@example.fr'"))[0].n, 0);
  });

  test('when the person cancels at the provider, then the error ends on the clear page in their language', async () => {
    const browser = new TestBrowser();
    // Stop at the provider's login form and press its "cancel" link instead.
    let interaction = '';
    await browser.signInAtProvider(`${app}/api/auth/oidc/login`, 'abort-sub', (u) => {
      if (u.includes('/interaction/')) interaction = u;
      return u.includes('/interaction/');
    });
    const abort = await browser.request(`${interaction.replace(/\/$/, '')}/abort`);
    assert.ok(abort.status >= 300 && abort.status < 400);
    let location = new URL(abort.headers.get('location')!, interaction).href;
    while (!isCallback(location)) {
      const r = await browser.request(location);
      location = new URL(r.headers.get('location')!, location).href;
    }
    assert.equal(new URL(location).searchParams.get('error'), 'access_denied');
    const res = await browser.request(location, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /Sign-in did not complete/);
    assert.match(page, /refused or canceled/);
    assert.equal((await me(browser)).status, 401);
  });

  test('when an account made through the provider is deleted, then its email typed again confirms it, and the identity goes with it', async () => {
    const browser = new TestBrowser();
    await browser.request(await throughProvider(browser, 'olivia-sub'));
    const first = (await me(browser)).body!.user;
    const summary = (await (await browser.request(`${app}/api/account`)).json()) as { hasPassword: boolean; identities: unknown[] };
    assert.equal(summary.hasPassword, false);
    assert.equal(summary.identities.length, 1);
    // No password to change: the answer says to set one through "forgot password".
    const change = await browser.request(`${app}/api/account/password`, { method: 'POST', json: { currentPassword: 'x', newPassword: 'un-mot-de-passe' } });
    assert.equal(change.status, 400);
    assert.equal(((await change.json()) as { error: { details: { reason: string } } }).error.details.reason, 'no_password');

    const refused = await browser.request(`${app}/api/account`, { method: 'DELETE', json: { confirm: 'quelqu.un@example.fr' } });
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'confirmation_required');
    const res = await browser.request(`${app}/api/account`, { method: 'DELETE', json: { confirm: 'Olivia.OIDC@example.fr' } });
    assert.equal(res.status, 204);
    assert.equal((await me(browser)).status, 401);
    assert.equal((await sql(t, 'SELECT count(*)::int AS n FROM user_identities WHERE user_id = $1', [first.id]))[0].n, 0);
    // Signing in again later starts afresh: a new account.
    const again = new TestBrowser();
    await again.request(await throughProvider(again, 'olivia-sub'));
    const second = (await me(again)).body!.user;
    assert.notEqual(second.id, first.id);
  });

  test('when `next` points to another site, then the sign-in still ends in the shop', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(await throughProvider(browser, 'nina-sub', '//evil.example/steal'));
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/');
  });
});

describe('OpenID Connect pre-hijack, on the embedded PGlite driver', () => {
  let t: TestServer;
  let idp: LocalOidcProvider;
  let app: string;
  before(async () => {
    idp = await LocalOidcProvider.listen();
    t = await startTestServer({
      driver: 'pglite',
      env: { SEED_DEMO: 'false', OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret },
    });
    app = `http://localhost:${t.server.port}`;
    idp.configure({
      redirectUri: `${app}/api/auth/oidc/callback`,
      accounts: { 'paul-sub': { email: 'paul.proprio@example.fr', email_verified: true, name: 'Paul Proprio' } },
    });
  });
  after(async () => {
    await t.close();
    await idp.close();
  });

  test('when an attacker signed up first with the address, then the provider sign-in leaves the attacker neither session nor password', async () => {
    const attacker = new ApiClient(t.url);
    const planted = await attacker.register('Faux Paul', 'paul.proprio@example.fr', 'mot-de-passe-attaquant');
    const victim = new TestBrowser();
    const callback = await victim.signInAtProvider(`${app}/api/auth/oidc/login`, 'paul-sub', (u) => u.startsWith(`${app}/api/auth/oidc/callback`));
    assert.equal((await victim.request(callback)).status, 302);
    const who = (await (await victim.request(`${app}/api/auth/me`)).json()) as { user: { id: string; emailVerified: boolean } };
    assert.equal(who.user.id, planted.id);
    assert.equal(who.user.emailVerified, true);
    assert.equal((await attacker.get('/api/auth/me')).status, 401);
    assert.equal((await new ApiClient(t.url).login('paul.proprio@example.fr', 'mot-de-passe-attaquant')).status, 401);
  });
});

describe('OpenID Connect not configured', () => {
  const t = serverForSuite();

  test('when no provider is configured, then the list is empty and the OIDC routes do not exist', async () => {
    const c = new ApiClient(t.url);
    assert.deepEqual((await c.get('/api/auth/providers')).body, []);
    assert.equal((await c.get('/api/auth/oidc/login')).status, 404);
  });
});

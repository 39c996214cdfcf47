import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  locale?: string;
}

/**
 * A real OpenID Connect provider (the certified `oidc-provider` package) in the test
 * process, on a random port, with its development interactions (a login form taking any
 * login as the account id, then a consent form). Two steps, because the client's
 * redirect URI names the app's port, known only once the app started with this issuer:
 *   const idp = await LocalOidcProvider.listen();   // → idp.issuer for OIDC_ISSUER
 *   idp.configure({ redirectUri, accounts });
 */
export class LocalOidcProvider {
  readonly clientId = 'panier-solidaire';
  readonly clientSecret = 'secret-du-client-de-test-0123456789';
  readonly accounts = new Map<string, OidcAccount>();
  private provider: Provider | undefined;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async listen(): Promise<LocalOidcProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const idp = new LocalOidcProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      if (!idp.provider) {
        res.writeHead(503).end('not configured');
        return;
      }
      idp.provider.callback()(req, res);
    });
    return idp;
  }

  configure(opts: { redirectUri: string; accounts: Record<string, OidcAccount> }): void {
    for (const [id, a] of Object.entries(opts.accounts)) this.accounts.set(id, a);
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [opts.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...jwk, kid: 'test-key', use: 'sig', alg: 'RS256' } as never] },
      cookies: { keys: ['clé-des-cookies-du-fournisseur-de-test'] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name', 'locale'],
      },
      features: { devInteractions: { enabled: true } },
      ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      findAccount: async (_ctx, id) => {
        const account = this.accounts.get(id);
        if (!account) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...account }) };
      },
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A minimal browser over fetch: cookies per host (what a browser keeps for each site),
 * redirects followed by hand, HTML forms submitted as a person would.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let m = this.jar.get(host);
    if (!m) {
      m = new Map();
      this.jar.set(host, m);
    }
    return m;
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const jar = this.cookies(url);
    const headers: Record<string, string> = { 'accept-language': 'fr', ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone =
        value === '' || attrs.some((a) => /max-age=0\b/i.test(a.trim()) || (/^expires=/i.test(a.trim()) && Date.parse(a.trim().slice(8)) < Date.now()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` and submits the provider's forms (login, then consent)
   * until the next redirect would land on a URL for which `stop` is true; returns that URL
   * without requesting it. `login` is the account id typed into the login form.
   */
  async signInAtProvider(url: string, login: string, stop: (next: string) => boolean): Promise<string> {
    let next: { url: string; form?: Record<string, string> } = { url };
    for (let step = 0; step < 20; step++) {
      const res = await this.request(next.url, next.form ? { form: next.form } : {});
      if (res.status >= 300 && res.status < 400) {
        const location = new URL(res.headers.get('location')!, next.url).href;
        await res.arrayBuffer();
        if (stop(location)) return location;
        next = { url: location };
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
      next = submitFirstForm(html, next.url, { login, password: 'any-password' });
    }
    throw new Error('too many steps at the provider');
  }
}

/** The first form of a page, with its hidden fields and the visible ones we know how to fill. */
function submitFirstForm(html: string, pageUrl: string, values: Record<string, string>): { url: string; form: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input([^>]*)>/gi)) {
    const attr = (n: string) => new RegExp(`${n}="([^"]*)"`, 'i').exec(input[1]!)?.[1];
    const name = attr('name');
    if (!name) continue;
    fields[name] = attr('type') === 'hidden' ? (attr('value') ?? '') : (values[name] ?? attr('value') ?? '');
  }
  const action = form[1]!.replace(/&amp;/g, '&');
  return { url: new URL(action, pageUrl).href, form: fields };
}

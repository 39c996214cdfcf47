import type { ErrorAnswer, SignInAnswer, User } from '../../src/contract/index.ts';

/**
 * A small HTTP client that keeps its session cookie like a browser does, so one
 * instance is one person. Answers are parsed JSON when the server sent JSON.
 *
 * Name the answer with the contract's type: `get<Order>(…)`, `post<PlacedOrder>(…)`; a
 * refusal's body is the contract's ErrorAnswer (`asError(res)`). Left unnamed, the body is
 * untyped (`any`), for tests that look at malformed or foreign answers.
 */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The body of a refused request, typed as the contract's error shape. */
export const asError = (res: ApiResponse<unknown>): ErrorAnswer => res.body as ErrorAnswer;

export class ApiClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('application/json') ? await res.json() : await res.text();
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body ?? {}, headers);
  put = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PUT', path, body ?? {}, headers);
  patch = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('PATCH', path, body ?? {}, headers);
  delete = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('DELETE', path, undefined, headers);

  /** Registers a fresh customer and keeps the session. */
  async register(name = 'Test Client', email = `client-${Math.random().toString(36).slice(2)}@example.fr`, password = 'motdepasse-solide') {
    const res = await this.post<SignInAnswer>('/api/auth/register', { name, email, password });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body.user, password } satisfies User & { password: string };
  }

  async login(email: string, password: string) {
    return this.post<SignInAnswer>('/api/auth/login', { email, password });
  }
}

export const DEMO = {
  customer: { email: 'client@demo.panier-solidaire.fr', password: 'client-demo-2026' },
  staff: { email: 'equipe@demo.panier-solidaire.fr', password: 'equipe-demo-2026' },
  admin: { email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026' },
};

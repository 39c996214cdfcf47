import type { ErrorAnswer, FieldError, SignInAnswer, User } from '../../src/contract/index.ts';
import type { HttpMethod } from '../../src/contract/routes.ts';
import type { RouteAnswer } from './routes-typing.ts';

/**
 * A small HTTP client that keeps its session cookie like a browser does, so one
 * instance is one person. Answers are parsed JSON when the server sent JSON.
 *
 * The body is typed by the contract: the route of src/contract/routes.ts that the method and
 * path match gives the type of its success answer (`get(`/api/orders/${id}`)` answers an
 * Order), so a field renamed in the contract fails the type check of the tests that read it.
 * A refusal's body is the contract's ErrorAnswer (`asError(res)`). A type named at the call
 * (`get<Order>(…)`) wins; a path no route matches (a foreign or malformed request) leaves the
 * body untyped (`any`). `node scripts/untyped-bodies.mjs` counts those.
 */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The body of a named type, else the contract's answer for this method and path. */
type Body<T, M extends HttpMethod, P extends string> = [T] extends [never] ? RouteAnswer<M, P> : T;

/** The body of a refused request, typed as the contract's error shape. */
export const asError = (res: ApiResponse<unknown>): ErrorAnswer => res.body as ErrorAnswer;

/** The refused fields of a 400 validation_failed (the contract's `details`: FieldError[]). */
export const fieldErrors = (res: ApiResponse<unknown>): FieldError[] => asError(res).error.details as FieldError[];

/** An audit entry's `before` or `after` (the contract leaves their shape to each entity): its fields. */
export const recorded = (state: unknown): Record<string, unknown> => state as Record<string, unknown>;

/** The `details` of another refusal, in the shape its error code documents (src/shared/errors.ts). */
export const errorDetails = <T>(res: ApiResponse<unknown>): T => asError(res).error.details as T;

/**
 * fetch, sent once more when the pooled keep-alive connection it went out on had just been
 * closed by the server (its idle timer fired as the request left: the classic keep-alive race,
 * frequent when the PGlite half runs server and test in one busy event loop). The server
 * dropped the connection without reading the request, so nothing ran; browsers resend too.
 */
async function fetchOnFreshConnectionIfStale(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw err;
    return fetch(url, init);
  }
}

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
    const res = await fetchOnFreshConnectionIfStale(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' });
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

  get = <T = never, P extends string = string>(path: P, headers?: Record<string, string>) => this.request<Body<T, 'get', P>>('GET', path, undefined, headers);
  post = <T = never, P extends string = string>(path: P, body?: unknown, headers?: Record<string, string>) =>
    this.request<Body<T, 'post', P>>('POST', path, body ?? {}, headers);
  put = <T = never, P extends string = string>(path: P, body?: unknown, headers?: Record<string, string>) =>
    this.request<Body<T, 'put', P>>('PUT', path, body ?? {}, headers);
  patch = <T = never, P extends string = string>(path: P, body?: unknown, headers?: Record<string, string>) =>
    this.request<Body<T, 'patch', P>>('PATCH', path, body ?? {}, headers);
  delete = <T = never, P extends string = string>(path: P, headers?: Record<string, string>) =>
    this.request<Body<T, 'delete', P>>('DELETE', path, undefined, headers);

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

/** A client signed in as `who` (e.g. `DEMO.admin`); a refused sign-in fails the test set-up at once. */
export async function signedIn(baseUrl: string, who: { email: string; password: string }): Promise<ApiClient> {
  const c = new ApiClient(baseUrl);
  const res = await c.login(who.email, who.password);
  if (res.status !== 200) throw new Error(`${who.email} could not sign in: ${res.status} ${JSON.stringify(res.body)}`);
  return c;
}

export const DEMO = {
  customer: { email: 'client@demo.panier-solidaire.fr', password: 'client-demo-2026' },
  staff: { email: 'equipe@demo.panier-solidaire.fr', password: 'equipe-demo-2026' },
  admin: { email: 'admin@demo.panier-solidaire.fr', password: 'admin-demo-2026' },
};

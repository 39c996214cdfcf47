import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local HTTP server that answers the part of Stripe's API the server uses, the way
 * Stripe does (form-encoded requests, JSON answers, idempotency keys, error shapes):
 *   POST /v1/checkout/sessions            GET /v1/checkout/sessions/:id
 *   GET  /v1/checkout/sessions?payment_intent=…   POST /v1/checkout/sessions/:id/expire
 *   POST /v1/refunds
 * Every call is recorded for assertions. Helpers play the customer and the dashboard
 * (pay a session, refund from outside) and build the events Stripe would send;
 * `signature()` signs them with the SDK's own test helper.
 */

export interface StripeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The form body, parsed back into objects and arrays (values stay strings, as sent). */
  body: any;
  idempotencyKey?: string;
  /** True when Stripe would replay the first answer to this idempotency key. */
  replayed: boolean;
}

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  mode: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  payment_intent: string | null;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  expires_at: number;
  success_url: string;
  cancel_url: string;
  url: string | null;
  livemode: false;
  created: number;
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  refunded: boolean;
  currency: string;
  payment_intent: string;
  metadata: Record<string, string>;
  paid: true;
  status: 'succeeded';
  livemode: false;
  created: number;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const unix = () => Math.floor(Date.now() / 1000);

/** Parses `a[b][0][c]=v` form encoding (what the SDK sends) into nested objects and arrays. */
export function parseForm(text: string): any {
  const root: any = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= {};
    });
  }
  const arrays = (v: any): any => {
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    const out = keys.map((k) => [k, arrays(v[k])] as const);
    if (keys.length && keys.every((k, i) => k === String(i))) return out.map(([, x]) => x);
    return Object.fromEntries(out);
  };
  return arrays(root);
}

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; message: string; code?: string; param?: string },
  ) {
    super(error.message);
  }
}

export class FakeStripe {
  readonly calls: StripeCall[] = [];
  readonly sessions = new Map<string, FakeSession>();
  readonly charges = new Map<string, FakeCharge>();
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  private readonly failures: Array<{ method: string; path: RegExp; status: number; error: StripeHttpError['error'] }> = [];
  url = '';

  private constructor(
    private readonly server: Server,
    readonly secretKey: string,
  ) {}

  static async start(opts: { secretKey?: string } = {}): Promise<FakeStripe> {
    const server = createServer();
    const fake = new FakeStripe(server, opts.secretKey ?? 'sk_test_fake_panier_solidaire');
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  // --- what the tests look at -----------------------------------------------------------

  /** Calls made with this method whose path starts with `path` (query string excluded). */
  callsTo(method: string, path: string | RegExp): StripeCall[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  /** The next matching call answers with this error instead (once). */
  failNext(method: string, path: RegExp, status = 402, error: Partial<StripeHttpError['error']> = {}): void {
    this.failures.push({ method, path, status, error: { type: 'invalid_request_error', message: 'Simulated failure', ...error } });
  }

  session(sessionId: string): FakeSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    return s;
  }

  sessionFor(orderId: string): FakeSession {
    const s = [...this.sessions.values()].filter((x) => x.client_reference_id === orderId).at(-1);
    if (!s) throw new Error(`no session for order ${orderId}`);
    return s;
  }

  chargeOf(session: FakeSession): FakeCharge {
    const c = [...this.charges.values()].find((x) => x.payment_intent === session.payment_intent);
    if (!c) throw new Error(`no charge for ${session.id}`);
    return c;
  }

  // --- what the customer and the dashboard do ------------------------------------------

  /** The customer completes Checkout. `paid` false: a delayed method (the money comes later). */
  pay(sessionId: string, opts: { paid?: boolean } = {}): FakeSession {
    const s = this.session(sessionId);
    s.status = 'complete';
    s.payment_intent ??= id('pi');
    if (opts.paid === false) return structuredClone(s);
    s.payment_status = 'paid';
    if (![...this.charges.values()].some((c) => c.payment_intent === s.payment_intent)) {
      const charge: FakeCharge = {
        id: id('ch'),
        object: 'charge',
        amount: s.amount_total,
        amount_refunded: 0,
        refunded: false,
        currency: s.currency,
        payment_intent: s.payment_intent,
        metadata: {},
        paid: true,
        status: 'succeeded',
        livemode: false,
        created: unix(),
      };
      this.charges.set(charge.id, charge);
    }
    return structuredClone(s);
  }

  /** Someone refunds from the Stripe dashboard (no call from our server). */
  refundOutside(sessionId: string, amount?: number): FakeCharge {
    const charge = this.chargeOf(this.session(sessionId));
    this.applyRefund(charge, amount ?? charge.amount - charge.amount_refunded);
    return structuredClone(charge);
  }

  /** Stripe expires a session (its expires_at passed). */
  expire(sessionId: string): FakeSession {
    const s = this.session(sessionId);
    if (s.status === 'open') {
      s.status = 'expired';
      s.url = null;
    }
    return structuredClone(s);
  }

  /** An event as Stripe would post it. */
  event(type: string, object: object, eventId = id('evt')): { id: string; object: 'event'; type: string; [k: string]: unknown } {
    return {
      id: eventId,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: unix(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) },
    };
  }

  /** The `Stripe-Signature` header for a payload, made by the SDK's own helper. */
  static signature(payload: string, secret: string, timestamp?: number): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp === undefined ? {} : { timestamp }) });
  }

  // --- the API ------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const call: StripeCall = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseForm(raw),
      idempotencyKey: key,
      replayed: false,
    };
    this.calls.push(call);

    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...(key ? { 'idempotency-key': key } : {}) });
      res.end(body);
    };

    if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
      send(401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }));
      return;
    }
    const fingerprint = `${method} ${url.pathname} ${raw}`;
    if (key && method === 'POST') {
      const first = this.idempotent.get(key);
      if (first) {
        call.replayed = true;
        if (first.fingerprint !== fingerprint) {
          send(
            400,
            JSON.stringify({
              error: {
                type: 'idempotency_error',
                message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.',
              },
            }),
          );
        } else send(first.status, first.body);
        return;
      }
    }
    let status = 200;
    let body: string;
    try {
      const failure = this.failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
      if (failure >= 0) {
        const [f] = this.failures.splice(failure, 1);
        throw new StripeHttpError(f!.status, f!.error);
      }
      body = JSON.stringify(this.route(method, url, call.body));
    } catch (err) {
      if (!(err instanceof StripeHttpError)) throw err;
      status = err.status;
      body = JSON.stringify({ error: err.error });
    }
    // Stripe keeps the answer to a key, errors included, except for server errors.
    if (key && method === 'POST' && status < 500) this.idempotent.set(key, { fingerprint, status, body });
    send(status, body);
  }

  private route(method: string, url: URL, body: any): unknown {
    const p = url.pathname;
    if (method === 'POST' && p === '/v1/checkout/sessions') return this.createSession(body);
    if (method === 'GET' && p === '/v1/checkout/sessions') {
      const pi = url.searchParams.get('payment_intent');
      const data = [...this.sessions.values()].filter((s) => !pi || s.payment_intent === pi).reverse();
      const limit = Number(url.searchParams.get('limit') ?? 10);
      return { object: 'list', url: '/v1/checkout/sessions', has_more: data.length > limit, data: data.slice(0, limit) };
    }
    const session = p.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
    if (method === 'GET' && session) return this.existing(session[1]!);
    const expire = p.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/);
    if (method === 'POST' && expire) {
      const s = this.existing(expire[1]!);
      if (s.status !== 'open') {
        throw new StripeHttpError(400, {
          type: 'invalid_request_error',
          message: `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
        });
      }
      s.status = 'expired';
      s.url = null;
      return s;
    }
    if (method === 'POST' && p === '/v1/refunds') return this.createRefund(body);
    throw new StripeHttpError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${p}).` });
  }

  private existing(sessionId: string): FakeSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new StripeHttpError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such checkout.session: '${sessionId}'` });
    return s;
  }

  private createSession(body: any): FakeSession {
    const required = (cond: boolean, param: string, message: string) => {
      if (!cond) throw new StripeHttpError(400, { type: 'invalid_request_error', code: 'parameter_invalid', param, message });
    };
    required(body.mode === 'payment', 'mode', 'mode must be payment here');
    required(Array.isArray(body.line_items) && body.line_items.length > 0, 'line_items', 'line_items required');
    required(typeof body.success_url === 'string', 'success_url', 'success_url required');
    const now = unix();
    if (body.expires_at !== undefined) {
      const e = Number(body.expires_at);
      required(Number.isInteger(e), 'expires_at', 'expires_at must be an integer');
    }
    let total = 0;
    for (const [i, line] of (body.line_items as any[]).entries()) {
      const amount = Number(line.price_data?.unit_amount);
      const quantity = Number(line.quantity);
      required(line.price_data?.currency === 'eur', `line_items[${i}][price_data][currency]`, 'currency');
      required(Number.isInteger(amount) && amount >= 0, `line_items[${i}][price_data][unit_amount]`, 'unit_amount');
      required(Number.isInteger(quantity) && quantity >= 1, `line_items[${i}][quantity]`, 'quantity');
      required(typeof line.price_data?.product_data?.name === 'string', `line_items[${i}][price_data][product_data][name]`, 'name');
      total += amount * quantity;
    }
    // Stripe's minimum charge in euros.
    if (total < 50) {
      throw new StripeHttpError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_small',
        message: "The Checkout Session's total amount due must add up to at least €0.50 eur",
      });
    }
    const sessionId = id('cs');
    const session: FakeSession = {
      id: sessionId,
      object: 'checkout.session',
      mode: body.mode,
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      amount_subtotal: total,
      amount_total: total,
      currency: 'eur',
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      metadata: body.metadata ?? {},
      expires_at: body.expires_at !== undefined ? Number(body.expires_at) : now + 24 * 3600,
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      url: `${this.url}/c/pay/${sessionId}`,
      livemode: false,
      created: now,
    };
    this.sessions.set(sessionId, session);
    return session;
  }

  private createRefund(body: any) {
    const charge = [...this.charges.values()].find((c) => c.payment_intent === body.payment_intent);
    if (!charge) {
      throw new StripeHttpError(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'payment_intent',
        message: `No such payment_intent: '${body.payment_intent}'`,
      });
    }
    const amount = body.amount === undefined ? charge.amount - charge.amount_refunded : Number(body.amount);
    this.applyRefund(charge, amount);
    return {
      id: id('re'),
      object: 'refund',
      amount,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: charge.payment_intent,
      metadata: body.metadata ?? {},
      status: 'succeeded',
      created: unix(),
    };
  }

  private applyRefund(charge: FakeCharge, amount: number): void {
    if (charge.refunded) {
      throw new StripeHttpError(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${charge.id} has already been refunded.`,
      });
    }
    if (!Number.isInteger(amount) || amount <= 0 || amount > charge.amount - charge.amount_refunded) {
      throw new StripeHttpError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: 'Refund amount is greater than unrefunded amount on charge.',
      });
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
  }
}

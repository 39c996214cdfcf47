import Stripe from 'stripe';

export type StripeClient = Stripe;

/**
 * The official SDK, pointed at Stripe or, with `apiUrl` (STRIPE_API_URL), at another
 * server speaking its API: stripe-mock, or the test suite's local fake. Only the
 * scheme, host and port of that URL are used (the SDK's `protocol`, `host`, `port`).
 */
export function createStripeClient(opts: { secretKey: string; apiUrl?: string; timeoutMs?: number }): StripeClient {
  const target = opts.apiUrl ? new URL(opts.apiUrl) : undefined;
  const protocol = target?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(opts.secretKey, {
    // A retry reuses the request's idempotency key (ours, or one the SDK makes): never a double charge or refund.
    maxNetworkRetries: 2,
    // Refunds run inside the transaction that cancels the order: do not hold it for the SDK's default 80 s.
    timeout: opts.timeoutMs ?? 20_000,
    appInfo: { name: 'panier-solidaire' },
    ...(target
      ? {
          protocol,
          host: target.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: target.port ? Number(target.port) : protocol === 'http' ? 80 : 443,
        }
      : {}),
  });
}

/** An expandable field (`string | object | null`) reduced to its id. */
export const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : (value?.id ?? undefined));

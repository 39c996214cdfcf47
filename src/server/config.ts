import path from 'node:path';
import { z } from 'zod';

/**
 * The one validated configuration object. Everything the server reads from the
 * environment is named here, so a wrong value stops the start with a message that
 * names the variable instead of failing later in some corner.
 */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default('./data'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SEED_DEMO: flag.optional(),
  PAYMENT_PROVIDER: z.enum(['demo', 'stripe']).optional(),
  ALLOW_DEMO_PAYMENTS: flag.optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.string().url().optional(),
  RESERVATION_MINUTES: z.coerce.number().int().min(1).default(30),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Panier Solidaire <no-reply@panier-solidaire.local>'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_LABEL: z.string().default('OpenID Connect'),
  SESSION_DAYS: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  // Anti-hoarding limits (issue 15, finding 2): what one account may hold without paying.
  LIMIT_UNPAID_ORDERS: z.coerce.number().int().min(1).max(1_000_000).default(2),
  LIMIT_HELD_UNITS: z.coerce.number().int().min(1).max(1_000_000_000).default(60),
  LIMIT_ORDER_LINES: z.coerce.number().int().min(1).max(100).default(40),
  LIMIT_UNITS_PER_PRODUCT: z.coerce.number().int().min(1).max(99).default(20),
  LIMIT_ORDER_CENTS: z.coerce.number().int().min(1).max(1_000_000_000_000).default(200_000),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new Error('Configuration invalide : ADMIN_EMAIL et ADMIN_PASSWORD vont ensemble.');
  }
  const paymentProvider = e.PAYMENT_PROVIDER ?? (e.STRIPE_SECRET_KEY ? 'stripe' : 'demo');
  if (production) {
    // In production nothing may silently fall back to a laptop default.
    if (!e.PUBLIC_URL) {
      throw new Error('Configuration invalide : PUBLIC_URL est requis en production (liens des preuves, des e-mails et retours Stripe).');
    }
    if (paymentProvider === 'demo' && !e.ALLOW_DEMO_PAYMENTS) {
      throw new Error(
        'Configuration invalide : en production, les paiements passent par Stripe — définissez STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET ' +
          '(ou ALLOW_DEMO_PAYMENTS=true pour un essai sans argent réel).',
      );
    }
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    dataDir,
    uploadsDir: path.join(dataDir, 'uploads'),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    seedDemo: e.SEED_DEMO ?? !production,
    paymentProvider,
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiUrl: e.STRIPE_API_URL,
    },
    reservationMinutes: e.RESERVATION_MINUTES,
    /** Set after listening when PORT is 0; read through publicUrl(). */
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL }
        : undefined,
    sessionDays: e.SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    /** Login throttling: failures allowed in the window before a 429. */
    throttle: { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 },
    /** Anti-hoarding limits of orders; a refusal names the variable (409 limit_reached). */
    limits: {
      unpaidOrders: e.LIMIT_UNPAID_ORDERS,
      heldUnits: e.LIMIT_HELD_UNITS,
      orderLines: e.LIMIT_ORDER_LINES,
      unitsPerProduct: e.LIMIT_UNITS_PER_PRODUCT,
      orderCents: e.LIMIT_ORDER_CENTS,
    },
  };
}

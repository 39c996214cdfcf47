import { isIP, isIPv4 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one validated configuration object. Everything the server reads from the
 * environment is named here, so a wrong value stops the start with a message that
 * names the variable instead of failing later in some corner.
 *
 * Messages are for the operator, in French: each variable carries its own `expects`
 * text, and zod's own (English) messages never reach them. An empty value means unset
 * for every variable (docker compose passes `${ADMIN_EMAIL:-}` as an empty string).
 */

/** One environment variable: its schema, what it accepts (French), and whether its value may be shown. */
interface Setting<S extends z.ZodType> {
  schema: S;
  expects: string;
  /** Secrets are never echoed back; URLs are echoed with their password masked. */
  show?: 'value' | 'url' | 'never';
}
const setting = <S extends z.ZodType>(schema: S, expects: string, show: Setting<S>['show'] = 'value'): Setting<S> => ({ schema, expects, show });

const FLAG_WORDS = ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'] as const;
const flag = z.enum(FLAG_WORDS).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const FLAG_EXPECTS = '« true » ou « false » (aussi 1/0, yes/no, on/off)';

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const urlWith = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  });

/** A mail address, alone or with a display name: `bonjour@asso.fr` or `Panier Solidaire <bonjour@asso.fr>`. */
const MAILBOX = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/**
 * TRUST_PROXY, read as Express's `trust proxy` reads its value — but typed: a hop count
 * is the number 1 (Express reads the string "1" as the address 0.0.0.1), `true`/`false`
 * are booleans, and a list is an array of names, addresses and subnets, each checked here
 * so a typo stops the start instead of silently trusting nothing.
 */
export type TrustProxy = boolean | number | string[];
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
function proxyEntryIsValid(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length || !address || address.includes('%')) return false;
  const family = isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  // A prefix length, or (IPv4 only, as Express allows) a netmask such as 255.255.255.0.
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIPv4(prefix);
}
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') return true;
  if (v === 'false') return false;
  const entries = v.split(',').map((e) => e.trim());
  return entries.every(proxyEntryIsValid) ? entries : undefined;
}
const trustProxy = z.string().transform((v, ctx) => {
  const parsed = parseTrustProxy(v);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY' });
    return z.NEVER;
  }
  return parsed;
});

const settings = {
  NODE_ENV: setting(z.enum(['production', 'development', 'test']), '« production », « development » ou « test » (ou ne la définissez pas : development)'),
  PORT: setting(int(0, 65535), 'un numéro de port entre 0 et 65535, par exemple 3000'),
  HOST: setting(z.string().regex(/^\S+$/), 'une adresse d’écoute sans espace, par exemple 0.0.0.0 (toutes) ou 127.0.0.1 (cette machine seulement)'),
  DATABASE_URL: setting(
    urlWith(['postgres:', 'postgresql:']),
    'une adresse PostgreSQL postgres://utilisateur:motdepasse@hôte:5432/base (ou ne la définissez pas pour la base intégrée dans DATA_DIR)',
    'url',
  ),
  DB_POOL_SIZE: setting(int(1, 200), 'un nombre entier de connexions entre 1 et 200, par exemple 10'),
  DB_CONNECT_TIMEOUT_SECONDS: setting(int(0, 3600), 'un nombre de secondes entre 0 et 3600, par exemple 30'),
  DB_ACQUIRE_TIMEOUT_SECONDS: setting(int(1, 60), 'un nombre de secondes entre 1 et 60, par exemple 5'),
  SHUTDOWN_DRAIN_SECONDS: setting(int(0, 300), 'un nombre de secondes entre 0 et 300, par exemple 5'),
  SHUTDOWN_GRACE_SECONDS: setting(int(0, 300), 'un nombre de secondes entre 0 et 300, par exemple 10'),
  DATA_DIR: setting(z.string(), 'un chemin de dossier, par exemple ./data'),
  ADMIN_EMAIL: setting(z.email(), 'une adresse e-mail, par exemple admin@mon-asso.fr'),
  ADMIN_PASSWORD: setting(z.string().min(8), 'un mot de passe d’au moins 8 caractères', 'never'),
  SEED_DEMO: setting(flag, FLAG_EXPECTS),
  SEED_DEMO_SLOTS: setting(flag, FLAG_EXPECTS),
  POSTCODES_PRELOAD: setting(flag, FLAG_EXPECTS),
  PAYMENT_PROVIDER: setting(z.enum(['demo', 'stripe']), '« stripe » ou « demo »'),
  ALLOW_DEMO_PAYMENTS: setting(flag, FLAG_EXPECTS),
  STRIPE_SECRET_KEY: setting(
    z.string().regex(/^(sk|rk)_\S+$/),
    'la clé secrète Stripe, qui commence par sk_ (ou rk_ pour une clé restreinte) — pas la clé publiable pk_…',
    'never',
  ),
  STRIPE_WEBHOOK_SECRET: setting(z.string().regex(/^\S+$/), 'le secret de signature du webhook Stripe (whsec_…), sans espace', 'never'),
  STRIPE_API_URL: setting(urlWith(['http:', 'https:']), 'une adresse http(s)://, ou ne la définissez pas pour l’API de Stripe'),
  RESERVATION_MINUTES: setting(int(1, 7 * 24 * 60), 'un nombre entier de minutes d’au moins 1, par exemple 30'),
  PUBLIC_URL: setting(urlWith(['http:', 'https:']), 'l’adresse publique du site, par exemple https://panier.mon-asso.fr'),
  SMTP_URL: setting(
    urlWith(['smtp:', 'smtps:']),
    'une adresse smtp://utilisateur:motdepasse@serveur:587 ou smtps://…:465 (ou ne la définissez pas : les mails sont écrits en fichiers .eml dans DATA_DIR/outbox)',
    'url',
  ),
  MAIL_FROM: setting(z.string().regex(MAILBOX), 'une adresse d’expéditeur, par exemple « Panier Solidaire <bonjour@mon-asso.fr> »'),
  OIDC_ISSUER: setting(urlWith(['http:', 'https:']), 'l’adresse https:// du fournisseur OpenID Connect'),
  OIDC_CLIENT_ID: setting(z.string(), 'l’identifiant client donné par le fournisseur OpenID Connect'),
  OIDC_CLIENT_SECRET: setting(z.string(), 'le secret client donné par le fournisseur OpenID Connect', 'never'),
  OIDC_LABEL: setting(z.string(), 'le nom du bouton de connexion, par exemple « France Connect »'),
  SESSION_DAYS: setting(int(1, 3650), 'un nombre entier de jours d’au moins 1, par exemple 30'),
  SESSION_RECHECK_SECONDS: setting(int(1, 3600), 'un nombre entier de secondes entre 1 et 3600, par exemple 60'),
  SESSION_TOUCH_SECONDS: setting(int(1, 3600), 'un nombre entier de secondes entre 1 et 3600, par exemple 60'),
  SESSION_CACHE_MS: setting(int(0, 10_000), 'un nombre entier de millisecondes entre 0 (pas de cache) et 10000, par exemple 1000'),
  SWEEP_INTERVAL_SECONDS: setting(int(1, 3600), 'un nombre entier de secondes entre 1 et 3600, par exemple 30'),
  IMPACT_KG_PER_MEAL: setting(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().min(0.05).max(10)),
    'un nombre de kilogrammes par repas entre 0,05 et 10, par exemple 0.5',
  ),
  IMPACT_LIVE_INTERVAL_MS: setting(int(0, 60_000), 'un nombre entier de millisecondes entre 0 et 60000, par exemple 1000'),
  STAFF_REMINDER_SECONDS: setting(int(0, 3600), 'un nombre entier de secondes entre 0 (jamais) et 3600, par exemple 30'),
  EXPORT_MAX_ROWS: setting(int(1, 1_000_000), 'un nombre entier de lignes entre 1 et 1000000, par exemple 10000'),
  LOG_LEVEL: setting(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'fatal, error, warn, info, debug, trace ou silent'),
  LOGIN_FAILURES_PER_ADDRESS: setting(int(1), 'un nombre entier d’échecs de connexion d’au moins 1, par exemple 30'),
  LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: setting(int(1), 'un nombre entier d’échecs de connexion d’au moins 1, par exemple 5'),
  LOGIN_FAILURES_PER_ACCOUNT: setting(int(1), 'un nombre entier d’échecs de connexion d’au moins 1, par exemple 100'),
  LOGIN_THROTTLE_MINUTES: setting(int(1, 24 * 60), 'un nombre entier de minutes entre 1 et 1440, par exemple 15'),
  LOGIN_DELAY_MAX_SECONDS: setting(int(1, 3600), 'un nombre entier de secondes entre 1 et 3600, par exemple 60'),
  SIGNUP_PER_MINUTE: setting(int(1), 'un nombre entier d’inscriptions par minute d’au moins 1, par exemple 300'),
  EMAIL_VERIFY_HOURS: setting(int(1, 24 * 365), 'un nombre entier d’heures d’au moins 1, par exemple 48'),
  EMAIL_VERIFY_RESENDS: setting(int(1), 'un nombre entier de renvois d’au moins 1, par exemple 3'),
  PICKUP_LEAD_HOURS: setting(int(0, 24 * 30), 'un nombre entier d’heures entre 0 et 720, par exemple 24'),
  PICKUP_DAYS_AHEAD: setting(int(1, 90), 'un nombre entier de jours entre 1 et 90, par exemple 14'),
  UNCOLLECTED_DAYS: setting(int(0, 365), 'un nombre entier de jours entre 0 (jamais) et 365, par exemple 7'),
  GUEST_CART_DAYS: setting(int(1, 365), 'un nombre entier de jours entre 1 et 365, par exemple 30'),
  GUEST_CARTS_PER_MINUTE: setting(int(1), 'un nombre entier de paniers par minute d’au moins 1, par exemple 120'),
  // Anti-hoarding limits (issue 15, finding 2): what one account may hold without paying.
  LIMIT_UNPAID_ORDERS: setting(int(1, 1_000_000), 'un nombre entier de commandes d’au moins 1, par exemple 2'),
  LIMIT_HELD_UNITS: setting(int(1, 1_000_000_000), 'un nombre entier d’articles d’au moins 1, par exemple 60'),
  LIMIT_ORDER_LINES: setting(int(1, 100), 'un nombre entier de lignes entre 1 et 100, par exemple 40'),
  LIMIT_UNITS_PER_PRODUCT: setting(int(1, 99), 'un nombre entier d’articles entre 1 et 99, par exemple 20'),
  LIMIT_ORDER_CENTS: setting(int(1, 1_000_000_000_000), 'un montant entier en centimes d’au moins 1, par exemple 200000 (2 000 €)'),
  TRUST_PROXY: setting(
    trustProxy,
    'un nombre de relais (1 derrière un seul proxy), true, false, loopback, linklocal, uniquelocal, ' +
      'ou des adresses IP ou sous-réseaux séparés par des virgules (par exemple 10.0.0.0/8,::1)',
  ),
};
type Settings = typeof settings;

/** Every variable the server reads: each is documented for operators (a test holds the docs to it). */
export const SETTING_NAMES = Object.keys(settings) as Array<keyof Settings>;
type Parsed = { [K in keyof Settings]?: z.output<Settings[K]['schema']> };

/** A URL with its password replaced by ***: safe to print in a message or a log. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) {
      url.password = '***';
      return url.toString();
    }
    if (url.host || !value.includes('@')) return value;
  } catch {
    // Not a URL: handled below.
  }
  // Not a URL with a host (a missing //, say): whatever comes before an @ may be credentials.
  return value.includes('@') ? `***@${value.slice(value.lastIndexOf('@') + 1)}` : value;
}

const invalid = (lines: string[]) =>
  new Error(`Configuration invalide :\n${lines.map((l) => `  ${l}`).join('\n')}\nCorrigez l’environnement (ou le fichier .env), puis relancez.`);

function readEnvironment(env: NodeJS.ProcessEnv, only?: ReadonlyArray<keyof Settings>): Parsed {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, s] of Object.entries(settings) as Array<[keyof Settings, Setting<z.ZodType>]>) {
    if (only && !only.includes(name)) continue;
    const raw = env[name];
    if (!raw?.trim()) continue; // empty means unset
    const r = s.schema.safeParse(raw);
    if (r.success) {
      out[name] = r.data;
      continue;
    }
    const shown = s.show === 'never' ? '' : ` (valeur lue : « ${s.show === 'url' ? maskUrl(raw) : raw} »)`;
    problems.push(`${name} : attendu ${s.expects}${shown}.`);
  }
  if (problems.length) throw invalid(problems);
  return out as Parsed;
}

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = readEnvironment(env);
  const nodeEnv = e.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const problems: string[] = [];
  if (!!e.ADMIN_EMAIL !== !!e.ADMIN_PASSWORD) {
    problems.push(`${e.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'} manque : ADMIN_EMAIL et ADMIN_PASSWORD vont ensemble (définissez les deux, ou aucun).`);
  }
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((n) => !e[n]);
    problems.push(`${missing.join(', ')} manque : OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble (définissez les trois, ou aucun).`);
  }
  const paymentProvider = e.PAYMENT_PROVIDER ?? (e.STRIPE_SECRET_KEY ? 'stripe' : 'demo');
  if (production) {
    // In production nothing may silently fall back to a laptop default.
    if (!e.PUBLIC_URL) {
      problems.push('PUBLIC_URL est requis en production (liens des preuves, des e-mails et retours Stripe), par exemple https://panier.mon-asso.fr.');
    }
    if (paymentProvider === 'demo' && !e.ALLOW_DEMO_PAYMENTS) {
      problems.push(
        'en production, les paiements passent par Stripe — définissez STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET ' +
          '(ou ALLOW_DEMO_PAYMENTS=true pour un essai sans argent réel).',
      );
    }
  }
  if (problems.length) throw invalid(problems);

  const publicUrl = e.PUBLIC_URL?.replace(/\/$/, '');
  // An https address is a site people reach: demo accounts with published passwords never go there.
  const httpsPublicUrl = publicUrl?.startsWith('https://') ?? false;
  const dataDir = path.resolve(e.DATA_DIR ?? './data');
  return {
    nodeEnv,
    production,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE ?? 10,
    /** How long start-up waits for PostgreSQL to answer before giving up. */
    dbConnectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_SECONDS ?? 30,
    /** PostgreSQL: a statement that cannot get a connection this long fails (503 database_unavailable). */
    dbAcquireTimeoutSeconds: e.DB_ACQUIRE_TIMEOUT_SECONDS ?? 5,
    shutdown: {
      /** After SIGTERM/SIGINT: keep serving this long with /readyz at 503 so a balancer stops sending. */
      drainSeconds: e.SHUTDOWN_DRAIN_SECONDS ?? (production ? 5 : 0),
      /** Then: requests in flight get this long to finish before their connections are cut. */
      graceSeconds: e.SHUTDOWN_GRACE_SECONDS ?? 10,
    },
    dataDir,
    uploadsDir: path.join(dataDir, 'uploads'),
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    /** Demo catalogue and centres into an empty database: on for a local trial, off in production or on an https site. */
    seedDemo: e.SEED_DEMO ?? (!production && !httpsPublicUrl),
    /**
     * The demo centres take pickup slots (30 min, 10 orders each), so a trial shows them at
     * checkout; off, they take none (the test suites and benchmarks place orders without a slot).
     */
    seedDemoSlots: e.SEED_DEMO_SLOTS ?? true,
    /**
     * Read the postcode data (about a second of CPU) right after listening, so no customer's
     * request waits for it; off, the first lookup reads it (the test servers, started by the hundred).
     */
    preloadPostcodes: e.POSTCODES_PRELOAD ?? true,
    /** Demo accounts (published passwords) come with the demo seed, never on an https site. */
    demoAccounts: !httpsPublicUrl,
    paymentProvider,
    allowDemoPayments: e.ALLOW_DEMO_PAYMENTS ?? false,
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiUrl: e.STRIPE_API_URL,
    },
    reservationMinutes: e.RESERVATION_MINUTES ?? 30,
    /** Set after listening when PORT is 0; read through publicUrl(). */
    publicUrl,
    /** Cookies carry `Secure` whenever the public address is https, whatever the proxy says. */
    secureCookies: httpsPublicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? 'Panier Solidaire <no-reply@panier-solidaire.local>',
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, label: e.OIDC_LABEL ?? 'OpenID Connect' }
        : undefined,
    sessionDays: e.SESSION_DAYS ?? 30,
    /** How often open realtime connections have their account re-checked (expired session, disabled account). */
    sessionRecheckSeconds: e.SESSION_RECHECK_SECONDS ?? 60,
    /** A session's « dernière activité » is written at most this often (a write per request would be wasteful). */
    sessionTouchSeconds: e.SESSION_TOUCH_SECONDS ?? 60,
    /**
     * A node reuses a session it looked up for this long (a burst of requests costs one lookup);
     * its own sign-outs and account changes forget it at once, another node's within this time.
     */
    sessionCacheMs: e.SESSION_CACHE_MS ?? 1000,
    /** The housekeeping sweep: expired holds cancelled, expired sessions purged, old login failures pruned. */
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS ?? 30,
    /** The staff console rings again this often while a paid order is unacknowledged (0: never). */
    staffReminderSeconds: e.STAFF_REMINDER_SECONDS ?? 30,
    /** The impact figures' estimate of meals: kilograms given ÷ this. */
    impactKgPerMeal: e.IMPACT_KG_PER_MEAL ?? 0.5,
    /** The shop's live impact counter (`impact:changed`) is sent at most once per this many ms, however many gifts are paid. */
    impactLiveIntervalMs: e.IMPACT_LIVE_INTERVAL_MS ?? 1000,
    /** The most orders (or payments) one CSV/xlsx export of a list holds. */
    exportMaxRows: e.EXPORT_MAX_ROWS ?? 10_000,
    logLevel: e.LOG_LEVEL ?? 'info',
    trustProxy: e.TRUST_PROXY ?? false,
    /**
     * Login throttling (see src/modules/auth/throttle.ts): failures allowed in the window
     * per address, per account and address, per account from everywhere (the ceiling,
     * with a progressive delay below it). The window also counts reset and resend asks.
     */
    throttle: {
      perAddress: e.LOGIN_FAILURES_PER_ADDRESS ?? 30,
      perAccountAddress: e.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS ?? 5,
      perAccount: Math.max(e.LOGIN_FAILURES_PER_ACCOUNT ?? 100, e.LOGIN_FAILURES_PER_ACCOUNT_ADDRESS ?? 5),
      windowSeconds: (e.LOGIN_THROTTLE_MINUTES ?? 15) * 60,
      maxDelaySeconds: e.LOGIN_DELAY_MAX_SECONDS ?? 60,
    },
    /** Sign-ups allowed from one address in a sliding minute, then 429. */
    signupPerMinute: e.SIGNUP_PER_MINUTE ?? 300,
    /** Email verification: how long a link works, and how many resends in the throttle window. */
    emailVerification: { hours: e.EMAIL_VERIFY_HOURS ?? 48, resends: e.EMAIL_VERIFY_RESENDS ?? 3 },
    /** Guest carts (issue 17): kept this many days after their last change; how many one address may open a minute. */
    guestCarts: { days: e.GUEST_CART_DAYS ?? 30, perMinute: e.GUEST_CARTS_PER_MINUTE ?? 120 },
    /**
     * Pickup slots (issue 19): the first slot offered starts PICKUP_LEAD_HOURS after now, the last
     * PICKUP_DAYS_AHEAD days ahead; an order not collected UNCOLLECTED_DAYS after its slot (at a
     * centre without slots: after it became delivered) is offered to the centre (0: never), as
     * the checkout says (GET /api/centres `uncollectedDays`).
     */
    pickup: { leadHours: e.PICKUP_LEAD_HOURS ?? 24, daysAhead: e.PICKUP_DAYS_AHEAD ?? 14, uncollectedDays: e.UNCOLLECTED_DAYS ?? 7 },
    /** Anti-hoarding limits of orders; a refusal names the variable (409 limit_reached). */
    limits: {
      unpaidOrders: e.LIMIT_UNPAID_ORDERS ?? 2,
      heldUnits: e.LIMIT_HELD_UNITS ?? 60,
      orderLines: e.LIMIT_ORDER_LINES ?? 40,
      unitsPerProduct: e.LIMIT_UNITS_PER_PRODUCT ?? 20,
      orderCents: e.LIMIT_ORDER_CENTS ?? 200_000,
    },
  };
}

/**
 * Only what reaching the database needs (DATABASE_URL, DATA_DIR, DB_POOL_SIZE,
 * DB_CONNECT_TIMEOUT_SECONDS, LOG_LEVEL), with the same French messages: for the operator
 * commands (migrate, create-admin, backup, restore, migrate-to-postgres), which must work
 * with a production environment that is not complete yet (no PUBLIC_URL, no Stripe keys).
 */
export type DatabaseConfig = ReturnType<typeof loadDatabaseConfig>;

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = readEnvironment(env, ['DATABASE_URL', 'DATA_DIR', 'DB_POOL_SIZE', 'DB_CONNECT_TIMEOUT_SECONDS', 'LOG_LEVEL']);
  const dataDir = path.resolve(e.DATA_DIR ?? './data');
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    uploadsDir: path.join(dataDir, 'uploads'),
    /** The embedded database's own folder inside DATA_DIR. */
    pgDataDir: path.join(dataDir, 'pgdata'),
    dbPoolSize: e.DB_POOL_SIZE ?? 10,
    dbConnectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_SECONDS ?? 30,
    logLevel: e.LOG_LEVEL ?? 'info',
  };
}

/**
 * What a production start should shout about: settings that are allowed but mean the
 * shop is not really live (no real payments, mails that never leave the machine).
 * `log` is the English log line, `operator` the French line printed for the person starting it.
 */
export function productionWarnings(config: Config): Array<{ log: string; operator: string }> {
  if (!config.production) return [];
  const warnings: Array<{ log: string; operator: string }> = [];
  if (config.paymentProvider === 'demo') {
    warnings.push({
      log: 'PRODUCTION WITH DEMO PAYMENTS: ALLOW_DEMO_PAYMENTS=true, orders are marked paid without any money',
      operator:
        'ATTENTION : paiements de démonstration en production (ALLOW_DEMO_PAYMENTS=true) — les commandes sont payées sans argent réel. ' +
        'Pour vendre, définissez STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET, et retirez ALLOW_DEMO_PAYMENTS.',
    });
  }
  if (!config.smtpUrl) {
    warnings.push({
      log: 'PRODUCTION WITHOUT SMTP_URL: mails are only written as .eml files in DATA_DIR/outbox, nobody receives them',
      operator:
        'ATTENTION : SMTP_URL n’est pas défini — aucun mail ne part (confirmations, réinitialisations de mot de passe) : ' +
        'ils sont seulement écrits en fichiers .eml dans DATA_DIR/outbox. Définissez SMTP_URL (smtp://… ou smtps://…).',
    });
  }
  return warnings;
}

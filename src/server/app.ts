import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Database } from '../db/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { EventBus } from '../shared/events.ts';
import type { StaffOrderView } from '../modules/orders/index.ts';
import { authenticate, authRoutes, type AuthService, type SignedInHook } from '../modules/auth/index.ts';
import { catalogRoutes } from '../modules/catalog/index.ts';
import { apiDocsRoutes } from './api-docs.ts';
import { apiNotFound, errorHandler, sameOriginWrites } from './http-errors.ts';
import { securityHeaderList, securityHeaders } from './security-headers.ts';
import { cachedReadLane } from './cached-reads.ts';
import { assignRequestId } from './request-id.ts';
import { refuseNulInput } from './input-guard.ts';
import { SEED_IMAGES_DIR, WEB_DIST_DIR } from './paths.ts';
import type { Config } from './config.ts';
import { SHOP_PAGES } from '../contract/enums.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  auth: AuthService;
  events: EventBus<StaffOrderView>;
  publicUrl: () => string;
  /** True once a graceful shutdown has begun (SIGTERM): /readyz turns 503. */
  isShuttingDown?: () => boolean;
  /** Sign-in providers other than email and password (GET /api/auth/providers). */
  authProviders?: () => Array<{ id: string; label: string }>;
  /** Called at sign-up and sign-in (the guest cart joins the account's); its cart goes in the answer. */
  onSignedIn?: SignedInHook;
  /** Extra API routers mounted under /api by later modules (cart, orders…). */
  apiRouters?: express.Router[];
  /** Routers that need the raw body (signed webhooks), mounted under /api before JSON parsing. */
  rawBodyRouters?: express.Router[];
  /** Extra page-level routers (e.g. /proofs). */
  pageRouters?: express.Router[];
}

/** How long /healthz and /readyz wait for the database before saying it is down. */
const PROBE_TIMEOUT_MS = 2_000;

function answersWithin(query: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([
    query.then(
      () => true,
      () => false,
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

/**
 * Requests left out of the request log: health probes (every few seconds from the balancer)
 * and static files (scripts, styles, images). API calls and pages — shop, staff, admin,
 * proofs — are logged.
 */
function isQuietRequest(url: string): boolean {
  const pathname = url.split('?')[0]!;
  if (pathname.startsWith('/api/')) return false;
  if (pathname === '/healthz' || pathname === '/readyz') return true;
  if (/^\/(assets|images|uploads)\//.test(pathname)) return true;
  return /\.[a-z0-9]+$/i.test(pathname); // favicon.ico, manifest, proof.css…
}

/** The shop's pages as regular expressions (`:param` is one path segment; a trailing slash is the same page). */
const SHOP_PAGE_PATTERNS = SHOP_PAGES.map(
  (p) =>
    new RegExp(
      `^${p
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}/?$`,
    ),
);
const isShopPage = (pathname: string): boolean => SHOP_PAGE_PATTERNS.some((re) => re.test(pathname));

/** Cache-Control of every API answer: they are per-user or live, never stored by a proxy. */
const API_CACHE_CONTROL = 'no-store';

/**
 * The HTTP application: `handle` is what the server listens with — the cached catalogue
 * lane first, then Express (`app`) for everything else.
 */
export function createApp(deps: AppDeps): { app: Express; handle: RequestListener } {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  // Read by the cookie writers (auth): an https PUBLIC_URL means Secure cookies, whatever the proxy says.
  app.set('secure cookies', deps.config.secureCookies);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: assignRequestId,
      serializers: {
        // The OpenID Connect callback's query carries an authorization code: never logged.
        // The client address follows TRUST_PROXY (Express's req.ip): the visitor's, behind a proxy set up so.
        req: (req: { id: string; method: string; url: string; raw: Request }) => ({
          id: req.id,
          method: req.method,
          url: req.url.startsWith('/api/auth/oidc/callback') ? req.url.split('?')[0] : req.url,
          ip: req.raw.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Read when the answer is logged: by then `authenticate` has found the session's user.
      customProps: (req) => {
        const user = (req as Request).user;
        return user ? { userId: user.id } : {};
      },
      autoLogging: { ignore: (req) => isQuietRequest(req.url ?? '') },
    }),
  );
  app.use(securityHeaders());

  // /healthz: the process and its database answer. /readyz: and it takes new work — a node
  // that is shutting down says no, so the load balancer stops sending it requests. A database
  // that does not answer within PROBE_TIMEOUT_MS counts as down: a probe must not hang.
  const dbAnswers = () => answersWithin(deps.db.query('SELECT 1'), PROBE_TIMEOUT_MS);
  app.get('/healthz', async (_req, res) => {
    if (await dbAnswers()) res.json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.isShuttingDown?.()) res.status(503).json({ status: 'shutting_down' });
    else if (await dbAnswers()) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable' });
  });
  // --- API ---------------------------------------------------------------------------
  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', API_CACHE_CONTROL);
    next();
  });
  api.use(sameOriginWrites(() => new URL(deps.publicUrl()).origin));
  // Stripe's webhook needs the raw bytes to check its signature: mounted before JSON parsing.
  for (const router of deps.rawBodyRouters ?? []) api.use(router);
  api.use(express.json({ limit: '64kb' }));
  api.use(refuseNulInput);
  api.use(authenticate(deps.auth));
  api.use('/auth', authRoutes(deps.auth, deps.authProviders ?? (() => []), deps.onSignedIn));
  const catalogue = catalogRoutes(deps.db, {
    onCatalogChange: (listener) => deps.events.subscribe((e) => (e.type === 'catalog.changed' || e.type === 'stock.changed') && listener()),
  });
  api.use(catalogue.router);
  for (const router of deps.apiRouters ?? []) api.use(router);
  // The API described by its own contract: OpenAPI 3.1 and a readable page.
  api.use(apiDocsRoutes());
  api.use(apiNotFound);
  app.use('/api', api);

  // --- Images and pages ------------------------------------------------------------------
  app.use('/images/products', express.static(SEED_IMAGES_DIR, { maxAge: '7d', fallthrough: false }));
  app.use('/uploads', express.static(deps.config.uploadsDir, { maxAge: '7d', fallthrough: false }));
  for (const router of deps.pageRouters ?? []) app.use(router);
  app.use('/assets', express.static(path.join(WEB_DIST_DIR, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  app.use(express.static(WEB_DIST_DIR, { index: false, redirect: false }));

  const page = (entry: 'shop' | 'admin' | 'staff') => (req: Request, res: Response) => {
    const file = path.join(WEB_DIST_DIR, entry, 'index.html');
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send('Front end not built: run `npm run build:web`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    // An address that is no page of the shop: its page (which shows "not found") with a 404.
    if (entry === 'shop' && !isShopPage(req.path)) res.status(404);
    res.sendFile(file);
  };
  app.get(['/admin', '/admin/{*rest}'], page('admin'));
  app.get(['/staff', '/staff/{*rest}'], page('staff'));
  app.get('/{*rest}', page('shop'));

  app.use(errorHandler);

  const answerFromCache = cachedReadLane({
    lookup: (url, acceptLanguage) => (url.startsWith('/api/products') ? catalogue.cachedAnswer(url, acceptLanguage) : undefined),
    headers: [...securityHeaderList(), ['cache-control', API_CACHE_CONTROL], ['vary', 'Accept-Language']],
    logger: deps.logger,
  });
  return {
    app,
    handle: (req, res) => {
      // While draining, every answer closes its connection: keep-alive clients come back through
      // the load balancer, which by then sends them to another node.
      if (deps.isShuttingDown?.()) res.setHeader('Connection', 'close');
      if (!answerFromCache(req, res)) app(req, res);
    },
  };
}

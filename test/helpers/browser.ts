import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from './harness.ts';
import type { Clock } from '../../src/shared/clock.ts';

/**
 * Debian's Chromium, headless, driven by playwright-core (never a downloaded
 * browser). The flags keep it from reaching out to the network at start.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Runs axe-core in the page and returns the serious and critical violations.
 * axe is injected through Playwright's evaluate, which the page's CSP allows
 * (it is not an inline script of the page).
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Colours are read at rest: a toast still fading in would fail the contrast check.
  // (Endless animations — a spinner, the live dot — are not waited for.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** No serious or critical axe violation on the page (`what` names it in failures). */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: no serious or critical axe violation`,
  );
}

/** A page whose Content-Security-Policy reports and uncaught errors are collected. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  cspViolations: string[];
  pageErrors: string[];
}

/** A fresh French browser context and page, watched for CSP violations and page errors. */
export async function openWatchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) cspViolations.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { page, context, cspViolations, pageErrors };
}

/** No CSP violation and no uncaught error happened in the page (`who` names it in failures). */
export function assertCleanPage(w: WatchedPage, who = 'page'): void {
  assert.deepEqual(w.cspViolations, [], `${who}: no Content-Security-Policy violation`);
  assert.deepEqual(w.pageErrors, [], `${who}: no uncaught error in the page`);
}

type Viewport = { width: number; height: number };
type PageSteps = (page: Page, w: WatchedPage) => Promise<void>;

/** What a browser test file works with: its own server (fresh database, demo data) and a browser. */
export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh French context and page of the browser, watched (see openWatchedPage). */
  openPage(viewport?: { width: number; height: number }): Promise<WatchedPage>;
  /**
   * Runs `steps` in a fresh watched page (of this size, if given), then asserts the page
   * stayed clean (no CSP violation, no uncaught error) and closes its context.
   */
  inPage(...args: [steps: PageSteps] | [viewport: Viewport, steps: PageSteps]): Promise<void>;
}

/**
 * Starts the server and the browser before the file's tests (then `ready`, for what the
 * file needs first: node runs a file's own before() hooks alongside this one), and closes
 * them after.
 */
export function browserSuite(
  ready?: (suite: BrowserSuite) => Promise<void>,
  opts: {
    env?: Record<string, string>;
    /** The server's clock (the browser keeps the real one): a day the test chooses. */
    clock?: Clock;
    /** More Chromium flags, made once the server runs (e.g. a fake camera showing data of that server). */
    browserArgs?: (server: TestServer) => Promise<string[]>;
  } = {},
): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startTestServer({ env: opts.env, clock: opts.clock });
    browser = await launchBrowser(await opts.browserArgs?.(server));
    await ready?.(suite);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browserSuite: the ${what} starts in before()`);
    return value;
  };
  const suite: BrowserSuite = {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    openPage: (viewport) => openWatchedPage(suite.browser, viewport),
    async inPage(...args) {
      const [viewport, steps] = args.length === 1 ? [undefined, args[0]] : args;
      const w = await suite.openPage(viewport);
      try {
        await steps(w.page, w);
        assertCleanPage(w);
      } finally {
        await w.context.close();
      }
    },
  };
  return suite;
}

/** At checkout, ranks the centres by distance from a postcode or city, and waits for the ranking to be announced. */
export async function rankCentresFrom(page: Page, place: string): Promise<void> {
  await page.getByLabel('Code postal ou ville').fill(place);
  await page.getByRole('button', { name: 'Classer par distance' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `centres, du plus proche au plus éloigné de « ${place} »` })
    .waitFor();
}

/** A price as the pages write it: "3,45 €". */
export const formatEuros = (cents: number): string => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** Gives a browser context the session cookies of an API client (signed in through the API). */
export async function shareSession(context: BrowserContext, cookieHeader: string, url: string): Promise<void> {
  await context.addCookies(
    cookieHeader.split('; ').map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
    }),
  );
}

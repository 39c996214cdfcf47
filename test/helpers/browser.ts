import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, driven by playwright-core (never a downloaded
 * browser). The flags keep it from reaching out to the network at start.
 */
export async function launchBrowser(): Promise<Browser> {
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
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    ),
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
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

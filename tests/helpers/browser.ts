import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestAppContext } from './app.js';

/**
 * Debian's Chromium (playwright's own download cannot work offline). `.ci/run` installs it; on a workstation:
 * `apt-get install -y chromium`, or point CHROMIUM_PATH at another Chromium.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's services on a closed network.
// Playwright adds --headless and a fresh profile directory itself.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

export interface BrowserSite {
  /** The app's origin, e.g. http://127.0.0.1:40123. */
  base: string;
  browser: Browser;
}

/**
 * A test file's app served on a loopback port, with one Chromium for the file; filled in by `beforeAll`, so read
 * its fields inside tests.
 */
export function serveToBrowser(ctx: TestAppContext): BrowserSite {
  const site = {} as BrowserSite;
  let server: Server | undefined;
  beforeAll(async () => {
    const listening = createServer(ctx.testApp.app);
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    site.base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    site.browser = await launchBrowser();
  });
  afterAll(async () => {
    await site.browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
  return site;
}

/**
 * Collects script errors, failed same-origin requests and any request to another origin (`base` is the app's
 * origin): all should stay empty.
 */
export function watch(page: Page, base: string): string[] {
  const problems: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
      problems.push(`outside: ${request.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A page left while its own fetches are in flight aborts them (net::ERR_ABORTED): the browser's doing, not
    // the server's. Resets, empty answers and refusals still count.
    const error = request.failure()?.errorText ?? '';
    if (request.url().startsWith(base) && error !== 'net::ERR_ABORTED')
      problems.push(`failed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(base) && response.status() >= 400)
      problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

/** Signs into the back office on a fresh page of its own browser context (cookies are per context). */
export async function signInToBackOffice(browser: Browser, base: string, email: string, password: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page, base);
  await page.goto(`${base}/admin/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(`${base}/admin`);
  // The landing page has loaded once its figures are in (leaving earlier would abort their request).
  await page.getByTestId('overview-figure').first().waitFor();
  return { context, page, problems };
}

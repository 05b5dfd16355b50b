import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { setupTestApp } from '../helpers/app.js';
import { serveToBrowser, watch } from '../helpers/browser.js';

const ctx = setupTestApp('browser', { admin: true, seed: true });
const site = serveToBrowser(ctx);

/**
 * The scripts of the login page and the dashboard behind it: AdminJS's bundles and ours, each compressed, small
 * in total (the dashboard revalidates what the login page fetched: 304s). That they are the production builds is
 * checked byte for byte in tests/integration/admin.test.ts.
 */
async function expectSmallScripts(scripts: Request[]) {
  const nameOf = (script: Request) => new URL(script.url()).pathname.replace('/admin/frontend/assets/', '');
  expect([...new Set(scripts.map(nameOf))].sort()).toEqual(
    ['app.bundle.js', 'components.bundle.js', 'design-system.bundle.js', 'global.bundle.js'].sort(),
  );
  let transferred = 0;
  for (const script of scripts) {
    const response = await script.response();
    transferred += (await script.sizes()).responseBodySize;
    if (response?.status() === 304) continue;
    expect(response?.status(), nameOf(script)).toBe(200);
    expect(['br', 'gzip'], nameOf(script)).toContain(await response?.headerValue('content-encoding'));
  }
  // Measured in Chromium: 25,986,607 bytes before (development bundles, uncompressed), 927,750 after (production
  // bundles, brotli); gzip is a little larger.
  expect(transferred).toBeLessThan(1_200_000);
}

describe('in a real browser', () => {
  it('logs into the back office and renders the dashboard with every section', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watch(page, site.base);
    const scripts: Request[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') scripts.push(request);
    });
    await page.goto(`${site.base}/admin`);
    await page.waitForURL(`${site.base}/admin/login`);
    await page.fill('input[name="email"]', 'superadmin@contentflow.local');
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${site.base}/admin`);
    for (const section of ['Accounts', 'Marketplace', 'Verification', 'Money', 'Activity']) {
      await page.getByText(section, { exact: true }).first().waitFor();
    }
    // The landing page is the operations overview, with figures from the database and links to their lists.
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await page.getByTestId('overview-figure').nth(5).waitFor();
    await expectSmallScripts(scripts);
    expect(await page.getByTestId('overview-figure').count()).toBe(6);
    const disputes = page.getByTestId('overview-figure').filter({ hasText: 'Open disputes' });
    const open = await ctx.database.db.dispute.count({ where: { status: 'OPEN' } });
    expect(open).toBeGreaterThan(0);
    expect(await disputes.textContent()).toContain(`Open disputes${open}`);
    const unpaid = await ctx.database.db.payout.aggregate({
      where: { status: 'PENDING' },
      _sum: { amountCents: true },
    });
    const cents = unpaid._sum.amountCents ?? 0n;
    const money = `$${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
    expect(await page.getByTestId('overview-figure').filter({ hasText: 'Pending payouts' }).textContent()).toContain(
      money,
    );
    await disputes.click();
    await page.waitForURL(/\/admin\/resources\/Dispute\?filters\.status=OPEN/);
    await page.getByText('OPEN', { exact: true }).first().waitFor();

    await page.goto(`${site.base}/admin/resources/Payout`);
    await page.getByText('PAID', { exact: true }).first().waitFor();
    expect(await page.getByRole('link', { name: /create new/i }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the site, hydrates the island, installs the service worker and works offline', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const problems = watch(page, site.base);
    await page.goto(`${site.base}/`);
    await page.locator('[data-testid="api-status"][data-status="online"]').waitFor();
    // Strings, because the test is type-checked without the DOM library.
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)');
    expect(scope).toBe(`${site.base}/`);
    // The worker takes control once it is active; a reload makes this page one of its clients.
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');

    expect(problems).toEqual([]);

    // Offline, a page that was never visited falls back to the precached offline page.
    await context.setOffline(true);
    await page.goto(`${site.base}/campaigns/somewhere`);
    await page.getByRole('heading', { name: "You're offline" }).waitFor();
    await context.setOffline(false);
    await context.close();
  }, 60_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { setupTestApp } from '../helpers/app.js';
import { launchBrowser, watch } from '../helpers/browser.js';

const ctx = setupTestApp('browser', { admin: true, seed: true });
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer(ctx.testApp.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('in a real browser', () => {
  it('logs into the back office and renders the dashboard with every section', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems = watch(page, base);
    await page.goto(`${base}/admin`);
    await page.waitForURL(`${base}/admin/login`);
    await page.fill('input[name="email"]', 'superadmin@contentflow.local');
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(`${base}/admin`);
    for (const section of ['Accounts', 'Marketplace', 'Verification', 'Money', 'Activity']) {
      await page.getByText(section, { exact: true }).first().waitFor();
    }
    // The landing page is the operations overview, with figures from the database and links to their lists.
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await page.getByTestId('overview-figure').nth(5).waitFor();
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

    await page.goto(`${base}/admin/resources/Payout`);
    await page.getByText('PAID', { exact: true }).first().waitFor();
    expect(await page.getByRole('link', { name: /create new/i }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the site, hydrates the island, installs the service worker and works offline', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page, base);
    await page.goto(`${base}/`);
    await page.locator('[data-testid="api-status"][data-status="online"]').waitFor();
    // Strings, because the test is type-checked without the DOM library.
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)');
    expect(scope).toBe(`${base}/`);
    // The worker takes control once it is active; a reload makes this page one of its clients.
    await page.reload();
    await page.waitForFunction('navigator.serviceWorker.controller !== null');

    expect(problems).toEqual([]);

    // Offline, a page that was never visited falls back to the precached offline page.
    await context.setOffline(true);
    await page.goto(`${base}/campaigns/somewhere`);
    await page.getByRole('heading', { name: "You're offline" }).waitFor();
    await context.setOffline(false);
    await context.close();
  }, 60_000);
});

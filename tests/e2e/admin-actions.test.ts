import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { serveToBrowser, signInToBackOffice } from '../helpers/browser.js';
import { insertCampaign } from '../helpers/marketplace.js';

const ctx = setupTestApp('admin-actions', { admin: true, seed: true });
const site = serveToBrowser(ctx);

const db = () => ctx.database.db;

/**
 * Opens the record, clicks the action's button, answers the confirm step as an operator would (a reason when
 * asked), then waits for the notice and for the record page it lands on to show the new status.
 */
async function clickAction(page: Page, model: string, id: string, label: string, notice: string, reason?: string) {
  await page.goto(`${site.base}/admin/resources/${model}/records/${id}/show`);
  // AdminJS draws record actions as links styled as buttons.
  await page.getByRole('link', { name: label, exact: true }).click();
  if (reason !== undefined) await page.getByLabel('Reason').fill(reason);
  const reloaded = page.waitForResponse(
    (response) => response.url().endsWith(`/api/resources/${model}/records/${id}/show`) && response.ok(),
  );
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page.getByText(notice, { exact: true }).waitFor({ timeout: 10_000 });
  await reloaded;
}

async function auditOf(subjectId: string, action: string) {
  return db().auditEvent.findFirst({ where: { subjectId, action } });
}

describe('back-office actions, clicked in a real browser', () => {
  it('approves, closes, finishes and discards campaigns, and suspends and reactivates a user', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const [pending, running, inReview, toDiscard] = await Promise.all([
      insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' }),
      insertCampaign(db(), brand.id, { status: 'IN_PROGRESS' }),
      insertCampaign(db(), brand.id, { status: 'UNDER_REVIEW' }),
      insertCampaign(db(), brand.id, { status: 'IN_PROGRESS' }),
    ]);
    const moderator = await db().user.findUniqueOrThrow({ where: { email: 'moderator@contentflow.local' } });
    const clipper = await db().user.findUniqueOrThrow({ where: { email: 'clipper3@contentflow.local' } });
    const { context, page, problems } = await signInToBackOffice(
      site.browser,
      site.base,
      'moderator@contentflow.local',
      DEMO_PASSWORD,
    );
    const status = async (id: string) => (await db().campaign.findUniqueOrThrow({ where: { id } })).status;

    await clickAction(page, 'Campaign', pending, 'Approve', 'Campaign approved: it is in progress.');
    expect(await status(pending)).toBe('IN_PROGRESS');
    expect((await auditOf(pending, 'campaign.approved'))?.actorId).toBe(moderator.id);

    await clickAction(page, 'Campaign', running, 'Close for review', 'Campaign closed for review.');
    expect(await status(running)).toBe('UNDER_REVIEW');
    expect((await auditOf(running, 'campaign.closed'))?.actorId).toBe(moderator.id);

    await clickAction(page, 'Campaign', inReview, 'Finish', 'Campaign finished.');
    expect(await status(inReview)).toBe('FINISHED');
    expect((await auditOf(inReview, 'campaign.finished'))?.actorId).toBe(moderator.id);

    const reason = 'The footage shows a competitor’s product.';
    await clickAction(page, 'Campaign', toDiscard, 'Discard', 'Campaign discarded; the brand sees the reason.', reason);
    const discarded = await db().campaign.findUniqueOrThrow({ where: { id: toDiscard } });
    expect([discarded.status, discarded.discardReason]).toEqual(['DISCARDED', reason]);
    const discardEvent = await auditOf(toDiscard, 'campaign.discarded');
    expect(discardEvent?.actorId).toBe(moderator.id);
    expect(discardEvent?.after).toMatchObject({ reason });

    await clickAction(page, 'User', clipper.id, 'Suspend', 'User suspended; their sessions ended.');
    expect((await db().user.findUniqueOrThrow({ where: { id: clipper.id } })).status).toBe('SUSPENDED');
    expect((await auditOf(clipper.id, 'user.suspended'))?.actorId).toBe(moderator.id);

    await clickAction(page, 'User', clipper.id, 'Reactivate', 'User reactivated.');
    expect((await db().user.findUniqueOrThrow({ where: { id: clipper.id } })).status).toBe('ACTIVE');
    expect((await auditOf(clipper.id, 'user.reactivated'))?.actorId).toBe(moderator.id);

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});

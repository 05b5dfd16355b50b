import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { insertApplication, insertCampaign, insertSubmission } from '../helpers/marketplace.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

const ctx = setupTestApp('dashboards');
const API = '/api/v1';
const db = () => ctx.database.db;
const route = () => routeOf('get', '/me/dashboard');
const HOUR = 3_600_000;

/** A snapshot of a post link, `hoursAgo` old. */
async function snapshot(
  postLinkId: string,
  views: number,
  status: 'PENDING' | 'VERIFIED' | 'REJECTED',
  hoursAgo: number,
) {
  await db().viewSnapshot.create({
    data: {
      id: newId('vsn'),
      postLinkId,
      viewCount: BigInt(views),
      capturedAt: new Date(ctx.testApp.clock.now().getTime() - hoursAgo * HOUR),
      source: 'ADMIN',
      status,
    },
  });
}

async function accrual(submissionId: string, clipperId: string, state: string, grossCents: number, netCents: number) {
  await db().accrual.create({
    data: {
      id: newId('acr'),
      submissionId,
      clipperId,
      viewsCounted: 0n,
      grossCents: BigInt(grossCents),
      commissionCents: BigInt(grossCents - netCents),
      netCents: BigInt(netCents),
      state: state as 'PENDING',
      holdUntil: ctx.testApp.clock.now(),
    },
  });
}

describe('GET /me/dashboard', () => {
  it('adds up a brand’s and a clipper’s figures from the latest verified counts and the earnings lines', async () => {
    const [brand, clipper, otherClipper] = await Promise.all([
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
    ]);
    const campaign = await insertCampaign(db(), brand.id, { title: 'Dashboard drop' });
    const quiet = await insertCampaign(db(), brand.id, { title: 'Nothing yet', status: 'PENDING_APPROVAL' });
    await db().campaign.update({ where: { id: campaign }, data: { reservedBudgetCents: 30_000n } });
    await insertApplication(db(), campaign, clipper.id);
    await insertApplication(db(), campaign, otherClipper.id);
    const submission = await insertSubmission(db(), campaign, clipper.id, 'APPROVED');
    await insertSubmission(db(), campaign, clipper.id, 'PENDING_REVIEW');
    const theirs = await insertSubmission(db(), campaign, otherClipper.id, 'REJECTED');

    // A second link on the approved submission; counts per link: only the latest VERIFIED one counts.
    const [first] = await db().postLink.findMany({ where: { submissionId: submission } });
    const second = newId('pln');
    await db().postLink.create({
      data: {
        id: second,
        submissionId: submission,
        platform: 'YOUTUBE',
        url: 'https://youtu.be/abcdefghijk',
        platformPostId: `yt${second.slice(-9)}`,
      },
    });
    await snapshot(first?.id as string, 1000, 'VERIFIED', 48);
    await snapshot(first?.id as string, 1500, 'VERIFIED', 24);
    await snapshot(first?.id as string, 9999, 'PENDING', 1);
    await snapshot(second, 500, 'VERIFIED', 30);
    await snapshot(second, 7000, 'REJECTED', 2);
    const [theirLink] = await db().postLink.findMany({ where: { submissionId: theirs } });
    await snapshot(theirLink?.id as string, 40, 'VERIFIED', 5);

    await accrual(submission, clipper.id, 'PENDING', 125, 100);
    await accrual(submission, clipper.id, 'AVAILABLE', 250, 200);
    await accrual(submission, clipper.id, 'IN_PAYOUT', 375, 300);
    await accrual(submission, clipper.id, 'PAID', 500, 400);
    await accrual(submission, clipper.id, 'REVERSED', 1250, 999);

    const brandView = await request(ctx.testApp.app).get(`${API}/me/dashboard`).set(bearer(brand));
    expect(brandView.status, brandView.text).toBe(200);
    expectMatchesResponseSchema(route(), brandView.body);
    const counts = (approved: number, pending: number, rejected: number) => ({
      PENDING_REVIEW: pending,
      APPROVED: approved,
      REJECTED: rejected,
      REMOVED: 0,
    });
    expect(brandView.body.campaigns).toEqual([
      {
        id: quiet,
        title: 'Nothing yet',
        status: 'PENDING_APPROVAL',
        totalBudgetCents: 100_000,
        committedCents: 0,
        paidCents: 0,
        verifiedViews: 0,
        submissions: counts(0, 0, 0),
      },
      {
        id: campaign,
        title: 'Dashboard drop',
        status: 'IN_PROGRESS',
        totalBudgetCents: 100_000,
        committedCents: 30_000,
        paidCents: 500,
        // The rejected submission's 40 verified views do not count.
        verifiedViews: 1500 + 500,
        submissions: counts(1, 1, 1),
      },
    ]);
    expect(brandView.body.totals).toEqual({
      campaigns: 2,
      totalBudgetCents: 200_000,
      committedCents: 30_000,
      paidCents: 500,
      verifiedViews: 2000,
      submissions: counts(1, 1, 1),
    });

    const clipperView = await request(ctx.testApp.app).get(`${API}/me/dashboard`).set(bearer(clipper));
    expectMatchesResponseSchema(route(), clipperView.body);
    expect(clipperView.body).toEqual({
      role: 'CLIPPER',
      earnings: { pendingCents: 100, availableCents: 200, inPayoutCents: 300, paidCents: 400 },
      verifiedViews: 2000,
      submissions: counts(1, 1, 0),
      applications: { PENDING: 0, APPROVED: 1, REJECTED: 0, WITHDRAWN: 0 },
    });

    // Another brand sees none of it.
    const stranger = await createUser(ctx.testApp, db(), 'BRAND');
    const empty = await request(ctx.testApp.app).get(`${API}/me/dashboard`).set(bearer(stranger));
    expect(empty.body.totals).toMatchObject({ campaigns: 0, verifiedViews: 0, paidCents: 0 });
  });

  it('gives admins the platform’s counts by status', async () => {
    const admin = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'FINANCE' });
    const before = await request(ctx.testApp.app).get(`${API}/me/dashboard`).set(bearer(admin));
    expectMatchesResponseSchema(route(), before.body);
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    await insertCampaign(db(), brand.id, { status: 'UNDER_REVIEW' });
    const after = await request(ctx.testApp.app).get(`${API}/me/dashboard`).set(bearer(admin));
    expect(after.body.campaigns.UNDER_REVIEW).toBe(before.body.campaigns.UNDER_REVIEW + 1);
  });
});

import { randomInt } from 'node:crypto';
import request from 'supertest';
import type { Db } from '../../server/db.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, type TestUser } from './accounts.js';
import type { TestApp } from './app.js';
import { appNow } from './app-clock.js';

const API = '/api/v1';
const DAY = 86_400_000;

/** A campaign body that passes validation, ending in 30 days of the app's clock. */
export function campaignBody(testApp: TestApp, overrides: Record<string, unknown> = {}) {
  const now = testApp.clock.now().getTime();
  return {
    title: 'Summer drop clips',
    brief: 'Cut 15–30 s vertical clips from the festival footage; show the can in the first 3 seconds.',
    targetPlatforms: ['TIKTOK', 'YOUTUBE'],
    totalBudgetCents: 500_000,
    cpmCents: 250,
    maxPayoutPerSubmissionCents: 50_000,
    minViews: 1000,
    applicationMode: 'OPEN',
    endsAt: new Date(now + 30 * DAY).toISOString(),
    ...overrides,
  };
}

/** Uploads `bytes` over HTTP the way a client does: ask for a URL, PUT to it, confirm. Returns the upload id. */
export async function uploadOverHttp(
  testApp: TestApp,
  owner: TestUser,
  file: { purpose: 'CAMPAIGN_ASSET' | 'SUBMISSION_CLIP'; contentType: string; filename: string; bytes: Buffer },
): Promise<string> {
  const created = await request(testApp.app).post(`${API}/uploads`).set(bearer(owner)).send({
    purpose: file.purpose,
    filename: file.filename,
    contentType: file.contentType,
    sizeBytes: file.bytes.length,
  });
  if (created.status !== 201) throw new Error(`upload refused: ${created.status} ${created.text}`);
  const url = new URL(created.body.put.url);
  const put = await request(testApp.app)
    .put(`${url.pathname}${url.search}`)
    .set(created.body.put.headers)
    .send(file.bytes);
  if (put.status >= 300) throw new Error(`PUT refused: ${put.status} ${put.text}`);
  const confirmed = await request(testApp.app)
    .post(`${API}/uploads/${created.body.upload.id}/confirm`)
    .set(bearer(owner));
  if (confirmed.status !== 200) throw new Error(`confirm refused: ${confirmed.status} ${confirmed.text}`);
  return created.body.upload.id;
}

/** Direct inserts for tests that need a world in a given state quickly (no HTTP, no audit). */
export async function insertCampaign(
  db: Db,
  brandId: string,
  fields: {
    status?: 'PENDING_APPROVAL' | 'IN_PROGRESS' | 'UNDER_REVIEW' | 'FINISHED' | 'DISCARDED';
    applicationMode?: 'OPEN' | 'REVIEW';
    cpmCents?: number;
    title?: string;
    createdAt?: Date;
    endsAt?: Date;
  } = {},
): Promise<string> {
  const createdAt = fields.createdAt ?? appNow();
  const id = newId('cmp', createdAt.getTime());
  await db.campaign.create({
    data: {
      id,
      brandId,
      title: fields.title ?? 'Matrix campaign',
      brief: 'Clips of the launch trailer.',
      targetPlatforms: ['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X'],
      totalBudgetCents: 100_000n,
      cpmCents: fields.cpmCents ?? 300,
      applicationMode: fields.applicationMode ?? 'OPEN',
      status: fields.status ?? 'IN_PROGRESS',
      startsAt: new Date(createdAt.getTime() - DAY),
      endsAt: fields.endsAt ?? new Date(createdAt.getTime() + 30 * DAY),
      createdAt,
    },
  });
  return id;
}

export async function insertApplication(
  db: Db,
  campaignId: string,
  clipperId: string,
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN' = 'APPROVED',
): Promise<string> {
  const id = newId('app');
  await db.application.create({ data: { id, campaignId, clipperId, status } });
  return id;
}

/** A confirmed upload record (no object behind it), free to attach. */
export async function insertUpload(
  db: Db,
  ownerId: string,
  purpose: 'CAMPAIGN_ASSET' | 'SUBMISSION_CLIP',
): Promise<string> {
  const now = appNow();
  const id = newId('upl', now.getTime());
  await db.upload.create({
    data: {
      id,
      ownerId,
      purpose,
      key: `uploads/${ownerId}/${id}/clip.mp4`,
      filename: 'clip.mp4',
      contentType: 'video/mp4',
      declaredBytes: 1024,
      sizeBytes: 1024,
      status: 'CONFIRMED',
      expiresAt: now,
      confirmedAt: now,
      createdAt: now,
    },
  });
  return id;
}

let posts = 0;
/** A TikTok link to a post nobody has claimed yet. */
export const freshTikTokLink = () =>
  `https://www.tiktok.com/@clipper/video/7${String(randomInt(1e9)).padStart(9, '0')}${String(++posts).padStart(6, '0')}`;

/** A PENDING_REVIEW submission of the clipper to the campaign, with one fresh link and a clip. */
export async function insertSubmission(
  db: Db,
  campaignId: string,
  clipperId: string,
  status: 'PENDING_REVIEW' | 'APPROVED' | 'REJECTED' | 'REMOVED' = 'PENDING_REVIEW',
): Promise<string> {
  const id = newId('sub');
  const clipId = await insertUpload(db, clipperId, 'SUBMISSION_CLIP');
  const link = freshTikTokLink();
  await db.submission.create({
    data: {
      id,
      campaignId,
      clipperId,
      status,
      clip: { connect: { id: clipId } },
      postLinks: {
        create: { id: newId('pln'), platform: 'TIKTOK', url: link, platformPostId: link.split('/').at(-1) as string },
      },
    },
  });
  return id;
}

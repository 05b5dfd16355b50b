import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { campaignBody, uploadOverHttp } from '../helpers/marketplace.js';

/**
 * The acceptance path, over HTTP only: a brand creates a campaign with an uploaded asset, an admin
 * approves it, a clipper finds it, applies, uploads a clip and submits links, the brand approves the submission.
 */
const ctx = setupTestApp('marketplace-flow');
const API = '/api/v1';

describe('the brand ↔ clipper loop', () => {
  it('runs from campaign to approved submission', async () => {
    const app = () => ctx.testApp.app;
    const db = ctx.database.db;
    const [brand, clipper, moderator] = await Promise.all([
      createUser(ctx.testApp, db, 'BRAND', { label: 'flow-brand' }),
      createUser(ctx.testApp, db, 'CLIPPER', { label: 'flow-clipper' }),
      createUser(ctx.testApp, db, 'ADMIN', { label: 'flow-moderator', adminRole: 'MODERATOR' }),
    ]);

    // The brand uploads raw footage and submits the campaign.
    const footage = Buffer.from('raw festival footage, pretend this is a PNG still');
    const assetId = await uploadOverHttp(ctx.testApp, brand, {
      purpose: 'CAMPAIGN_ASSET',
      contentType: 'image/png',
      filename: 'festival-still.png',
      bytes: footage,
    });
    const title = `Festival cut ${randomUUID().slice(0, 8)}`;
    const created = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { title, assetUploadIds: [assetId] }));
    expect(created.status, created.text).toBe(201);
    expect(created.body.status).toBe('PENDING_APPROVAL');
    expect(created.body.assets).toEqual([
      expect.objectContaining({ id: assetId, filename: 'festival-still.png', contentType: 'image/png' }),
    ]);
    const campaignId: string = created.body.id;

    // Not visible to clippers until approved.
    const hidden = await request(app()).get(`${API}/campaigns/${campaignId}`).set(bearer(clipper));
    expect(hidden.status).toBe(404);

    const approved = await request(app())
      .post(`${API}/campaigns/${campaignId}/status`)
      .set(bearer(moderator))
      .send({ status: 'IN_PROGRESS' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe('IN_PROGRESS');

    // The clipper finds it by text and platform, reads it, and downloads the footage.
    const found = await request(app())
      .get(`${API}/campaigns`)
      .query({ q: title, platform: 'TIKTOK' })
      .set(bearer(clipper));
    expect(found.status, found.text).toBe(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([campaignId]);
    const download = await request(app()).get(`${API}/uploads/${assetId}/download`).set(bearer(clipper));
    expect(download.status, download.text).toBe(200);
    const fileUrl = new URL(download.body.url);
    const file = await request(app()).get(`${fileUrl.pathname}${fileUrl.search}`).buffer(true);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body).equals(footage)).toBe(true);

    const applied = await request(app()).post(`${API}/campaigns/${campaignId}/apply`).set(bearer(clipper)).send({});
    expect(applied.status, applied.text).toBe(201);
    expect(applied.body.status).toBe('APPROVED');

    // The clipper uploads the edited clip and submits where it is posted.
    const clipId = await uploadOverHttp(ctx.testApp, clipper, {
      purpose: 'SUBMISSION_CLIP',
      contentType: 'video/mp4',
      filename: 'festival-cut.mp4',
      bytes: Buffer.alloc(4096, 7),
    });
    const submitted = await request(app())
      .post(`${API}/campaigns/${campaignId}/submissions`)
      .set(bearer(clipper))
      .send({
        clipUploadId: clipId,
        links: ['https://www.tiktok.com/@flowclips/video/7301234567890123456?lang=en', 'https://youtu.be/dQw4w9WgXcQ'],
        caption: 'Festival highlights #AcmePartner',
      });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.body.status).toBe('PENDING_REVIEW');
    expect(submitted.body.links.map((l: { platform: string; platformPostId: string }) => l)).toEqual([
      expect.objectContaining({ platform: 'TIKTOK', platformPostId: '7301234567890123456' }),
      expect.objectContaining({ platform: 'YOUTUBE', platformPostId: 'dQw4w9WgXcQ' }),
    ]);

    // The brand sees it among its campaign's submissions and approves it.
    const inbox = await request(app()).get(`${API}/campaigns/${campaignId}/submissions`).set(bearer(brand));
    expect(inbox.status, inbox.text).toBe(200);
    expect(inbox.body.items.map((s: { id: string }) => s.id)).toEqual([submitted.body.id]);
    const reviewed = await request(app())
      .post(`${API}/submissions/${submitted.body.id}/review`)
      .set(bearer(brand))
      .send({ decision: 'APPROVE' });
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.body.status).toBe('APPROVED');

    const mine = await request(app()).get(`${API}/submissions/${submitted.body.id}`).set(bearer(clipper));
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.status).toBe('APPROVED');
    const brandDashboard = await request(app()).get(`${API}/me/dashboard`).set(bearer(brand));
    expect(brandDashboard.body.totals.submissions.APPROVED).toBe(1);
    expect(brandDashboard.body.campaigns[0]).toMatchObject({ id: campaignId, status: 'IN_PROGRESS' });
    const clipperDashboard = await request(app()).get(`${API}/me/dashboard`).set(bearer(clipper));
    expect(clipperDashboard.body).toMatchObject({ role: 'CLIPPER', submissions: { APPROVED: 1 } });

    // Every step left an audit event.
    const actions = await db.auditEvent.findMany({
      where: { subjectId: { in: [campaignId, applied.body.id, submitted.body.id] } },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'campaign.created',
      'campaign.approved',
      'application.submitted',
      'submission.created',
      'submission.approved',
    ]);
  });
});

import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { signedInOperator } from '../helpers/back-office.js';
import { insertApplication, insertCampaign, insertSubmission } from '../helpers/marketplace.js';

const ctx = setupTestApp('admin-campaigns', { admin: true, seed: true });

const operator = (email: string) => signedInOperator(ctx.testApp, email);

const actionsOf = async (agent: request.Agent, id: string) =>
  (await agent.get(`/admin/api/resources/Campaign/records/${id}/show`).expect(200)).body.record.recordActions.map(
    (a: { name: string }) => a.name,
  );

describe('back office: campaign moves', () => {
  it('approves, closes and finishes through the status table, audited; finance sees no such action', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const id = await insertCampaign(ctx.database.db, brand.id, { status: 'PENDING_APPROVAL' });
    const [moderator, finance] = await Promise.all([
      operator('moderator@contentflow.local'),
      operator('finance@contentflow.local'),
    ]);
    expect(await actionsOf(finance, id)).not.toContain('approve');
    expect(await actionsOf(moderator, id)).toEqual(expect.arrayContaining(['approve']));
    expect(await actionsOf(moderator, id)).not.toContain('finish');

    const approved = await moderator.post(`/admin/api/resources/Campaign/records/${id}/approve`).expect(200);
    expect(approved.body.notice).toEqual({ message: 'Campaign approved: it is in progress.', type: 'success' });
    expect(approved.body.record.params.status).toBe('IN_PROGRESS');
    const event = await ctx.database.db.auditEvent.findFirstOrThrow({
      where: { subjectId: id, action: 'campaign.approved' },
    });
    expect(event.actorType).toBe('ADMIN');
    expect(event.requestId).toMatch(/^req_/);

    // A pending submission blocks finishing: the use case's refusal comes back as a notice.
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    await insertApplication(ctx.database.db, id, clipper.id);
    await insertSubmission(ctx.database.db, id, clipper.id);
    await moderator.post(`/admin/api/resources/Campaign/records/${id}/closeForReview`).expect(200);
    const blocked = await moderator.post(`/admin/api/resources/Campaign/records/${id}/finish`).expect(200);
    expect(blocked.body.notice).toEqual({
      message: '1 submission(s) still wait for review; review them before finishing.',
      type: 'error',
    });
    expect((await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('UNDER_REVIEW');
  });

  it('never changes anything on a GET to an action: a link or a prefetch only reads the record', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const id = await insertCampaign(ctx.database.db, brand.id, { status: 'PENDING_APPROVAL' });
    const moderator = await operator('moderator@contentflow.local');
    for (const action of ['approve', 'discard']) {
      const res = await moderator.get(`/admin/api/resources/Campaign/records/${id}/${action}`).expect(200);
      expect(res.body.record.params.status).toBe('PENDING_APPROVAL');
      expect(res.body.notice).toBeUndefined();
    }
    expect((await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');
    expect(await ctx.database.db.auditEvent.count({ where: { subjectId: id } })).toBe(0);
  });

  it('discards only with a reason the API would take, through the same use case', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const id = await insertCampaign(ctx.database.db, brand.id, { status: 'PENDING_APPROVAL' });
    const [moderator, finance] = await Promise.all([
      operator('moderator@contentflow.local'),
      operator('finance@contentflow.local'),
    ]);
    expect(await actionsOf(finance, id)).not.toContain('discard');
    const refused = await finance.post(`/admin/api/resources/Campaign/records/${id}/discard`).field('reason', 'Spam');
    expect(refused.body.notice.type).toBe('error');
    for (const reason of [undefined, '  x ', 'y'.repeat(1001)]) {
      const post = moderator.post(`/admin/api/resources/Campaign/records/${id}/discard`);
      const res = await (reason === undefined ? post : post.field('reason', reason)).expect(200);
      expect(res.body.notice).toEqual({ message: 'Give the brand a reason of 3 to 1,000 characters.', type: 'error' });
    }
    expect((await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');

    const done = await moderator
      .post(`/admin/api/resources/Campaign/records/${id}/discard`)
      .field('reason', '  Duplicate of an earlier campaign.  ')
      .expect(200);
    expect(done.body.notice.type).toBe('success');
    const campaign = await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } });
    expect([campaign.status, campaign.discardReason]).toEqual(['DISCARDED', 'Duplicate of an earlier campaign.']);
    // Finished and discarded campaigns offer no more moves.
    expect(await actionsOf(moderator, id)).not.toContain('discard');
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { insertApplication, insertCampaign, insertSubmission } from '../helpers/marketplace.js';

const ctx = setupTestApp('admin-campaigns', { admin: true, seed: true });

async function operator(email: string) {
  const agent = request.agent(ctx.testApp.app).set('Origin', new URL(ctx.testApp.config.publicUrl).origin);
  await agent.post('/admin/login').type('form').send({ email, password: DEMO_PASSWORD }).expect(302);
  return agent;
}

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
});

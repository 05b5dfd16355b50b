import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { signedInOperator } from '../helpers/back-office.js';
import { insertCampaign } from '../helpers/marketplace.js';

// Text PostgreSQL refuses (NUL) reaching the back office through forms, record ids, filters, sorts and searches.
const ctx = setupTestApp('admin-unstorable-text', { admin: true, seed: true });

const moderator = () => signedInOperator(ctx.testApp, 'moderator@contentflow.local');

describe('back office: text the database cannot store', () => {
  it('answers a discard reason carrying NUL with an error notice and changes nothing', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const id = await insertCampaign(ctx.database.db, brand.id, { status: 'PENDING_APPROVAL' });
    const agent = await moderator();
    for (const reason of ['Spam\u0000campaign', '\u0000\u0000\u0000']) {
      const res = await agent.post(`/admin/api/resources/Campaign/records/${id}/discard`).field('reason', reason);
      expect(res.status, res.text).toBe(200);
      expect(res.body.notice, res.text).toEqual({
        message: 'The form contains a character that cannot be stored; remove it.',
        type: 'error',
      });
    }
    const campaign = await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } });
    expect([campaign.status, campaign.discardReason]).toEqual(['PENDING_APPROVAL', null]);
    expect(await ctx.database.db.auditEvent.count({ where: { subjectId: id } })).toBe(0);
  });

  it('finds nothing for a record id carrying NUL, without a server error', async () => {
    const agent = await moderator();
    for (const path of [
      '/admin/api/resources/User/records/%00/show',
      '/admin/api/resources/Campaign/records/cmp_%00/show',
      '/admin/resources/User/records/%00/show',
    ]) {
      const res = await agent.get(path);
      expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    }
    const action = await agent.post('/admin/api/resources/User/records/%00/suspend');
    expect(action.status, action.text.slice(0, 300)).toBeLessThan(500);
    // Bulk actions look their records up first; ids that name none are the caller's mistake.
    for (const query of ['?recordIds=%00', `?recordIds=usr_${'0'.repeat(26)}`, '']) {
      const bulk = await agent.get(`/admin/api/resources/User/bulk/bulkDelete${query}`);
      expect([bulk.status, bulk.body.code], query).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('signs nobody in with NUL in the form, without asking the database', async () => {
    const logged = vi.spyOn(ctx.testApp.services.logger, 'error');
    try {
      for (const email of ['moderator@contentflow.local\u0000', '\u0000']) {
        const res = await request(ctx.testApp.app)
          .post('/admin/login')
          .set('Origin', new URL(ctx.testApp.config.publicUrl).origin)
          .type('form')
          .send({ email, password: DEMO_PASSWORD });
        expect(res.status).toBe(200);
        expect(res.headers['set-cookie'] ?? []).toEqual([]);
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('lists, sorts and searches with NUL in the query without a server error', async () => {
    const agent = await moderator();
    const answers: string[] = [];
    for (const path of [
      '/admin/api/resources/User/actions/list?filters.email=%00',
      '/admin/api/resources/User/actions/list?filters.email=a%00b&filters.status=ACTIVE',
      '/admin/api/resources/User/actions/list?filters.id=%00',
      '/admin/api/resources/User/actions/list?filters.status=%00',
      '/admin/api/resources/Campaign/actions/list?filters.brand=%00',
      '/admin/api/resources/Campaign/actions/list?filters.brand=usr_%00',
      '/admin/api/resources/User/actions/list?sortBy=%00&direction=asc',
      '/admin/api/resources/User/actions/list?sortBy=email&direction=%00',
      '/admin/api/resources/User/actions/search/%00',
      '/admin/api/resources/User/actions/search/a%00?searchProperty=email',
      '/admin/resources/User?filters.email=%00',
      // Not text, but the same door: a page size that is no whole number must not reach the query either.
      '/admin/api/resources/User/actions/list?page=%00&perPage=%00',
      '/admin/api/resources/User/actions/list?perPage=abc',
      '/admin/api/resources/User/actions/list?perPage=2.5',
      '/admin/api/resources/User/actions/list?perPage=-3',
      '/admin/api/resources/User/actions/list?page=-2',
    ]) {
      const res = await agent.get(path);
      answers.push(`${res.status} ${path}`);
      // No stored email holds a NUL: the filter finds nothing (AdminJS answers the list with no records).
      if (res.status === 200 && path.includes('list?filters.email=')) expect(res.body.records, path).toEqual([]);
    }
    expect(answers.filter((answer) => answer.startsWith('5'))).toEqual([]);
  });

  it('shows an unexpected failure of an action as a generic error notice, and logs it', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const id = await insertCampaign(ctx.database.db, brand.id, { status: 'PENDING_APPROVAL' });
    // A fault below the use case (here the database refusing the write) is no refusal the use case knows of.
    await ctx.database.db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_campaign_writes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'campaign table is read-only in this test'; END $$`);
    await ctx.database.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_campaign_writes BEFORE UPDATE ON "Campaign" FOR EACH ROW EXECUTE FUNCTION refuse_campaign_writes()`,
    );
    const logged = vi.spyOn(ctx.testApp.services.logger, 'error');
    try {
      const agent = await moderator();
      const res = await agent.post(`/admin/api/resources/Campaign/records/${id}/approve`);
      expect(res.status, res.text).toBe(200);
      expect(res.body.notice).toEqual({
        message: 'Something went wrong on our side; reload the record to see its state and try again.',
        type: 'error',
      });
      expect(res.text).not.toContain('read-only in this test');
      expect(logged).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'approve', recordId: id }),
        'back-office action failed',
      );
    } finally {
      logged.mockRestore();
      await ctx.database.db.$executeRawUnsafe('DROP TRIGGER refuse_campaign_writes ON "Campaign"');
    }
    expect((await ctx.database.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING_APPROVAL');
  });
});

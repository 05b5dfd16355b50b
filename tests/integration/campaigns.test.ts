import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../server/modules/campaigns/schemas.js';
import { CAMPAIGN_TRANSITIONS } from '../../server/modules/campaigns/transitions.js';
import { bearer, createUser, TEST_PASSWORD, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import {
  campaignBody,
  insertApplication,
  insertCampaign,
  insertSubmission,
  insertUpload,
} from '../helpers/marketplace.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

const ctx = setupTestApp('campaigns');
const API = '/api/v1';
const DAY = 86_400_000;
const app = () => ctx.testApp.app;
const db = () => ctx.database.db;
const user = (role: TestUser['role'], adminRole?: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN') =>
  createUser(ctx.testApp, db(), role, { adminRole, label: `cmp-${role.toLowerCase()}` });
const fieldsOf = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path).sort();

describe('creating and editing a campaign', () => {
  it('creates a pending campaign with its assets, as the brand, and records it', async () => {
    const brand = await user('BRAND');
    const assets = [
      await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET'),
      await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET'),
    ];
    const res = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: assets, applicationMode: 'REVIEW' }));
    expect(res.status, res.text).toBe(201);
    expectMatchesResponseSchema(routeOf('post', '/campaigns'), res.body);
    expect(res.body).toMatchObject({
      brandId: brand.id,
      status: 'PENDING_APPROVAL',
      applicationMode: 'REVIEW',
      totalBudgetCents: 500_000,
      remainingBudgetCents: 500_000,
      holdDays: 3,
      countingWindowDays: 30,
    });
    expect(res.body.assets.map((a: { id: string }) => a.id).sort()).toEqual([...assets].sort());
    const audit = await db().auditEvent.findFirst({ where: { subjectId: res.body.id, action: 'campaign.created' } });
    expect(audit?.actorId).toBe(brand.id);
  });

  it('refuses terms that do not add up, naming every field at once', async () => {
    const brand = await user('BRAND');
    const now = ctx.testApp.clock.now().getTime();
    const res = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(
        campaignBody(ctx.testApp, {
          totalBudgetCents: 1000,
          maxPayoutPerSubmissionCents: 5000,
          startsAt: new Date(now + 10 * DAY).toISOString(),
          endsAt: new Date(now + 5 * DAY).toISOString(),
        }),
      );
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['maxPayoutPerSubmissionCents', 'startsAt']);
    const past = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { endsAt: new Date(now - DAY).toISOString() }));
    expect(fieldsOf(past)).toEqual(['endsAt']);
  });

  it('refuses wrong types, fractions of a cent, repeated platforms and unknown platforms', async () => {
    const brand = await user('BRAND');
    const res = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(
        campaignBody(ctx.testApp, {
          cpmCents: 2.5,
          totalBudgetCents: '500000',
          targetPlatforms: ['TIKTOK', 'TIKTOK', 'MYSPACE'],
          title: 'x',
        }),
      );
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['cpmCents', 'totalBudgetCents', 'title']));
    expect(fieldsOf(res).some((f: string) => f.startsWith('targetPlatforms'))).toBe(true);
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(0);
  });

  it('refuses assets that are not the brand’s confirmed campaign assets, and creates nothing', async () => {
    const [brand, other, clipper] = await Promise.all([user('BRAND'), user('BRAND'), user('CLIPPER')]);
    const foreign = await insertUpload(db(), other.id, 'CAMPAIGN_ASSET');
    const clip = await insertUpload(db(), clipper.id, 'SUBMISSION_CLIP');
    const res = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: [foreign, clip] }));
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['assetUploadIds.0', 'assetUploadIds.1']);
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(0);
  });

  it('lets the brand edit while pending (assets replaced), and refuses edits once approved', async () => {
    const brand = await user('BRAND');
    const [first, second] = [
      await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET'),
      await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET'),
    ];
    const created = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: [first] }));
    const id = created.body.id;
    const edited = await request(app())
      .patch(`${API}/campaigns/${id}`)
      .set(bearer(brand))
      .send({ cpmCents: 400, assetUploadIds: [second] });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.cpmCents).toBe(400);
    expect(edited.body.assets.map((a: { id: string }) => a.id)).toEqual([second]);
    expect((await db().upload.findUniqueOrThrow({ where: { id: first } })).campaignId).toBeNull();

    // The combined result is checked: a cap above the (unchanged) budget is refused.
    const capped = await request(app())
      .patch(`${API}/campaigns/${id}`)
      .set(bearer(brand))
      .send({ maxPayoutPerSubmissionCents: 10_000_000 });
    expect(fieldsOf(capped)).toEqual(['maxPayoutPerSubmissionCents']);
    const empty = await request(app()).patch(`${API}/campaigns/${id}`).set(bearer(brand)).send({});
    expect(empty.status).toBe(422);

    await db().campaign.update({ where: { id }, data: { status: 'IN_PROGRESS' } });
    const late = await request(app()).patch(`${API}/campaigns/${id}`).set(bearer(brand)).send({ cpmCents: 1 });
    expect(late.status, late.text).toBe(409);
    expect(late.body.code).toBe('CONFLICT');
    expect((await db().campaign.findUniqueOrThrow({ where: { id } })).cpmCents).toBe(400);
  });
});

describe('the campaign status table', () => {
  type Party = 'owner' | 'moderator' | 'finance' | 'otherBrand';
  const allowed = (from: CampaignStatus, to: CampaignStatus, party: Party) => {
    const move = CAMPAIGN_TRANSITIONS.find((m) => m.from === from && m.to === to);
    if (!move) return 'no-move';
    const as = party === 'owner' ? 'brand' : party === 'moderator' ? 'admin' : null;
    return as && move.by.includes(as) ? 'ok' : 'not-yours';
  };

  // Every (from, to) pair for the owner and a moderator: the answer follows the table exactly.
  const pairs = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', async (from, to) => {
    const [brand, moderator] = await Promise.all([user('BRAND'), user('ADMIN', 'MODERATOR')]);
    for (const [party, caller] of [
      ['owner', brand],
      ['moderator', moderator],
    ] as const) {
      const id = await insertCampaign(db(), brand.id, { status: from });
      const res = await request(app())
        .post(`${API}/campaigns/${id}/status`)
        .set(bearer(caller))
        .send({ status: to, reason: 'Breaks the disclosure rules.' });
      const expected = { ok: 200, 'no-move': 409, 'not-yours': 403 }[allowed(from, to, party)];
      const detail = `${from} → ${to} by ${party}: ${res.text}`;
      expect(res.status, detail).toBe(expected);
      const after = await db().campaign.findUniqueOrThrow({ where: { id } });
      expect(after.status, detail).toBe(res.status === 200 ? to : from);
      if (res.status === 200) {
        expectMatchesResponseSchema(routeOf('post', '/campaigns/:id/status'), res.body);
        const action = CAMPAIGN_TRANSITIONS.find((m) => m.from === from && m.to === to)?.action;
        expect(await db().auditEvent.count({ where: { subjectId: id, action } }), detail).toBe(1);
      }
    }
  });

  it('refuses every move to a finance admin and to another brand', async () => {
    const [brand, other, finance] = await Promise.all([user('BRAND'), user('BRAND'), user('ADMIN', 'FINANCE')]);
    const id = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' });
    const byFinance = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(finance))
      .send({ status: 'IN_PROGRESS' });
    expect(byFinance.status).toBe(403);
    const byOther = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(other))
      .send({ status: 'DISCARDED', reason: 'mine now' });
    expect(byOther.status).toBe(404);
  });

  it('needs a reason to discard, and shows it to the brand', async () => {
    const [brand, moderator] = await Promise.all([user('BRAND'), user('ADMIN', 'MODERATOR')]);
    const id = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' });
    const bare = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(moderator))
      .send({ status: 'DISCARDED' });
    expect(bare.status).toBe(422);
    expect(fieldsOf(bare)).toEqual(['reason']);
    const done = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(moderator))
      .send({ status: 'DISCARDED', reason: 'Asks clippers to hide the sponsorship.' });
    expect(done.status, done.text).toBe(200);
    const seen = await request(app()).get(`${API}/campaigns/${id}`).set(bearer(brand));
    expect(seen.body).toMatchObject({ status: 'DISCARDED', discardReason: 'Asks clippers to hide the sponsorship.' });
  });

  it('frees a discarded campaign’s footage for the brand’s next campaign', async () => {
    const [brand, moderator] = await Promise.all([user('BRAND'), user('ADMIN', 'MODERATOR')]);
    const asset = await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET');
    const created = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: [asset] }));
    await request(app())
      .post(`${API}/campaigns/${created.body.id}/status`)
      .set(bearer(moderator))
      .send({ status: 'DISCARDED', reason: 'Wrong brand account.' })
      .expect(200);
    const next = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: [asset] }));
    expect(next.status, next.text).toBe(201);
    expect(next.body.assets.map((a: { id: string }) => a.id)).toEqual([asset]);
  });

  it('will not approve a campaign whose end date has passed', async () => {
    const [brand, moderator] = await Promise.all([user('BRAND'), user('ADMIN', 'MODERATOR')]);
    const id = await insertCampaign(db(), brand.id, {
      status: 'PENDING_APPROVAL',
      createdAt: new Date(ctx.testApp.clock.now().getTime() - 10 * DAY),
      endsAt: new Date(ctx.testApp.clock.now().getTime() - DAY),
    });
    const res = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(moderator))
      .send({ status: 'IN_PROGRESS' });
    expect(res.status, res.text).toBe(409);
    expect(res.body.detail).toMatch(/end date has passed/);
  });

  it('finishes only once every submission is reviewed', async () => {
    const [brand, clipper] = await Promise.all([user('BRAND'), user('CLIPPER')]);
    const id = await insertCampaign(db(), brand.id, { status: 'UNDER_REVIEW' });
    await insertApplication(db(), id, clipper.id);
    const submission = await insertSubmission(db(), id, clipper.id);
    const early = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(brand))
      .send({ status: 'FINISHED' });
    expect(early.status, early.text).toBe(409);
    expect(early.body.detail).toMatch(/1 submission\(s\) still wait/);
    await request(app())
      .post(`${API}/submissions/${submission}/review`)
      .set(bearer(brand))
      .send({ decision: 'APPROVE' });
    const done = await request(app())
      .post(`${API}/campaigns/${id}/status`)
      .set(bearer(brand))
      .send({ status: 'FINISHED' });
    expect(done.status, done.text).toBe(200);
  });
});

describe('who sees a campaign and its footage', () => {
  it('shows the footage to exactly those who see the campaign, in every status', async () => {
    const [brand, otherBrand, stranger, applicant, finance] = await Promise.all([
      user('BRAND'),
      user('BRAND'),
      user('CLIPPER'),
      user('CLIPPER'),
      user('ADMIN', 'FINANCE'),
    ]);
    const asset = await insertUpload(db(), brand.id, 'CAMPAIGN_ASSET');
    const created = await request(app())
      .post(`${API}/campaigns`)
      .set(bearer(brand))
      .send(campaignBody(ctx.testApp, { assetUploadIds: [asset] }));
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    await insertApplication(db(), id, applicant.id, 'REJECTED');
    const callers = { brand, otherBrand, stranger, applicant, finance };
    const seen: string[] = [];
    for (const status of CAMPAIGN_STATUSES) {
      await db().campaign.update({ where: { id }, data: { status } });
      for (const [name, caller] of Object.entries(callers)) {
        const campaign = await request(app()).get(`${API}/campaigns/${id}`).set(bearer(caller));
        const footage = await request(app()).get(`${API}/uploads/${asset}/download`).set(bearer(caller));
        expect([campaign.status, 200, 404]).toContain(campaign.status);
        expect(footage.status, `${name} in ${status}: ${footage.text}`).toBe(campaign.status);
        if (campaign.status === 200) seen.push(`${name}:${status}`);
      }
    }
    // The rule is not vacuous: a clipper who never applied sees a running campaign, and nothing else.
    expect(seen.filter((entry) => entry.startsWith('stranger:'))).toEqual(['stranger:IN_PROGRESS']);
    expect(seen.filter((entry) => entry.startsWith('applicant:'))).toHaveLength(CAMPAIGN_STATUSES.length);
    expect(seen.filter((entry) => entry.startsWith('otherBrand:'))).toEqual([]);
  });

  it('gives an admin’s API token without the ADMIN scope no admin view of campaigns, applications or submissions', async () => {
    const [brand, clipper, admin] = await Promise.all([user('BRAND'), user('CLIPPER'), user('ADMIN', 'SUPERADMIN')]);
    const id = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' });
    const running = await insertCampaign(db(), brand.id, { status: 'IN_PROGRESS' });
    await insertApplication(db(), running, clipper.id);
    await insertSubmission(db(), running, clipper.id);
    const minted = await request(app())
      .post(`${API}/users/me/api-tokens`)
      .set(bearer(admin))
      .send({ name: 'read only', scopes: ['READ'], currentPassword: TEST_PASSWORD });
    expect(minted.status, minted.text).toBe(201);
    const readOnly = { token: minted.body.token as string };
    // The same admin with full powers sees everything, so the refusals below are about the token's scope.
    const full = await request(app()).get(`${API}/campaigns/${id}`).set(bearer(admin));
    expect(full.status).toBe(200);

    expect((await request(app()).get(`${API}/campaigns/${id}`).set(bearer(readOnly))).status).toBe(404);
    const list = await request(app()).get(`${API}/campaigns?brandId=${brand.id}&limit=100`).set(bearer(readOnly));
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    for (const path of ['/applications', '/submissions']) {
      const rows = await request(app()).get(`${API}${path}?limit=100`).set(bearer(readOnly));
      expect(rows.status, rows.text).toBe(200);
      expect(rows.body.items, path).toEqual([]);
    }
  });
});

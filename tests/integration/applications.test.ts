import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { insertApplication, insertCampaign } from '../helpers/marketplace.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

/**
 * Applications over HTTP on a real database: how the campaign's mode sets the first status, deciding and
 * withdrawing (and what may not happen twice), re-applying, campaigns that are not running, a race of two
 * applies, the list's scoping, filters and keyset pages, and the audit trail. Who may call which route at all is
 * the authorization matrix's business (tests/helpers/authz-marketplace-rows.ts).
 */
const ctx = setupTestApp('applications');
const API = '/api/v1';
const app = () => ctx.testApp.app;
const db = () => ctx.database.db;
const user = (role: TestUser['role'], adminRole?: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN') =>
  createUser(ctx.testApp, db(), role, { adminRole, label: `app-${(adminRole ?? role).toLowerCase()}` });
const fieldsOf = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path).sort();
const idsOf = (res: request.Response) => res.body.items.map((item: { id: string }) => item.id);

const apply = (clipper: TestUser, campaignId: string, body: Record<string, unknown> = {}) =>
  request(app()).post(`${API}/campaigns/${campaignId}/apply`).set(bearer(clipper)).send(body);
const decide = (who: TestUser, applicationId: string, decision: 'APPROVE' | 'REJECT') =>
  request(app()).post(`${API}/applications/${applicationId}/decision`).set(bearer(who)).send({ decision });
const withdraw = (who: TestUser, applicationId: string) =>
  request(app()).post(`${API}/applications/${applicationId}/withdraw`).set(bearer(who)).send({});
const list = (who: TestUser, query: Record<string, string | number> = {}) =>
  request(app()).get(`${API}/applications`).query(query).set(bearer(who));

async function world(mode: 'OPEN' | 'REVIEW' = 'OPEN') {
  const [brand, clipper] = await Promise.all([user('BRAND'), user('CLIPPER')]);
  const campaignId = await insertCampaign(db(), brand.id, { applicationMode: mode, title: `${mode} campaign` });
  return { brand, clipper, campaignId };
}

describe('applying', () => {
  it('approves at once on an OPEN campaign, with the decision time', async () => {
    const { clipper, campaignId } = await world('OPEN');
    await db().clipperProfile.create({
      data: { id: newId('cpr'), userId: clipper.id, displayName: 'Quick Cuts' },
    });
    const res = await apply(clipper, campaignId, { pitch: '  I cut fast.  ' });
    expect(res.status, res.text).toBe(201);
    expectMatchesResponseSchema(routeOf('post', '/campaigns/:id/apply'), res.body);
    expect(res.body).toMatchObject({
      campaignId,
      campaignTitle: 'OPEN campaign',
      clipperId: clipper.id,
      clipperName: 'Quick Cuts',
      status: 'APPROVED',
      pitch: 'I cut fast.',
      decidedAt: ctx.testApp.clock.now().toISOString(),
    });
    expect(res.body.id).toMatch(/^app_/);
  });

  it('waits for the brand on a REVIEW campaign', async () => {
    const { clipper, campaignId } = await world('REVIEW');
    const res = await apply(clipper, campaignId);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'PENDING', decidedAt: null, pitch: null });
  });

  it('refuses a second application while the first stands', async () => {
    for (const mode of ['OPEN', 'REVIEW'] as const) {
      const { clipper, campaignId } = await world(mode);
      expect((await apply(clipper, campaignId)).status).toBe(201);
      const again = await apply(clipper, campaignId);
      expect(again.status, again.text).toBe(409);
      expect(again.body.detail).toMatch(/already applied/);
      expect(await db().application.count({ where: { campaignId } })).toBe(1);
    }
  });

  it('reopens the same application after a withdrawal, with the status the mode gives', async () => {
    for (const mode of ['OPEN', 'REVIEW'] as const) {
      const { clipper, campaignId } = await world(mode);
      const first = await apply(clipper, campaignId, { pitch: 'first try' });
      expect((await withdraw(clipper, first.body.id)).body.status).toBe('WITHDRAWN');
      ctx.testApp.clock.advance(1000);
      const again = await apply(clipper, campaignId, {});
      expect(again.status, again.text).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.status).toBe(mode === 'OPEN' ? 'APPROVED' : 'PENDING');
      expect(again.body.decidedAt).toBe(mode === 'OPEN' ? ctx.testApp.clock.now().toISOString() : null);
      // The old pitch does not linger.
      expect(again.body.pitch).toBeNull();
      expect(await db().application.count({ where: { campaignId } })).toBe(1);
    }
  });

  it('keeps a rejection: applying again is a 409 saying the brand declined', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    expect((await decide(brand, applied.body.id, 'REJECT')).status).toBe(200);
    const again = await apply(clipper, campaignId);
    expect(again.status, again.text).toBe(409);
    expect(again.body.detail).toMatch(/declined/);
    const row = await db().application.findUniqueOrThrow({ where: { id: applied.body.id } });
    expect(row.status).toBe('REJECTED');
  });

  it('hides a campaign awaiting approval from a clipper who never applied (404)', async () => {
    const brand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const campaignId = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' });
    const res = await apply(clipper, campaignId);
    expect(res.status, res.text).toBe(404);
    expect(await db().application.count({ where: { campaignId } })).toBe(0);
  });

  it('refuses to (re)apply once the campaign is under review (409)', async () => {
    const { clipper, campaignId } = await world('OPEN');
    const applied = await apply(clipper, campaignId);
    await withdraw(clipper, applied.body.id);
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'UNDER_REVIEW' } });
    const res = await apply(clipper, campaignId);
    expect(res.status, res.text).toBe(409);
    expect(res.body.detail).toMatch(/not taking applications/);
    expect((await db().application.findUniqueOrThrow({ where: { id: applied.body.id } })).status).toBe('WITHDRAWN');
  });

  it('lets only one of two parallel applies through', async () => {
    for (const mode of ['OPEN', 'REVIEW'] as const) {
      const { clipper, campaignId } = await world(mode);
      const answers = await Promise.all([apply(clipper, campaignId), apply(clipper, campaignId)]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await db().application.count({ where: { campaignId, clipperId: clipper.id } })).toBe(1);
    }
  });

  it('refuses a pitch that is too long or empty, naming it', async () => {
    const { clipper, campaignId } = await world('REVIEW');
    for (const pitch of ['x'.repeat(2001), '   ']) {
      const res = await apply(clipper, campaignId, { pitch });
      expect(res.status, res.text).toBe(422);
      expect(fieldsOf(res)).toEqual(['pitch']);
    }
    expect(await db().application.count({ where: { campaignId } })).toBe(0);
  });
});

describe('deciding', () => {
  it('the brand approves a pending application', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    ctx.testApp.clock.advance(5000);
    const res = await decide(brand, applied.body.id, 'APPROVE');
    expect(res.status, res.text).toBe(200);
    expectMatchesResponseSchema(routeOf('post', '/applications/:id/decision'), res.body);
    expect(res.body).toMatchObject({
      id: applied.body.id,
      status: 'APPROVED',
      decidedAt: ctx.testApp.clock.now().toISOString(),
      updatedAt: ctx.testApp.clock.now().toISOString(),
      createdAt: applied.body.createdAt,
    });
  });

  it('the brand rejects a pending application', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    const res = await decide(brand, applied.body.id, 'REJECT');
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('REJECTED');
    expect(res.body.decidedAt).not.toBeNull();
  });

  it('a decided application cannot be decided again (409), whichever way', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    await decide(brand, applied.body.id, 'APPROVE');
    for (const decision of ['APPROVE', 'REJECT'] as const) {
      const res = await decide(brand, applied.body.id, decision);
      expect(res.status, res.text).toBe(409);
    }
    // An OPEN campaign's application was never pending: nothing to decide either.
    const open = await world('OPEN');
    const auto = await apply(open.clipper, open.campaignId);
    expect((await decide(open.brand, auto.body.id, 'REJECT')).status).toBe(409);
    // Nor a withdrawn one.
    const other = await world('REVIEW');
    const gone = await apply(other.clipper, other.campaignId);
    await withdraw(other.clipper, gone.body.id);
    expect((await decide(other.brand, gone.body.id, 'APPROVE')).status).toBe(409);
    expect((await db().application.findUniqueOrThrow({ where: { id: applied.body.id } })).status).toBe('APPROVED');
  });

  it('a moderator may decide; a finance admin may not (403)', async () => {
    const { clipper, campaignId } = await world('REVIEW');
    const [moderator, finance] = await Promise.all([user('ADMIN', 'MODERATOR'), user('ADMIN', 'FINANCE')]);
    const applied = await apply(clipper, campaignId);
    const refused = await decide(finance, applied.body.id, 'APPROVE');
    expect(refused.status, refused.text).toBe(403);
    expect((await db().application.findUniqueOrThrow({ where: { id: applied.body.id } })).status).toBe('PENDING');
    const res = await decide(moderator, applied.body.id, 'APPROVE');
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('APPROVED');
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { subjectId: applied.body.id, action: 'application.approved' },
    });
    expect(audit.actorId).toBe(moderator.id);
  });

  it('no decision once the campaign has left IN_PROGRESS (409)', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'UNDER_REVIEW' } });
    const res = await decide(brand, applied.body.id, 'APPROVE');
    expect(res.status, res.text).toBe(409);
    expect((await db().application.findUniqueOrThrow({ where: { id: applied.body.id } })).status).toBe('PENDING');
  });

  it('refuses an unknown decision, naming it', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const applied = await apply(clipper, campaignId);
    const res = await request(app())
      .post(`${API}/applications/${applied.body.id}/decision`)
      .set(bearer(brand))
      .send({ decision: 'MAYBE' });
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toEqual(['decision']);
  });
});

describe('withdrawing', () => {
  it('withdraws a pending or an approved application, keeping its decision time', async () => {
    for (const mode of ['OPEN', 'REVIEW'] as const) {
      const { clipper, campaignId } = await world(mode);
      const applied = await apply(clipper, campaignId);
      ctx.testApp.clock.advance(1000);
      const res = await withdraw(clipper, applied.body.id);
      expect(res.status, res.text).toBe(200);
      expectMatchesResponseSchema(routeOf('post', '/applications/:id/withdraw'), res.body);
      expect(res.body).toMatchObject({
        id: applied.body.id,
        status: 'WITHDRAWN',
        decidedAt: applied.body.decidedAt,
        updatedAt: ctx.testApp.clock.now().toISOString(),
      });
    }
  });

  it('refuses to withdraw a rejected or already withdrawn application (409)', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const rejected = await apply(clipper, campaignId);
    await decide(brand, rejected.body.id, 'REJECT');
    expect((await withdraw(clipper, rejected.body.id)).status).toBe(409);

    const other = await world('OPEN');
    const applied = await apply(other.clipper, other.campaignId);
    expect((await withdraw(other.clipper, applied.body.id)).status).toBe(200);
    const twice = await withdraw(other.clipper, applied.body.id);
    expect(twice.status, twice.text).toBe(409);
    expect(twice.body.detail).toMatch(/WITHDRAWN/);
  });

  it('only the clipper withdraws: the brand and a superadmin are refused (403)', async () => {
    const { brand, clipper, campaignId } = await world('OPEN');
    const superadmin = await user('ADMIN', 'SUPERADMIN');
    const applied = await apply(clipper, campaignId);
    expect((await withdraw(brand, applied.body.id)).status).toBe(403);
    expect((await withdraw(superadmin, applied.body.id)).status).toBe(403);
    // Another clipper cannot even see it.
    expect((await withdraw(await user('CLIPPER'), applied.body.id)).status).toBe(404);
    expect((await db().application.findUniqueOrThrow({ where: { id: applied.body.id } })).status).toBe('APPROVED');
  });
});

describe('listing', () => {
  it('scopes by role: a clipper sees its own, a brand its campaigns’, an admin all', async () => {
    const [brandA, brandB, clipperA, clipperB, admin] = await Promise.all([
      user('BRAND'),
      user('BRAND'),
      user('CLIPPER'),
      user('CLIPPER'),
      user('ADMIN', 'FINANCE'),
    ]);
    const campaignA = await insertCampaign(db(), brandA.id);
    const campaignB = await insertCampaign(db(), brandB.id);
    const aA = await insertApplication(db(), campaignA, clipperA.id);
    const aB = await insertApplication(db(), campaignB, clipperA.id, 'PENDING');
    const bA = await insertApplication(db(), campaignA, clipperB.id, 'REJECTED');

    const sorted = (ids: string[]) => [...ids].sort();
    const mine = await list(clipperA);
    expect(mine.status, mine.text).toBe(200);
    expectMatchesResponseSchema(routeOf('get', '/applications'), mine.body);
    expect(sorted(idsOf(mine))).toEqual(sorted([aA, aB]));
    expect(sorted(idsOf(await list(clipperB)))).toEqual([bA]);
    expect(sorted(idsOf(await list(brandA)))).toEqual(sorted([aA, bA]));
    expect(sorted(idsOf(await list(brandB)))).toEqual([aB]);
    const all = idsOf(await list(admin, { limit: 100 }));
    expect(all).toEqual(expect.arrayContaining([aA, aB, bA]));

    // A brand filtering on another brand's campaign gets nothing, not its rows.
    expect(idsOf(await list(brandA, { campaignId: campaignB }))).toEqual([]);
    expect(idsOf(await list(admin, { campaignId: campaignA, status: 'REJECTED' }))).toEqual([bA]);
  });

  it('filters by campaign and by status', async () => {
    const brand = await user('BRAND');
    const clippers = await Promise.all([1, 2, 3, 4].map(() => user('CLIPPER')));
    const campaignA = await insertCampaign(db(), brand.id);
    const campaignB = await insertCampaign(db(), brand.id);
    const statuses = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
    const onA: Record<string, string> = {};
    for (const [i, clipper] of clippers.entries()) {
      onA[statuses[i]] = await insertApplication(db(), campaignA, clipper.id, statuses[i]);
      await insertApplication(db(), campaignB, clipper.id, 'APPROVED');
    }
    const onlyA = await list(brand, { campaignId: campaignA });
    expect([...idsOf(onlyA)].sort()).toEqual(Object.values(onA).sort());
    for (const status of statuses) {
      const res = await list(brand, { campaignId: campaignA, status });
      expect(res.status, res.text).toBe(200);
      expect(idsOf(res)).toEqual([onA[status]]);
      expect(res.body.items[0].status).toBe(status);
    }
    expect(idsOf(await list(brand, { status: 'APPROVED' }))).toHaveLength(5);
    const bad = await list(brand, { status: 'MAYBE', campaignId: 'not-an-id' });
    expect(bad.status, bad.text).toBe(422);
    expect(fieldsOf(bad)).toEqual(['campaignId', 'status']);
  });

  it('pages newest first without overlap or gaps, also while applications arrive', async () => {
    const brand = await user('BRAND');
    const campaignId = await insertCampaign(db(), brand.id);
    const clippers = await Promise.all(Array.from({ length: 16 }, () => user('CLIPPER')));
    const base = ctx.testApp.clock.now().getTime() - 3_600_000;
    // Eleven applications; some share a creation time, so the id breaks ties.
    const original: Array<{ id: string; at: number }> = [];
    for (const [i, clipper] of clippers.slice(0, 11).entries()) {
      const at = base + Math.floor(i / 2) * 1000;
      const id = await insertApplication(db(), campaignId, clipper.id, 'APPROVED');
      await db().application.update({ where: { id }, data: { createdAt: new Date(at) } });
      original.push({ id, at });
    }
    const expected = [...original].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((row) => row.id);

    const first = await list(brand, { campaignId, limit: 4 });
    expect(first.status, first.text).toBe(200);
    expect(idsOf(first)).toHaveLength(4);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    // Five newer applications land between the pages.
    for (const clipper of clippers.slice(11)) {
      const id = await insertApplication(db(), campaignId, clipper.id, 'APPROVED');
      await db().application.update({ where: { id }, data: { createdAt: new Date(base + 3_000_000) } });
    }

    const seen: string[] = [...idsOf(first)];
    let cursor: string | null = first.body.nextCursor;
    let pages = 1;
    while (cursor) {
      const page = await list(brand, { campaignId, limit: 4, cursor });
      expect(page.status, page.text).toBe(200);
      expect(idsOf(page).length).toBeLessThanOrEqual(4);
      seen.push(...idsOf(page));
      cursor = page.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    // A page that ends exactly on the last row has no next cursor.
    const whole = await list(brand, { campaignId, limit: 16 });
    expect(idsOf(whole)).toHaveLength(16);
    expect(whole.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give out, naming `cursor`', async () => {
    const clipper = await user('CLIPPER');
    const forged = [
      'not-a-cursor',
      Buffer.from(JSON.stringify({ at: 1 })).toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', 'app_x'])).toString('base64url'),
      Buffer.from(JSON.stringify([ctx.testApp.clock.now().toISOString(), 'x'.repeat(41)])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const res = await list(clipper, { cursor });
      expect(res.status, `${cursor}: ${res.text}`).toBe(422);
      expect(fieldsOf(res)).toEqual(['cursor']);
    }
    const tooBig = await list(clipper, { limit: 101 });
    expect(tooBig.status).toBe(422);
    expect(fieldsOf(tooBig)).toEqual(['limit']);
  });
});

describe('the audit trail', () => {
  it('records submitted, approved, rejected and withdrawn with the actor and the statuses', async () => {
    const { brand, clipper, campaignId } = await world('REVIEW');
    const other = await user('CLIPPER');
    const a = await apply(clipper, campaignId, { pitch: 'pick me' });
    const b = await apply(other, campaignId);
    await decide(brand, a.body.id, 'APPROVE');
    await decide(brand, b.body.id, 'REJECT');
    await withdraw(clipper, a.body.id);

    const events = await db().auditEvent.findMany({
      where: { subjectId: { in: [a.body.id, b.body.id] } },
      orderBy: { id: 'asc' },
      select: { action: true, actorId: true, subjectType: true, subjectId: true, before: true, after: true },
    });
    expect(events).toEqual([
      {
        action: 'application.submitted',
        actorId: clipper.id,
        subjectType: 'Application',
        subjectId: a.body.id,
        before: null,
        after: { status: 'PENDING' },
      },
      {
        action: 'application.submitted',
        actorId: other.id,
        subjectType: 'Application',
        subjectId: b.body.id,
        before: null,
        after: { status: 'PENDING' },
      },
      {
        action: 'application.approved',
        actorId: brand.id,
        subjectType: 'Application',
        subjectId: a.body.id,
        before: { status: 'PENDING' },
        after: { status: 'APPROVED' },
      },
      {
        action: 'application.rejected',
        actorId: brand.id,
        subjectType: 'Application',
        subjectId: b.body.id,
        before: { status: 'PENDING' },
        after: { status: 'REJECTED' },
      },
      {
        action: 'application.withdrawn',
        actorId: clipper.id,
        subjectType: 'Application',
        subjectId: a.body.id,
        before: { status: 'APPROVED' },
        after: { status: 'WITHDRAWN' },
      },
    ]);
  });

  it('records nothing for a refused request', async () => {
    const { clipper, campaignId } = await world('OPEN');
    const applied = await apply(clipper, campaignId);
    await apply(clipper, campaignId);
    await decide(clipper, applied.body.id, 'APPROVE');
    const actions = await db().auditEvent.findMany({ where: { subjectId: applied.body.id }, select: { action: true } });
    expect(actions).toEqual([{ action: 'application.submitted' }]);
  });
});

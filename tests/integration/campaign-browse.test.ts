import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeEndedCampaigns } from '../../server/modules/campaigns/close-ended-campaigns.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { insertApplication, insertCampaign } from '../helpers/marketplace.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

const ctx = setupTestApp('campaign-browse');
const API = '/api/v1';
const DAY = 86_400_000;
const app = () => ctx.testApp.app;
const db = () => ctx.database.db;
const ids = (res: request.Response) => res.body.items.map((c: { id: string }) => c.id);

/** Follows nextCursor to the end (at most 50 pages); the ids in order. */
async function allPages(caller: TestUser, query: Record<string, string | number>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: request.Response = await request(app())
      .get(`${API}/campaigns`)
      .query(cursor ? { ...query, cursor } : query)
      .set(bearer(caller));
    expect(res.status, res.text).toBe(200);
    seen.push(...ids(res));
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('more than 50 pages');
}

describe('browsing campaigns', () => {
  let brand: TestUser;
  let otherBrand: TestUser;
  let clipper: TestUser;
  let admin: TestUser;
  const mine: Record<string, string> = {};
  const tag = `browse${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    [brand, otherBrand, clipper, admin] = await Promise.all([
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
      createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'MODERATOR' }),
    ]);
    const base = ctx.testApp.clock.now().getTime() - 100 * DAY;
    const make = async (key: string, owner: TestUser, fields: Parameters<typeof insertCampaign>[2], day: number) => {
      mine[key] = await insertCampaign(db(), owner.id, {
        ...fields,
        title: `${tag} ${key}`,
        createdAt: new Date(base + day * DAY),
      });
    };
    await make('pending', brand, { status: 'PENDING_APPROVAL' }, 1);
    await make('cheap', brand, { status: 'IN_PROGRESS', cpmCents: 100 }, 2);
    await make('rich', otherBrand, { status: 'IN_PROGRESS', cpmCents: 900 }, 3);
    await make('review', brand, { status: 'UNDER_REVIEW' }, 4);
    await make('discarded', otherBrand, { status: 'DISCARDED' }, 5);
    await db().campaign.update({ where: { id: mine.cheap }, data: { targetPlatforms: ['YOUTUBE'] } });
  });

  it('shows clippers only campaigns in progress; brands their own in every status; admins all', async () => {
    const q = { q: tag };
    expect(await allPages(clipper, q)).toEqual([mine.rich, mine.cheap]);
    expect(await allPages(brand, q)).toEqual([mine.review, mine.cheap, mine.pending]);
    expect(await allPages(admin, q)).toEqual([mine.discarded, mine.review, mine.rich, mine.cheap, mine.pending]);
    // A clipper asking for another status, or a brand for another brand, gets nothing rather than an error.
    expect(await allPages(clipper, { ...q, status: 'PENDING_APPROVAL' })).toEqual([]);
    expect(await allPages(brand, { ...q, brandId: otherBrand.id })).toEqual([]);
    expect(await allPages(admin, { ...q, brandId: otherBrand.id })).toEqual([mine.discarded, mine.rich]);
  });

  it('filters by platform, minimum CPM and text (case-insensitive, title or brief), and sorts', async () => {
    expect(await allPages(clipper, { q: tag.toUpperCase(), platform: 'TIKTOK' })).toEqual([mine.rich]);
    expect(await allPages(clipper, { q: tag, minCpmCents: 500 })).toEqual([mine.rich]);
    expect(await allPages(admin, { q: tag, sort: 'cpm', status: 'IN_PROGRESS' })).toEqual([mine.rich, mine.cheap]);
    const res = await request(app()).get(`${API}/campaigns`).query({ q: tag, limit: 1 }).set(bearer(clipper));
    expectMatchesResponseSchema(routeOf('get', '/campaigns'), res.body);
    expect(res.body.items[0]).toMatchObject({ title: `${tag} rich`, remainingBudgetCents: 100_000 });
  });

  it('matches % and _ in the search text literally', async () => {
    const owner = await createUser(ctx.testApp, db(), 'BRAND');
    const stamp = randomUUID().slice(0, 8);
    const literal = await insertCampaign(db(), owner.id, { title: `Save 50% now ${stamp}` });
    await insertCampaign(db(), owner.id, { title: `Save 500 now ${stamp}` });
    const underscore = await insertCampaign(db(), owner.id, { title: `snake_case ${stamp}` });
    await insertCampaign(db(), owner.id, { title: `snakeXcase ${stamp}` });
    expect(await allPages(owner, { q: `50% now ${stamp}` })).toEqual([literal]);
    expect(await allPages(owner, { q: `snake_case ${stamp}` })).toEqual([underscore]);
  });

  it('refuses a limit above 100, unknown sorts and forged cursors', async () => {
    for (const query of [{ limit: '101' }, { limit: '0' }, { sort: 'random' }, { cursor: 'not-a-cursor' }]) {
      const res = await request(app()).get(`${API}/campaigns`).query(query).set(bearer(clipper));
      expect(res.status, `${JSON.stringify(query)}: ${res.text}`).toBe(422);
    }
    const forged = Buffer.from(JSON.stringify(['yesterday', 1])).toString('base64url');
    const res = await request(app()).get(`${API}/campaigns`).query({ cursor: forged }).set(bearer(clipper));
    expect(res.body.errors).toEqual([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
  });

  it.each(['newest', 'cpm', 'ending'])('keeps %s pages stable while campaigns are added', async (sort) => {
    const owner = await createUser(ctx.testApp, db(), 'BRAND');
    const stable = `stable-${sort}-${randomUUID().slice(0, 8)}`;
    const created: string[] = [];
    for (let i = 0; i < 12; i++) {
      created.push(
        await insertCampaign(db(), owner.id, {
          title: `${stable} ${i}`,
          cpmCents: 100 + (i % 3) * 100, // ties on purpose: the id settles them
          endsAt: new Date(ctx.testApp.clock.now().getTime() + (10 + (i % 4)) * DAY),
        }),
      );
    }
    const query = { q: stable, sort, limit: 5 };
    const first = await request(app()).get(`${API}/campaigns`).query(query).set(bearer(owner));
    expect(first.body.items).toHaveLength(5);
    // New campaigns arrive between page 1 and the rest: they neither repeat nor push rows out.
    for (let i = 0; i < 5; i++) {
      await insertCampaign(db(), owner.id, {
        title: `${stable} late ${i}`,
        cpmCents: 200,
        endsAt: new Date(ctx.testApp.clock.now().getTime() + 11 * DAY),
      });
    }
    const seen = [...ids(first)];
    let cursor = first.body.nextCursor;
    for (let page = 0; cursor && page < 10; page++) {
      const next = await request(app())
        .get(`${API}/campaigns`)
        .query({ ...query, cursor })
        .set(bearer(owner));
      seen.push(...ids(next));
      cursor = next.body.nextCursor;
    }
    expect(new Set(seen).size, 'no campaign twice').toBe(seen.length);
    for (const id of created) expect(seen, 'no original campaign skipped').toContain(id);
  });
});

describe('closing campaigns at their end date', () => {
  it('moves running campaigns past their end to UNDER_REVIEW, once, as the system', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const now = ctx.testApp.clock.now().getTime();
    const soon = await insertCampaign(db(), brand.id, { endsAt: new Date(now + DAY) });
    const later = await insertCampaign(db(), brand.id, { endsAt: new Date(now + 10 * DAY) });
    const pending = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL', endsAt: new Date(now + DAY) });
    const waiting = await createUser(ctx.testApp, db(), 'CLIPPER');
    const waitingApplication = await insertApplication(db(), soon, waiting.id, 'PENDING');
    const services = { ...ctx.testApp.services, request: {} };

    ctx.testApp.clock.advance(2 * DAY);
    const first = await closeEndedCampaigns(services);
    expect(first.closed).toBeGreaterThanOrEqual(1);
    const status = async (id: string) => (await db().campaign.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(soon), await status(later), await status(pending)]).toEqual([
      'UNDER_REVIEW',
      'IN_PROGRESS',
      'PENDING_APPROVAL',
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: soon, action: 'campaign.closed' } });
    expect(audit.actorType).toBe('SYSTEM');
    // The application nobody decided is declined rather than left waiting on a closed campaign.
    expect(audit.after).toMatchObject({ status: 'UNDER_REVIEW', pendingApplicationsDeclined: 1 });
    const declined = await db().application.findUniqueOrThrow({ where: { id: waitingApplication } });
    expect([declined.status, declined.decidedAt?.getTime()]).toEqual(['REJECTED', ctx.testApp.clock.now().getTime()]);
    expect(await closeEndedCampaigns(services)).toEqual({ closed: 0 });

    // A clipper who applied still sees the closed campaign; a new clipper no longer finds it.
    const [joined, stranger] = await Promise.all([
      createUser(ctx.testApp, db(), 'CLIPPER'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
    ]);
    await insertApplication(db(), soon, joined.id);
    expect((await request(app()).get(`${API}/campaigns/${soon}`).set(bearer(joined))).status).toBe(200);
    expect((await request(app()).get(`${API}/campaigns/${soon}`).set(bearer(stranger))).status).toBe(404);
  });
});

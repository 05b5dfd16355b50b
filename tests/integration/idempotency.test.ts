import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/http/routes/index.js';
import {
  beginIdempotentRequest,
  type IdempotencyClaim,
  requestHash,
  settleIdempotencyClaim,
} from '../../server/modules/system/idempotency.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import {
  campaignBody,
  freshTikTokLink,
  insertApplication,
  insertCampaign,
  insertUpload,
} from '../helpers/marketplace.js';

const ctx = setupTestApp('idempotency');
const API = '/api/v1';
const app = () => ctx.testApp.app;
const db = () => ctx.database.db;

const createCampaign = (token: { token: string }, key: string | undefined, body: object) => {
  const req = request(app()).post(`${API}/campaigns`).set(bearer(token));
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
};

describe('Idempotency-Key on create routes', () => {
  it('is accepted by every route that creates something', () => {
    const creates = API_ROUTES.filter((r) => r.status === 201).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const idempotent = API_ROUTES.filter((r) => r.idempotent).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    // Not stored: API tokens are shown once (a replay would hand the secret out again).
    const notStored = ['POST /users/me/api-tokens'];
    expect(idempotent.sort()).toEqual(creates.filter((key) => !notStored.includes(key)).sort());
  });

  it('answers a retry with the first answer, and creates once', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const body = campaignBody(ctx.testApp, { title: 'Retry me' });
    const first = await createCampaign(brand, 'create-retry-1', body);
    expect(first.status, first.text).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await createCampaign(brand, 'create-retry-1', reordered);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(1);
  });

  it('gives a retried upload the same upload and URL', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const body = { purpose: 'CAMPAIGN_ASSET', filename: 'still.png', contentType: 'image/png', sizeBytes: 100 };
    const send = () =>
      request(app()).post(`${API}/uploads`).set(bearer(brand)).set('Idempotency-Key', 'upload-1').send(body);
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(await db().upload.count({ where: { ownerId: brand.id } })).toBe(1);
  });

  it('refuses the same key with a different body (422), and lets other callers use the same key', async () => {
    const [brand, other] = await Promise.all([
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'BRAND'),
    ]);
    await createCampaign(brand, 'shared-key', campaignBody(ctx.testApp, { title: 'First' }));
    const changed = await createCampaign(brand, 'shared-key', campaignBody(ctx.testApp, { title: 'Second' }));
    expect(changed.status, changed.text).toBe(422);
    expect(changed.body.errors).toEqual([
      { path: 'Idempotency-Key', message: 'was already used with a different request' },
    ]);
    const theirs = await createCampaign(other, 'shared-key', campaignBody(ctx.testApp, { title: 'Second' }));
    expect(theirs.status, theirs.text).toBe(201);
    expect(await db().campaign.count({ where: { brandId: { in: [brand.id, other.id] } } })).toBe(2);
  });

  it('creates twice without a key, and refuses a malformed key', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const body = campaignBody(ctx.testApp);
    expect((await createCampaign(brand, undefined, body)).status).toBe(201);
    expect((await createCampaign(brand, undefined, body)).status).toBe(201);
    for (const key of ['x'.repeat(256), 'has space', 'naïve']) {
      const res = await createCampaign(brand, key, body);
      expect(res.status, `${key}: ${res.text}`).toBe(422);
    }
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(2);
  });

  it('keeps nothing of a failed attempt: the same key works once the cause is fixed', async () => {
    const [brand, clipper] = await Promise.all([
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
    ]);
    const campaignId = await insertCampaign(db(), brand.id, { status: 'PENDING_APPROVAL' });
    const apply = () =>
      request(app())
        .post(`${API}/campaigns/${campaignId}/apply`)
        .set(bearer(clipper))
        .set('Idempotency-Key', 'apply-1')
        .send({});
    expect((await apply()).status).toBe(404);
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'IN_PROGRESS' } });
    const second = await apply();
    expect(second.status, second.text).toBe(201);
    const third = await apply();
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.body.id).toBe(second.body.id);
  });

  it('runs concurrent requests with one key once: the others wait their turn or get the answer', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const body = campaignBody(ctx.testApp, { title: 'Raced' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => createCampaign(brand, 'raced-key', body)));
    const statuses = answers.map((res) => res.status).sort();
    expect(
      statuses.every((status) => status === 201 || status === 409),
      statuses.join(','),
    ).toBe(true);
    expect(statuses).toContain(201);
    const created = answers.filter((res) => res.status === 201).map((res) => res.body.id);
    expect(new Set(created).size).toBe(1);
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(1);
  });

  it('lets a retry redo a key whose first request died before committing, once the abandonment window has passed', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const body = campaignBody(ctx.testApp, { title: 'Orphaned' });
    // What a crash before the first request's transaction committed leaves behind: a claimed key and no campaign.
    await db().idempotencyRecord.create({
      data: {
        id: newId('idm'),
        actorId: brand.id,
        route: 'POST /campaigns',
        key: 'orphan-key',
        requestHash: requestHash('/campaigns', body),
        statusCode: 0,
        createdAt: ctx.testApp.clock.now(),
      },
    });
    const busy = await createCampaign(brand, 'orphan-key', body);
    expect(busy.status, busy.text).toBe(409);
    ctx.testApp.clock.advance(ctx.testApp.config.IDEMPOTENCY_ABANDONED_AFTER_SECONDS * 1000);
    const retried = await createCampaign(brand, 'orphan-key', body);
    expect(retried.status, retried.text).toBe(201);
    const again = await createCampaign(brand, 'orphan-key', body);
    expect([again.status, again.headers['idempotent-replayed'], again.body.id]).toEqual([201, 'true', retried.body.id]);
    expect(await db().campaign.count({ where: { brandId: brand.id } })).toBe(1);
  });

  it('stores every idempotent route’s answer in the transaction that creates the resource', async () => {
    const [brand, clipper] = await Promise.all([
      createUser(ctx.testApp, db(), 'BRAND'),
      createUser(ctx.testApp, db(), 'CLIPPER'),
    ]);
    const running = await insertCampaign(db(), brand.id);
    const joined = await insertCampaign(db(), brand.id);
    await insertApplication(db(), joined, clipper.id);
    // Per route: who sends what, and the table and id of the row it creates.
    const fixtures: Record<string, () => Promise<{ who: TestUser; path: string; body: object; table: string }>> = {
      'POST /campaigns': async () => ({
        who: brand,
        path: '/campaigns',
        body: campaignBody(ctx.testApp),
        table: 'Campaign',
      }),
      'POST /campaigns/:id/apply': async () => ({
        who: clipper,
        path: `/campaigns/${running}/apply`,
        body: {},
        table: 'Application',
      }),
      'POST /campaigns/:id/submissions': async () => ({
        who: clipper,
        path: `/campaigns/${joined}/submissions`,
        body: { clipUploadId: await insertUpload(db(), clipper.id, 'SUBMISSION_CLIP'), links: [freshTikTokLink()] },
        table: 'Submission',
      }),
      'POST /uploads': async () => ({
        who: brand,
        path: '/uploads',
        body: { purpose: 'CAMPAIGN_ASSET', filename: 'cut.mp4', contentType: 'video/mp4', sizeBytes: 10 },
        table: 'Upload',
      }),
    };
    const idempotent = API_ROUTES.filter((r) => r.idempotent).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(fixtures).sort()).toEqual(idempotent.sort());
    for (const [route, fixture] of Object.entries(fixtures)) {
      const { who, path, body, table } = await fixture();
      const key = `tx-${route.replace(/\W+/g, '-')}`;
      const res = await request(app()).post(`${API}${path}`).set(bearer(who)).set('Idempotency-Key', key).send(body);
      expect(res.status, `${route}: ${res.text}`).toBe(201);
      const id: string = res.body.upload?.id ?? res.body.id;
      // xmin is the transaction that wrote a row's current version: the same one for the row and its answer.
      const [created] = await db().$queryRawUnsafe<Array<{ tx: string }>>(
        `SELECT xmin::text AS tx FROM "${table}" WHERE id = $1`,
        id,
      );
      const [answer] = await db().$queryRaw<Array<{ tx: string; body: unknown }>>`
        SELECT xmin::text AS tx, "responseBody" AS body FROM "IdempotencyRecord"
        WHERE "actorId" = ${who.id} AND key = ${key}`;
      expect(answer?.tx, route).toBe(created?.tx);
      expect(answer?.body, route).toEqual(res.body);
    }
  });
});

describe('settling a key', () => {
  it('rolls back a first request that outlived the abandonment window once a retry took its key over', async () => {
    const now = ctx.testApp.clock.now();
    const window = ctx.testApp.config.IDEMPOTENCY_ABANDONED_AFTER_SECONDS * 1000;
    const scope = { actorId: newId('usr'), route: 'POST /campaigns', key: 'slow-key' };
    const request = { hash: 'same-request', status: 201 };
    const slow = await beginIdempotentRequest(db(), scope, request, now, window);
    const later = new Date(now.getTime() + window);
    const retry = await beginIdempotentRequest(db(), scope, request, later, window);
    if (slow.kind !== 'first' || retry.kind !== 'first') throw new Error('both should hold the key in turn');
    const settle = (claim: IdempotencyClaim, body: object) =>
      db().$transaction((tx) => settleIdempotencyClaim(tx, claim, body));
    await expect(settle(slow.claim, { by: 'slow' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await settle(retry.claim, { by: 'retry' });
    const replay = await beginIdempotentRequest(db(), scope, request, later, window);
    expect(replay).toEqual({ kind: 'replay', status: 201, body: { by: 'retry' } });
  });
});

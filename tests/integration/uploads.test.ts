import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../server/modules/accounts/access-token.js';
import { attachToCampaign, attachToSubmission, claimUploads } from '../../server/modules/storage/attach-uploads.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { statusCounts } from '../helpers/status-counts.js';

/** Uploads through the local-disk driver: presigned PUT and GET URLs served by the app itself. */
const storageDir = mkdtempSync(path.join(tmpdir(), 'cf-uploads-'));
const ctx = setupTestApp('uploads', { env: { STORAGE_DIR: storageDir } });
afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

const api = () => request(ctx.testApp.app);
const db = () => ctx.database.db;
const user = (role: TestUser['role']) => createUser(ctx.testApp, db(), role);
/** The local driver's URLs name the app's public address; supertest needs the path and query only. */
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const bytes = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));

interface Started {
  id: string;
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

async function start(
  owner: TestUser,
  input: { purpose?: string; filename?: string; contentType?: string; sizeBytes?: number } = {},
): Promise<Started> {
  const res = await api()
    .post('/api/v1/uploads')
    .set(bearer(owner))
    .send({
      purpose: owner.role === 'CLIPPER' ? 'SUBMISSION_CLIP' : 'CAMPAIGN_ASSET',
      filename: 'raw footage.mp4',
      contentType: 'video/mp4',
      sizeBytes: 1000,
      ...input,
    });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.upload.id, ...res.body.put };
}

const put = (started: Started, body: Buffer, contentType = started.headers['Content-Type'] as string) =>
  api().put(local(started.url)).set('Content-Type', contentType).send(body);

/** Create, PUT the bytes, confirm: a confirmed upload of `owner`. */
async function confirmed(owner: TestUser, input: Parameters<typeof start>[1] = {}) {
  const started = await start(owner, input);
  const body = bytes(input.sizeBytes ?? 1000);
  const stored = await put(started, body);
  expect(stored.status, stored.text).toBe(200);
  const done = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(owner));
  expect(done.status, done.text).toBe(200);
  return { ...started, body };
}

const download = (caller: TestUser, id: string) => api().get(`/api/v1/uploads/${id}/download`).set(bearer(caller));

describe('upload, confirm, download (local driver)', () => {
  it('stores the declared bytes and hands them back through a signed download URL', async () => {
    const brand = await user('BRAND');
    const now = ctx.testApp.clock.now().getTime();
    const started = await start(brand, { filename: 'Été final cut.mp4', sizeBytes: 4096 });
    expect(started.url.startsWith(`${ctx.testApp.config.publicUrl}/storage/uploads/${brand.id}/${started.id}/`)).toBe(
      true,
    );
    expect(started.headers).toEqual({ 'Content-Type': 'video/mp4' });
    expect(Date.parse(started.expiresAt) - now).toBeLessThanOrEqual(15 * 60_000);
    const pending = await api().get(`/api/v1/uploads/${started.id}`).set(bearer(brand)).expect(200);
    expect(pending.body).toMatchObject({ status: 'PENDING', sizeBytes: 4096, confirmedAt: null });

    const body = bytes(4096);
    const stored = await put(started, body);
    expect(stored.status, stored.text).toBe(200);
    const done = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(brand)).expect(200);
    expect(done.body).toMatchObject({
      id: started.id,
      purpose: 'CAMPAIGN_ASSET',
      filename: 'Été final cut.mp4',
      contentType: 'video/mp4',
      sizeBytes: 4096,
      status: 'CONFIRMED',
    });
    expect(done.body).not.toHaveProperty('key');
    // Confirming again answers the same upload, and records one audit event only.
    const again = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(brand)).expect(200);
    expect(again.body).toEqual(done.body);
    expect(await db().auditEvent.count({ where: { action: 'upload.confirmed', subjectId: started.id } })).toBe(1);

    const link = await download(brand, started.id).expect(200);
    expect(Date.parse(link.body.expiresAt) - ctx.testApp.clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
    const file = await api()
      .get(local(link.body.url))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, body)).toBe(0);
    expect(file.headers['content-type']).toBe('video/mp4');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="_t_ final cut.mp4"; filename*=UTF-8''${encodeURIComponent('Été final cut.mp4')}`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toMatch(/^private, max-age=(\d+)$/);
    expect(Number(file.headers['cache-control'].split('=')[1])).toBeLessThanOrEqual(900);
  });

  it('refuses a PUT with another content type, or a body larger or smaller than declared', async () => {
    const clipper = await user('CLIPPER');
    const started = await start(clipper, { sizeBytes: 1000 });
    const wrongType = await put(started, bytes(1000), 'video/webm');
    expect([wrongType.status, wrongType.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(wrongType.headers['content-type']).toMatch(/application\/problem\+json/);
    const bigger = await put(started, bytes(1001));
    expect([bigger.status, bigger.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const smaller = await put(started, bytes(999));
    expect([smaller.status, smaller.body.code]).toEqual([400, 'BAD_REQUEST']);
    const confirm = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(clipper));
    expect(confirm.status).toBe(409);
    expect(confirm.body.detail).toMatch(/No file has arrived/);
    // Nothing was left behind, not even a temp file.
    expect(readdirSync(path.join(storageDir, '.tmp'))).toEqual([]);
  });

  it('counts the bytes of a streamed body without Content-Length: more or fewer than signed store nothing', async () => {
    const clipper = await user('CLIPPER');
    const server = ctx.testApp.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const streamed = (started: Started, size: number) => {
        const data = bytes(size);
        const body = new ReadableStream({
          start(controller) {
            // Several chunks, so the limit is enforced while the body is still arriving.
            for (let i = 0; i < data.length; i += 256) controller.enqueue(data.subarray(i, i + 256));
            controller.close();
          },
        });
        return fetch(`${base}${local(started.url)}`, {
          method: 'PUT',
          headers: started.headers,
          body,
          duplex: 'half',
        } as RequestInit);
      };
      const first = await start(clipper, { sizeBytes: 2000 });
      const tooMuch = await streamed(first, 3000);
      expect(tooMuch.status).toBe(413);
      const tooLittle = await streamed(first, 1500);
      expect(tooLittle.status).toBe(400);
      const exact = await streamed(first, 2000);
      expect(exact.status).toBe(200);
      await api().post(`/api/v1/uploads/${first.id}/confirm`).set(bearer(clipper)).expect(200);
      // Write-once: the same link cannot replace a file that is already there.
      const replace = await streamed(first, 2000);
      expect(replace.status).toBe(409);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses URLs whose signature, expiry, size, type, key or method was changed', async () => {
    const brand = await user('BRAND');
    const started = await start(brand, { contentType: 'image/png', filename: 'logo.png', sizeBytes: 500 });
    const url = new URL(started.url);
    const tampered = (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy;
    };
    const sig = url.searchParams.get('sig') as string;
    const variants = [
      tampered((u) => u.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`)),
      tampered((u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3_600_000))),
      tampered((u) => u.searchParams.set('size', '5000')),
      tampered((u) => u.searchParams.set('type', 'text/html')),
      tampered((u) => u.searchParams.delete('sig')),
      tampered((u) => {
        u.pathname = u.pathname.replace('logo.png', 'other.png');
      }),
    ];
    for (const variant of variants) {
      const type = variant.searchParams.get('type') ?? 'image/png';
      const res = await api().put(`${variant.pathname}${variant.search}`).set('Content-Type', type).send(bytes(500));
      expect([variant.toString(), res.status]).toEqual([variant.toString(), 403]);
    }
    // An upload URL does not download, even with the right signature.
    const asGet = await api().get(local(started.url));
    expect(asGet.status).toBe(403);
    await put(started, bytes(500)).expect(200);
  });

  it('refuses object keys that would leave the storage directory', async () => {
    const brand = await user('BRAND');
    const started = await start(brand, { sizeBytes: 10 });
    const { search } = new URL(started.url);
    const attempts = [
      '/storage/..%2f..%2fescape.mp4',
      '/storage/%2e%2e/escape.mp4',
      '/storage/uploads/../../escape.mp4',
      '/storage/%2Ftmp%2Fescape.mp4',
      '/storage/.tmp/escape.mp4',
      '/storage/.meta/escape.mp4',
      '/storage/uploads/a%00b.mp4',
      '/storage/uploads/%ZZ.mp4',
    ];
    for (const attempt of attempts) {
      const res = await api().put(`${attempt}${search}`).set('Content-Type', 'video/mp4').send(bytes(10));
      expect([attempt, res.status]).toEqual([attempt, 404]);
      const read = await api().get(`${attempt}${search}`);
      expect([attempt, read.status]).toEqual([attempt, 404]);
    }
    const outside = await fs.readdir(path.dirname(storageDir));
    expect(outside).not.toContain('escape.mp4');
  });

  it('lets upload and download URLs expire on the injected clock', async () => {
    const brand = await user('BRAND');
    const late = await start(brand, { sizeBytes: 100 });
    const done = await confirmed(brand, { sizeBytes: 100 });
    const link = await download(brand, done.id).expect(200);
    ctx.testApp.clock.advance(15 * 60_000 + 1000);
    // Access tokens last 15 minutes too: sign in again at the new time.
    const { token } = await issueAccessToken(ctx.testApp.config, ctx.testApp.clock, brand);
    brand.token = token;
    const refused = await put(late, bytes(100));
    expect([refused.status, refused.body.detail]).toEqual([403, 'This link has expired; ask for a new one.']);
    const expired = await api().post(`/api/v1/uploads/${late.id}/confirm`).set(bearer(brand));
    expect(expired.status).toBe(409);
    expect(expired.body.detail).toMatch(/expired.*start again/);
    expect((await api().get(local(link.body.url))).status).toBe(403);
    // A fresh link works again.
    const fresh = await download(brand, done.id).expect(200);
    expect((await api().get(local(fresh.body.url))).status).toBe(200);
  });
});

describe('what may be uploaded, and by whom', () => {
  it('refuses types off the allowlist and sizes over the limit with 422 naming the field', async () => {
    const brand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const cases: Array<[TestUser, object, string]> = [
      [brand, { contentType: 'application/pdf' }, 'contentType'],
      [brand, { contentType: 'text/html' }, 'contentType'],
      [brand, { contentType: 'image/png', sizeBytes: 20 * 1024 * 1024 + 1 }, 'sizeBytes'],
      [brand, { contentType: 'video/mp4', sizeBytes: 1024 ** 3 + 1 }, 'sizeBytes'],
      [brand, { sizeBytes: 0 }, 'sizeBytes'],
      [brand, { filename: '../../etc/passwd' }, 'filename'],
      [clipper, { contentType: 'image/jpeg' }, 'contentType'],
    ];
    for (const [who, change, field] of cases) {
      const res = await api()
        .post('/api/v1/uploads')
        .set(bearer(who))
        .send({
          purpose: who.role === 'BRAND' ? 'CAMPAIGN_ASSET' : 'SUBMISSION_CLIP',
          filename: 'a.mp4',
          contentType: 'video/mp4',
          sizeBytes: 10,
          ...change,
        });
      expect([JSON.stringify(change), res.status, res.body.errors?.map((e: { path: string }) => e.path)]).toEqual([
        JSON.stringify(change),
        422,
        [field],
      ]);
    }
    expect(await db().upload.count({ where: { ownerId: { in: [brand.id, clipper.id] } } })).toBe(0);
  });

  it('lets brands upload campaign assets and clippers submission clips, nobody the other', async () => {
    const brand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const admin = await user('ADMIN');
    const send = (who: TestUser, purpose: string) =>
      api()
        .post('/api/v1/uploads')
        .set(bearer(who))
        .send({ purpose, filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 10 });
    expect((await send(brand, 'SUBMISSION_CLIP')).status).toBe(403);
    expect((await send(clipper, 'CAMPAIGN_ASSET')).status).toBe(403);
    expect((await send(admin, 'CAMPAIGN_ASSET')).status).toBe(403);
    expect((await send(brand, 'CAMPAIGN_ASSET')).status).toBe(201);
    expect((await send(clipper, 'SUBMISSION_CLIP')).status).toBe(201);
    await api()
      .post('/api/v1/uploads')
      .send({ purpose: 'CAMPAIGN_ASSET', filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: 10 })
      .expect(401);
  });

  it('holds the limit of uploads in progress under parallel requests', async () => {
    const brand = await user('BRAND');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        api()
          .post('/api/v1/uploads')
          .set(bearer(brand))
          .send({ purpose: 'CAMPAIGN_ASSET', filename: `part-${i}.mp4`, contentType: 'video/mp4', sizeBytes: 10 }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 20, 409: 20 });
    expect(await db().upload.count({ where: { ownerId: brand.id, status: 'PENDING' } })).toBe(20);
  });

  it('answers 409 when confirming before the upload, or when the stored object does not match', async () => {
    const brand = await user('BRAND');
    const started = await start(brand, { sizeBytes: 300 });
    const early = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(brand));
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);
    // An object that differs from the declaration (written behind the app's back) is not accepted.
    const { key } = await db().upload.findUniqueOrThrow({ where: { id: started.id } });
    await fs.mkdir(path.dirname(path.join(storageDir, key)), { recursive: true });
    await fs.writeFile(path.join(storageDir, key), bytes(299));
    await fs.mkdir(path.dirname(path.join(storageDir, '.meta', key)), { recursive: true });
    await fs.writeFile(path.join(storageDir, '.meta', `${key}.json`), JSON.stringify({ contentType: 'video/mp4' }));
    const mismatch = await api().post(`/api/v1/uploads/${started.id}/confirm`).set(bearer(brand));
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.detail).toBe(
      'The stored file does not match the upload: expected 300 bytes of video/mp4, found 299 bytes of video/mp4.',
    );
    const row = await db().upload.findUniqueOrThrow({ where: { id: started.id } });
    expect(row.status).toBe('PENDING');
    expect(await fs.stat(path.join(storageDir, key)).then((s) => s.size)).toBe(299);
  });
});

describe('who sees an upload', () => {
  it('hides uploads from strangers as if they did not exist', async () => {
    const brand = await user('BRAND');
    const stranger = await user('BRAND');
    const clipper = await user('CLIPPER');
    const pending = await start(brand);
    const done = await confirmed(brand);
    for (const who of [stranger, clipper]) {
      for (const id of [pending.id, done.id, newId('upl')]) {
        expect((await api().post(`/api/v1/uploads/${id}/confirm`).set(bearer(who))).status).toBe(404);
        expect((await api().get(`/api/v1/uploads/${id}`).set(bearer(who))).status).toBe(404);
        expect((await download(who, id)).status).toBe(404);
      }
    }
    // The owner cannot download what is not confirmed yet.
    expect((await download(brand, pending.id)).status).toBe(409);
  });

  it('lets admins see and download any upload, with an audit event for the download', async () => {
    const brand = await user('BRAND');
    const admin = await user('ADMIN');
    const done = await confirmed(brand);
    await api().get(`/api/v1/uploads/${done.id}`).set(bearer(admin)).expect(200);
    await download(admin, done.id).expect(200);
    const events = await db().auditEvent.findMany({ where: { action: 'upload.download_url_issued' } });
    expect(events.map((e) => [e.actorId, e.subjectId])).toEqual([[admin.id, done.id]]);
    // The admin cannot confirm someone else's upload.
    expect((await api().post(`/api/v1/uploads/${done.id}/confirm`).set(bearer(admin))).status).toBe(404);
  });

  it('opens campaign assets to the brand and, while the campaign runs, to every clipper', async () => {
    const brand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const otherBrand = await user('BRAND');
    const asset = await confirmed(brand, { contentType: 'image/jpeg', filename: 'still.jpg', sizeBytes: 64 });
    const campaignId = newId('cmp');
    await db().campaign.create({
      data: {
        id: campaignId,
        brandId: brand.id,
        title: 'Launch',
        brief: 'Cut it',
        targetPlatforms: ['TIKTOK'],
        totalBudgetCents: 100_000n,
        cpmCents: 100,
      },
    });
    await db().$transaction(async (tx) => {
      await claimUploads(tx, {
        ownerId: brand.id,
        uploadIds: [asset.id],
        purpose: 'CAMPAIGN_ASSET',
        field: 'assetUploadIds',
      });
      await attachToCampaign(tx, campaignId, [asset.id]);
    });
    expect((await download(clipper, asset.id)).status).toBe(404);
    await db().campaign.update({ where: { id: campaignId }, data: { status: 'IN_PROGRESS' } });
    expect((await download(clipper, asset.id)).status).toBe(200);
    // Past its run the campaign, and so its footage, is hidden from clippers who never applied to it.
    for (const status of ['UNDER_REVIEW', 'FINISHED'] as const) {
      await db().campaign.update({ where: { id: campaignId }, data: { status } });
      expect((await download(clipper, asset.id)).status).toBe(404);
    }
    expect((await download(otherBrand, asset.id)).status).toBe(404);
    expect((await download(brand, asset.id)).status).toBe(200);
  });

  it('opens a submission clip to its clipper and the campaign’s brand only', async () => {
    const brand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const otherClipper = await user('CLIPPER');
    const otherBrand = await user('BRAND');
    const clip = await confirmed(clipper, { sizeBytes: 128 });
    const campaignId = newId('cmp');
    const submissionId = newId('sub');
    await db().campaign.create({
      data: {
        id: campaignId,
        brandId: brand.id,
        title: 'Launch',
        brief: 'Cut it',
        targetPlatforms: ['TIKTOK'],
        totalBudgetCents: 100_000n,
        cpmCents: 100,
        status: 'IN_PROGRESS',
      },
    });
    await db().submission.create({ data: { id: submissionId, campaignId, clipperId: clipper.id } });
    await db().$transaction(async (tx) => {
      await claimUploads(tx, {
        ownerId: clipper.id,
        uploadIds: clip.id,
        purpose: 'SUBMISSION_CLIP',
        field: 'clipUploadId',
      });
      await attachToSubmission(tx, submissionId, clip.id);
    });
    expect((await download(brand, clip.id)).status).toBe(200);
    expect((await download(clipper, clip.id)).status).toBe(200);
    expect((await download(otherClipper, clip.id)).status).toBe(404);
    expect((await download(otherBrand, clip.id)).status).toBe(404);
  });
});

describe('claimUploads', () => {
  it('names each upload that cannot be attached, by field and index', async () => {
    const brand = await user('BRAND');
    const otherBrand = await user('BRAND');
    const clipper = await user('CLIPPER');
    const good = await confirmed(brand, { sizeBytes: 32 });
    const pending = await start(brand, { sizeBytes: 32 });
    const foreign = await confirmed(otherBrand, { sizeBytes: 32 });
    const clip = await confirmed(clipper, { sizeBytes: 32 });
    const attached = await confirmed(brand, { sizeBytes: 32 });
    const campaignId = newId('cmp');
    await db().campaign.create({
      data: {
        id: campaignId,
        brandId: brand.id,
        title: 'Other',
        brief: 'x',
        targetPlatforms: ['TIKTOK'],
        totalBudgetCents: 1000n,
        cpmCents: 100,
      },
    });
    await db().upload.update({ where: { id: attached.id }, data: { campaignId } });
    const claim = (uploadIds: string[] | string, options: { campaignId?: string } = {}) =>
      db().$transaction((tx) =>
        claimUploads(tx, {
          ownerId: brand.id,
          uploadIds,
          purpose: 'CAMPAIGN_ASSET',
          field: 'assetUploadIds',
          ...options,
        }),
      );
    const error = await claim([good.id, pending.id, foreign.id, clip.id, attached.id, good.id, newId('upl')]).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        { path: 'assetUploadIds.1', message: 'is not confirmed yet' },
        { path: 'assetUploadIds.2', message: 'is not one of your uploads' },
        { path: 'assetUploadIds.3', message: 'is not one of your uploads' },
        { path: 'assetUploadIds.4', message: 'is already attached elsewhere' },
        { path: 'assetUploadIds.5', message: 'is listed twice' },
        { path: 'assetUploadIds.6', message: 'is not one of your uploads' },
      ],
    });
    const single = await claim(pending.id).catch((e: unknown) => e);
    expect(single).toMatchObject({ issues: [{ path: 'assetUploadIds', message: 'is not confirmed yet' }] });
    // On an edit of the campaign it is attached to, an attached upload may be claimed again.
    const rows = await claim([attached.id, good.id], { campaignId });
    expect(rows.map((r) => r.id)).toEqual([attached.id, good.id]);
    await db().$transaction((tx) => attachToCampaign(tx, campaignId, [good.id]));
    const after = await db().upload.findMany({ where: { id: { in: [attached.id, good.id] } }, orderBy: { id: 'asc' } });
    expect(after.map((r) => [r.id, r.campaignId])).toEqual([
      [good.id, campaignId],
      [attached.id, null],
    ]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../server/config.js';
import { S3Storage } from '../../server/modules/storage/s3-driver.js';
import { bearer, createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

/**
 * The S3 driver against a real S3-protocol server on loopback (s3rver). s3rver checks expiry but not signatures,
 * so tampering is tested on the local driver (uploads.test.ts); here: the wire format and the whole flow.
 */
const BUCKET = 'contentflow-test';
const dir = mkdtempSync(path.join(tmpdir(), 'cf-s3rver-'));
let s3: S3rver;
// Filled in before setupTestApp's hook builds the app (hooks run in the order they are declared).
const env: Record<string, string> = {};

beforeAll(async () => {
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3.run();
  Object.assign(env, {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  });
});
const ctx = setupTestApp('uploads-s3', { env });
afterAll(async () => {
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => request(ctx.testApp.app);

describe('uploads through the S3 driver', () => {
  it('uses the S3 driver when S3_BUCKET is set and mounts no local file routes', async () => {
    expect(ctx.testApp.services.storage).toBeInstanceOf(S3Storage);
    expect((await api().get('/storage/uploads/x/y/z.mp4')).status).toBe(404);
  });

  it('presigns a PUT bound to type and size, confirms by HEAD, and downloads through a presigned GET', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const body = Buffer.from('not really a video, but exactly the declared bytes');
    const created = await api().post('/api/v1/uploads').set(bearer(brand)).send({
      purpose: 'CAMPAIGN_ASSET',
      filename: 'teaser cut.mp4',
      contentType: 'video/mp4',
      sizeBytes: body.length,
    });
    expect(created.status, created.text).toBe(201);
    const { upload, put } = created.body;
    const url = new URL(put.url);
    expect(url.origin).toBe(env.S3_ENDPOINT);
    expect(url.pathname).toBe(`/${BUCKET}/uploads/${brand.id}/${upload.id}/teaser-cut.mp4`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    // No checksum of an empty body is signed into the URL (it would refuse every real upload).
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);

    const early = await api().post(`/api/v1/uploads/${upload.id}/confirm`).set(bearer(brand));
    expect([early.status, early.body.code]).toEqual([409, 'CONFLICT']);

    const stored = await fetch(put.url, { method: 'PUT', headers: put.headers, body });
    expect(stored.status, await stored.text()).toBe(200);
    const confirmed = await api().post(`/api/v1/uploads/${upload.id}/confirm`).set(bearer(brand));
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', sizeBytes: body.length, contentType: 'video/mp4' });

    const link = await api().get(`/api/v1/uploads/${upload.id}/download`).set(bearer(brand)).expect(200);
    const signed = new URL(link.body.url);
    expect(signed.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="teaser cut.mp4"; filename*=UTF-8''teaser%20cut.mp4`,
    );
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(body);
    expect(file.headers.get('content-type')).toBe('video/mp4');

    // The purge's delete removes the object; deleting again is not an error.
    const { key } = await ctx.database.db.upload.findUniqueOrThrow({ where: { id: upload.id } });
    await ctx.testApp.services.storage.delete(key);
    expect(await ctx.testApp.services.storage.head(key)).toBeNull();
    await ctx.testApp.services.storage.delete(key);
  });

  it('refuses to confirm an object whose size or type differs from the declaration', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const created = await api()
      .post('/api/v1/uploads')
      .set(bearer(clipper))
      .send({ purpose: 'SUBMISSION_CLIP', filename: 'clip.webm', contentType: 'video/webm', sizeBytes: 64 });
    expect(created.status, created.text).toBe(201);
    // s3rver does not check signatures, so it accepts what real S3 would refuse: a body of another size and type.
    const stored = await fetch(created.body.put.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'video/mp4' },
      body: Buffer.alloc(10),
    });
    expect(stored.status).toBe(200);
    const confirm = await api().post(`/api/v1/uploads/${created.body.upload.id}/confirm`).set(bearer(clipper));
    expect(confirm.status).toBe(409);
    expect(confirm.body.detail).toBe(
      'The stored file does not match the upload: expected 64 bytes of video/webm, found 10 bytes of video/mp4.',
    );
  });
});

describe('S3 configuration', () => {
  it('requires the keys with S3_BUCKET and the bucket with the other S3_ variables', () => {
    const problems = (extra: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...extra });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ S3_BUCKET: 'media' })).toEqual([
      'S3_ACCESS_KEY_ID is required with S3_BUCKET',
      'S3_SECRET_ACCESS_KEY is required with S3_BUCKET',
    ]);
    expect(problems({ S3_ACCESS_KEY_ID: 'key' })).toEqual(['S3_BUCKET is required when other S3_ variables are set']);
    expect(problems({ STORAGE_URL_TTL_SECONDS: '3600' })).toHaveLength(1);
    expect(problems({ S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      STORAGE_DIR: '.data/uploads',
      S3_FORCE_PATH_STYLE: false,
    });
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { purgeAbandonedUploads } from '../../server/modules/storage/purge-abandoned-uploads.js';
import { bearer, createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { uploadOverHttp } from '../helpers/marketplace.js';

const ctx = setupTestApp('uploads-purge');
const DAY = 86_400_000;

describe('abandoned uploads', () => {
  it('deletes uploads left pending a day past their URL, with their bytes, and keeps the rest', async () => {
    const { app, services, clock } = ctx.testApp;
    const db = ctx.database.db;
    const brand = await createUser(ctx.testApp, db, 'BRAND');
    const confirmed = await uploadOverHttp(ctx.testApp, brand, {
      purpose: 'CAMPAIGN_ASSET',
      contentType: 'image/png',
      filename: 'kept.png',
      bytes: Buffer.alloc(64, 1),
    });
    // Bytes sent, never confirmed.
    const started = await request(app)
      .post('/api/v1/uploads')
      .set(bearer(brand))
      .send({ purpose: 'CAMPAIGN_ASSET', filename: 'left.png', contentType: 'image/png', sizeBytes: 32 });
    const url = new URL(started.body.put.url);
    await request(app)
      .put(`${url.pathname}${url.search}`)
      .set(started.body.put.headers)
      .send(Buffer.alloc(32, 2))
      .expect(200);
    const abandoned = await db.upload.findUniqueOrThrow({ where: { id: started.body.upload.id } });
    expect(await services.storage.head(abandoned.key)).toEqual({ sizeBytes: 32, contentType: 'image/png' });

    // Within a day of the URL's expiry nothing goes.
    expect(await purgeAbandonedUploads(services)).toEqual({ uploads: 0 });
    clock.advance(2 * DAY);
    const fresh = await createUser(ctx.testApp, db, 'BRAND');
    const recent = await request(app)
      .post('/api/v1/uploads')
      .set(bearer(fresh))
      .send({ purpose: 'CAMPAIGN_ASSET', filename: 'recent.png', contentType: 'image/png', sizeBytes: 16 });

    expect(await purgeAbandonedUploads(services)).toEqual({ uploads: 1 });
    expect(await db.upload.findUnique({ where: { id: abandoned.id } })).toBeNull();
    expect(await services.storage.head(abandoned.key)).toBeNull();
    const kept = await db.upload.findMany({ where: { id: { in: [confirmed, recent.body.upload.id] } } });
    expect(kept.map((u) => u.status).sort()).toEqual(['CONFIRMED', 'PENDING']);
  });
});

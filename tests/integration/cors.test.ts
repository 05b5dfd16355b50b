import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';

/** CORS_ORIGINS lists the other sites whose pages may call the API from a browser, with credentials. */
const LISTED = 'https://app.contentflow.example';
const UNLISTED = 'https://evil.example';
const ctx = setupTestApp('cors', { env: { CORS_ORIGINS: `${LISTED}, https://partner.example:8443` } });
const api = () => request(ctx.testApp.app);

const preflight = (origin: string, path = '/api/v1/campaigns', method = 'POST') =>
  api()
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', method)
    .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');

describe('CORS for listed origins', () => {
  it('answers a listed origin’s preflight with the methods and headers the API takes, credentials allowed', async () => {
    const res = await preflight(LISTED);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(LISTED);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']?.split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    expect(res.headers['access-control-allow-headers']?.toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    );
    expect(res.headers.vary).toMatch(/Origin/);
    // The local driver's signed upload URLs are PUT from the same pages.
    const storage = await preflight(LISTED, '/storage/uploads/usr_x/upl_x/a.mp4', 'PUT');
    expect(storage.headers['access-control-allow-origin']).toBe(LISTED);
  });

  it('gives an unlisted origin no CORS headers, on preflight or on a real request', async () => {
    for (const res of [await preflight(UNLISTED), await api().get('/api/v1/campaigns').set('Origin', UNLISTED)]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-allow-methods']).toBeUndefined();
    }
    // An origin is matched exactly: another scheme, port or a suffix is another origin.
    for (const near of ['http://app.contentflow.example', `${LISTED}:444`, 'https://app.contentflow.example.evil']) {
      expect((await preflight(near)).headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('lets a listed origin read answers and write with cookies or a bearer token; refuses others', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const read = await api().get('/api/v1/users/me').set('Origin', LISTED).set(bearer(user)).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe(LISTED);
    expect(read.headers['access-control-allow-credentials']).toBe('true');
    expect(read.headers['access-control-expose-headers']).toMatch(/X-Request-Id/i);

    const agent = request.agent(ctx.testApp.app);
    await agent
      .post('/api/v1/auth/login')
      .set('Origin', LISTED)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const profile = { companyName: 'Acme' };
    const write = (origin: string) => agent.put(`/api/v1/users/${user.id}/profile`).set('Origin', origin).send(profile);
    expect((await write(LISTED)).status).toBe(200);
    expect((await write('https://partner.example:8443')).status).toBe(200);
    expect((await write(UNLISTED)).status).toBe(403);
    const bearerWrite = (origin: string) =>
      api().put(`/api/v1/users/${user.id}/profile`).set('Origin', origin).set(bearer(user)).send(profile);
    expect((await bearerWrite(LISTED)).status).toBe(200);
    expect((await bearerWrite(UNLISTED)).status).toBe(403);
  });
});

describe('CORS by default', () => {
  it('allows no other origin when CORS_ORIGINS is unset', async () => {
    const plain = await createTestApp(ctx.database.db, ctx.database.url);
    try {
      const res = await request(plain.app)
        .options('/api/v1/campaigns')
        .set('Origin', LISTED)
        .set('Access-Control-Request-Method', 'POST');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await request(plain.app).get('/api/v1/campaigns').set('Origin', LISTED);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

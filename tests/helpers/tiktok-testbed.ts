import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, expect } from 'vitest';
import { issueAccessToken } from '../../server/modules/accounts/access-token.js';
import type { UserRole } from '../../server/modules/accounts/actor.js';
import { newId } from '../../server/shared/ids.js';
import { setupTestApp } from './app.js';
import { startFakeTikTok } from './fake-tiktok.js';

export interface TikTokUser {
  id: string;
  auth: { Authorization: string };
  token: string;
}

/**
 * A test file's app wired to a fake TikTok on loopback, with helpers that play the browser through the OAuth
 * round trip. Await it at the top of the file (it registers the file's hooks).
 */
export async function tiktokTestbed(label: string) {
  const fake = await startFakeTikTok();
  afterAll(() => fake.close());

  const PUBLIC_URL = 'http://contentflow.test';
  const REDIRECT_URI = `${PUBLIC_URL}/api/v1/social/tiktok/callback`;
  const AUTH_URL = `${fake.url}/v2/auth/authorize/`;
  const ctx = setupTestApp(label, {
    env: {
      PUBLIC_URL,
      TIKTOK_CLIENT_KEY: fake.clientKey,
      TIKTOK_CLIENT_SECRET: fake.clientSecret,
      TIKTOK_API_URL: fake.url,
      TIKTOK_AUTH_URL: AUTH_URL,
    },
  });
  const api = () => request(ctx.testApp.app);
  const db = () => ctx.database.db;

  async function createUser(role: UserRole = 'CLIPPER'): Promise<TikTokUser> {
    const id = newId('usr');
    const adminRole = role === 'ADMIN' ? 'SUPERADMIN' : null;
    await db().user.create({
      data: {
        id,
        email: `${id}@example.test`,
        passwordHash: 'unused',
        role,
        adminRole,
        emailVerifiedAt: ctx.testApp.clock.now(),
      },
    });
    const { token } = await issueAccessToken(ctx.testApp.config, ctx.testApp.clock, { id, role, adminRole });
    return { id, token, auth: { Authorization: `Bearer ${token}` } };
  }

  /** POST connect and read back what the browser would carry to TikTok. */
  async function startConnect(user: TikTokUser) {
    const res = await api().post('/api/v1/social/tiktok/connect').set(user.auth);
    expect(res.status, res.text).toBe(200);
    const url = new URL(res.body.authorizationUrl);
    return {
      url,
      state: url.searchParams.get('state') as string,
      codeChallenge: url.searchParams.get('code_challenge') as string,
    };
  }

  function callback(user: TikTokUser, query: Record<string, string>) {
    return api().get('/api/v1/social/tiktok/callback').query(query).set(user.auth).set('Accept', 'application/json');
  }

  /** The whole round trip: connect, "authorize" at the fake, come back with the code. */
  async function connect(user: TikTokUser, openId: string, displayName = `Creator ${openId}`) {
    const { state, codeChallenge } = await startConnect(user);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId, displayName });
    return callback(user, { code, state, scopes: 'user.info.basic' });
  }

  const rowOf = (openId: string) =>
    db().socialAccount.findUnique({ where: { platform_externalId: { platform: 'TIKTOK', externalId: openId } } });
  const openId = () => `oid-${randomBytes(6).toString('hex')}`;

  return {
    fake,
    ctx,
    api,
    db,
    createUser,
    startConnect,
    callback,
    connect,
    rowOf,
    openId,
    PUBLIC_URL,
    REDIRECT_URI,
    AUTH_URL,
  };
}

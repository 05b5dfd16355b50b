import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../server/jobs/boss.js';
import { TIKTOK_REFRESH_QUEUE } from '../../server/jobs/tiktok-refresh.js';
import { issueAccessToken } from '../../server/modules/accounts/access-token.js';
import type { UserRole } from '../../server/modules/accounts/actor.js';
import { openToken } from '../../server/modules/accounts/social-account-records.js';
import { refreshExpiringTikTokTokens } from '../../server/modules/accounts/tiktok/refresh-tiktok-tokens.js';
import { decryptSecret, keyIdOf } from '../../server/modules/accounts/token-cipher.js';
import { newId } from '../../server/shared/ids.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';
import { startFakeTikTok } from '../helpers/fake-tiktok.js';
import { runJobNow } from '../helpers/jobs.js';

const fake = await startFakeTikTok();
afterAll(() => fake.close());

const PUBLIC_URL = 'http://contentflow.test';
const REDIRECT_URI = `${PUBLIC_URL}/api/v1/social/tiktok/callback`;
const AUTH_URL = `${fake.url}/v2/auth/authorize/`;
const ctx = setupTestApp('tiktok', {
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
const HOUR = 3_600_000;

interface User {
  id: string;
  auth: { Authorization: string };
  token: string;
}

async function createUser(role: UserRole = 'CLIPPER'): Promise<User> {
  const id = newId('usr');
  const adminRole = role === 'ADMIN' ? 'SUPERADMIN' : null;
  await db().user.create({
    data: { id, email: `${id}@example.test`, passwordHash: 'unused', role, adminRole, emailVerifiedAt: new Date() },
  });
  const { token } = await issueAccessToken(ctx.testApp.config, ctx.testApp.clock, { id, role, adminRole });
  return { id, token, auth: { Authorization: `Bearer ${token}` } };
}

/** POST connect and read back what the browser would carry to TikTok. */
async function startConnect(user: User) {
  const res = await api().post('/api/v1/social/tiktok/connect').set(user.auth);
  expect(res.status, res.text).toBe(200);
  const url = new URL(res.body.authorizationUrl);
  return {
    url,
    state: url.searchParams.get('state') as string,
    codeChallenge: url.searchParams.get('code_challenge') as string,
  };
}

function callback(user: User, query: Record<string, string>) {
  return api().get('/api/v1/social/tiktok/callback').query(query).set(user.auth).set('Accept', 'application/json');
}

/** The whole round trip: connect, "authorize" at the fake, come back with the code. */
async function connect(user: User, openId: string, displayName = `Creator ${openId}`) {
  const { state, codeChallenge } = await startConnect(user);
  const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId, displayName });
  return callback(user, { code, state, scopes: 'user.info.basic' });
}

const rowOf = (openId: string) =>
  db().socialAccount.findUnique({ where: { platform_externalId: { platform: 'TIKTOK', externalId: openId } } });
const openId = () => `oid-${randomBytes(6).toString('hex')}`;
const VIEW_KEYS = ['createdAt', 'handle', 'id', 'platform', 'tokenExpiresAt', 'verificationStatus'];

describe('connecting a TikTok account', () => {
  it('answers an authorization URL with PKCE and remembers only the hash of the state', async () => {
    const user = await createUser('BRAND');
    const { url, state, codeChallenge } = await startConnect(user);
    expect(`${url.origin}${url.pathname}`).toBe(AUTH_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: fake.clientKey,
      response_type: 'code',
      scope: 'user.info.basic',
      redirect_uri: REDIRECT_URI,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(codeChallenge).toMatch(/^[\w-]{43}$/);

    const rows = await db().oAuthState.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.stateHash).toBe(createHash('sha256').update(state).digest('hex'));
    expect(row?.platform).toBe('TIKTOK');
    expect(row?.expiresAt.getTime()).toBe(ctx.testApp.clock.now().getTime() + 10 * 60_000);
    // The verifier is kept encrypted too; it is not the challenge, and its S256 is.
    expect(keyIdOf(row?.codeVerifier ?? '')).toBe('k1');
  });

  it('connects, stores the tokens encrypted and verifies the account', async () => {
    const user = await createUser();
    const id = openId();
    const res = await connect(user, id, 'Clip Queen');
    expect(res.status, res.text).toBe(200);
    const { account } = res.body;
    expect(Object.keys(account).sort()).toEqual(VIEW_KEYS);
    expect(account).toMatchObject({ platform: 'TIKTOK', handle: 'Clip Queen', verificationStatus: 'VERIFIED' });
    expect(new Date(account.tokenExpiresAt).getTime()).toBe(ctx.testApp.clock.now().getTime() + 86_400_000);

    // What TikTok saw: the code exchanged with our credentials, the redirect URI and a verifier for the challenge.
    const exchange = fake.callsTo('/v2/oauth/token/').at(-1);
    expect(exchange?.form).toMatchObject({
      client_key: fake.clientKey,
      client_secret: fake.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
    });

    const row = await rowOf(id);
    const tokens = fake.tokensOf(id);
    expect(row && tokens).toBeTruthy();
    if (!row || !tokens) return;
    expect(row).toMatchObject({ id: account.id, userId: user.id, handle: 'Clip Queen', encryptionKeyId: 'k1' });
    expect(row.verifiedAt?.getTime()).toBe(ctx.testApp.clock.now().getTime());
    for (const column of [row.accessTokenEnc, row.refreshTokenEnc]) {
      expect(column).toMatch(/^v1\.k1\./);
      expect(column).not.toContain(tokens.accessToken);
      expect(column).not.toContain(tokens.refreshToken);
    }
    const config = ctx.testApp.config;
    expect(openToken(config, row.id, 'access', row.accessTokenEnc as string)).toBe(tokens.accessToken);
    expect(openToken(config, row.id, 'refresh', row.refreshTokenEnc as string)).toBe(tokens.refreshToken);
    // Swapped columns do not open.
    expect(() => openToken(config, row.id, 'access', row.refreshTokenEnc as string)).toThrow();

    expect(await db().oAuthState.count({ where: { userId: user.id } })).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { subjectId: row.id } });
    expect(audit.map((e) => e.action)).toEqual(['social.connected']);
    expect(audit[0]).toMatchObject({ actorType: 'USER', actorId: user.id });
    expect(JSON.stringify(audit)).not.toContain(tokens.accessToken);
  });

  it('sends a browser back to the site with a 303', async () => {
    const user = await createUser();
    const { state, codeChallenge } = await startConnect(user);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'B' });
    // The top-level navigation back from TikTok carries the session cookie, not a bearer header.
    const res = await api()
      .get('/api/v1/social/tiktok/callback')
      .query({ code, state })
      .set('Cookie', `cf_at=${user.token}`)
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.status, res.text).toBe(303);
    expect(res.headers.location).toBe(`${PUBLIC_URL}/?tiktok=connected`);
    expect(await db().socialAccount.count({ where: { userId: user.id } })).toBe(1);
  });

  it('reconnecting the same TikTok account updates the row instead of adding one', async () => {
    const user = await createUser();
    const id = openId();
    const first = await connect(user, id, 'Old name');
    const second = await connect(user, id, 'New name');
    expect(second.status, second.text).toBe(200);
    expect(second.body.account.id).toBe(first.body.account.id);
    const row = await rowOf(id);
    expect(row?.handle).toBe('New name');
    expect(openToken(ctx.testApp.config, row?.id ?? '', 'access', row?.accessTokenEnc ?? '')).toBe(
      fake.tokensOf(id)?.accessToken,
    );
    expect(await db().socialAccount.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe('refusing a callback', () => {
  const exchanges = () => fake.callsTo('/v2/oauth/token/').length;

  it('refuses an unknown state and a reused one, storing nothing', async () => {
    const user = await createUser();
    const { state, codeChallenge } = await startConnect(user);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'X' });
    const before = exchanges();
    const unknown = await callback(user, { code, state: randomBytes(32).toString('base64url') });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(exchanges()).toBe(before);

    expect((await callback(user, { code, state })).status).toBe(200);
    const code2 = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'Y' });
    const reused = await callback(user, { code: code2, state });
    expect([reused.status, reused.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(await db().socialAccount.count({ where: { userId: user.id } })).toBe(1);
  });

  it('refuses an expired state and spends it', async () => {
    const user = await createUser();
    const { state, codeChallenge } = await startConnect(user);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'X' });
    ctx.testApp.clock.advance(10 * 60_000 + 1);
    const before = exchanges();
    const res = await callback(user, { code, state });
    expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(exchanges()).toBe(before);
    expect(await db().oAuthState.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().socialAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses another user's state and leaves it to its owner", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { state, codeChallenge } = await startConnect(owner);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'X' });
    const res = await callback(intruder, { code, state });
    expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(await db().socialAccount.count({ where: { userId: { in: [owner.id, intruder.id] } } })).toBe(0);
    expect((await callback(owner, { code, state })).status).toBe(200);
  });

  it('answers 400 when TikTok reports an error, and spends the state', async () => {
    const user = await createUser();
    const { state } = await startConnect(user);
    const before = exchanges();
    const res = await callback(user, { error: 'access_denied', error_description: 'User canceled', state });
    expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(exchanges()).toBe(before);
    expect(await db().oAuthState.count({ where: { userId: user.id } })).toBe(0);
  });

  it('answers 400 for a code TikTok refuses (wrong PKCE verifier), and 422 for unknown query fields', async () => {
    const user = await createUser();
    const { state } = await startConnect(user);
    // Authorized for a different challenge: the stored verifier does not match it.
    const code = fake.authorize({
      codeChallenge: 'x'.repeat(43),
      redirectUri: REDIRECT_URI,
      openId: openId(),
      displayName: 'X',
    });
    const res = await callback(user, { code, state });
    expect([res.status, res.body.code]).toEqual([400, 'BAD_REQUEST']);
    expect(await db().socialAccount.count({ where: { userId: user.id } })).toBe(0);
    const extra = await callback(user, { code, state, admin: 'true' });
    expect(extra.status).toBe(422);
  });

  it('answers 409 when the TikTok account is connected to another user, keeping theirs', async () => {
    const first = await createUser();
    const second = await createUser();
    const id = openId();
    expect((await connect(first, id)).status).toBe(200);
    const before = await rowOf(id);
    const res = await connect(second, id);
    expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
    expect(await rowOf(id)).toEqual(before);
    expect(await db().socialAccount.count({ where: { userId: second.id } })).toBe(0);
  });
});

describe('who may connect', () => {
  it('refuses anonymous callers on every route', async () => {
    await api().post('/api/v1/social/tiktok/connect').expect(401);
    await api().get('/api/v1/social/tiktok/callback').query({ code: 'c', state: 's' }).expect(401);
    await api().get('/api/v1/social/accounts').expect(401);
    await api()
      .delete(`/api/v1/social/accounts/${newId('soc')}`)
      .expect(401);
  });

  it('refuses admins and API tokens', async () => {
    const admin = await createUser('ADMIN');
    const res = await api().post('/api/v1/social/tiktok/connect').set(admin.auth);
    expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);

    const user = await createUser();
    const created = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(user.auth)
      .send({ name: 'script', scopes: ['READ', 'WRITE'] });
    expect(created.status, created.text).toBe(201);
    const viaToken = await api()
      .post('/api/v1/social/tiktok/connect')
      .set('Authorization', `Bearer ${created.body.token}`);
    expect([viaToken.status, viaToken.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers 503 when TikTok is not configured', async () => {
    const off = await createTestApp(ctx.database.db, ctx.database.url);
    const user = await createUser();
    const res = await request(off.app).post('/api/v1/social/tiktok/connect').set(user.auth);
    expect([res.status, res.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(res.body.detail).toBe('TikTok connection is not configured.');
    const cb = await request(off.app)
      .get('/api/v1/social/tiktok/callback')
      .query({ code: 'c', state: 's' })
      .set(user.auth);
    expect(cb.status).toBe(503);
    await off.close();
  });
});

describe('listing and disconnecting', () => {
  it('lists only your own accounts, never their tokens', async () => {
    const user = await createUser();
    const other = await createUser();
    await connect(user, openId(), 'One');
    await connect(user, openId(), 'Two');
    await connect(other, openId(), 'Theirs');
    const res = await api().get('/api/v1/social/accounts').set(user.auth).expect(200);
    expect(res.body.map((a: { handle: string }) => a.handle)).toEqual(['One', 'Two']);
    for (const account of res.body) expect(Object.keys(account).sort()).toEqual(VIEW_KEYS);
    expect(res.text).not.toMatch(/act\.|rft\.|v1\.k1\.|Enc/);
  });

  it("disconnects: revokes at TikTok, deletes the row, and hides others' accounts", async () => {
    const user = await createUser();
    const other = await createUser();
    const id = openId();
    const { account } = (await connect(user, id)).body;
    const accessToken = fake.tokensOf(id)?.accessToken;

    const stranger = await api().delete(`/api/v1/social/accounts/${account.id}`).set(other.auth);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(await rowOf(id)).not.toBeNull();

    await api().delete(`/api/v1/social/accounts/${account.id}`).set(user.auth).expect(204);
    expect(await rowOf(id)).toBeNull();
    expect(fake.callsTo('/v2/oauth/revoke/').at(-1)?.form).toEqual({
      client_key: fake.clientKey,
      client_secret: fake.clientSecret,
      token: accessToken,
    });
    expect(fake.tokensOf(id)).toBeUndefined();
    const audit = await db().auditEvent.findMany({ where: { subjectId: account.id }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['social.connected', 'social.disconnected']);
    await api().delete(`/api/v1/social/accounts/${account.id}`).set(user.auth).expect(404);
  });

  it('disconnects even when TikTok fails to revoke', async () => {
    const user = await createUser();
    const id = openId();
    const { account } = (await connect(user, id)).body;
    fake.failNext('/v2/oauth/revoke/', 500);
    await api().delete(`/api/v1/social/accounts/${account.id}`).set(user.auth).expect(204);
    expect(await rowOf(id)).toBeNull();
  });

  it('refuses a malformed account id', async () => {
    const user = await createUser();
    const res = await api().delete('/api/v1/social/accounts/not-an-id').set(user.auth);
    expect(res.status).toBe(422);
  });
});

describe('refreshing tokens', () => {
  beforeEach(async () => {
    await db().socialAccount.deleteMany();
  });

  const refreshAudit = (subjectId: string) =>
    db().auditEvent.findMany({
      where: { subjectId, action: { startsWith: 'social.tokens_' } },
      orderBy: { id: 'asc' },
    });

  it('refreshes the tokens that expire within the hour and seals the new ones', async () => {
    const soon = openId();
    const later = openId();
    await connect(await createUser(), soon);
    ctx.testApp.clock.advance(2 * HOUR);
    await connect(await createUser(), later);

    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 0, failed: 0 });
    // 24 h after the first connection, minus 30 min: only the first account is inside the window.
    ctx.testApp.clock.advance(21.5 * HOUR);
    const old = fake.tokensOf(soon);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 0 });

    const fresh = fake.tokensOf(soon);
    expect(fresh?.accessToken).not.toBe(old?.accessToken);
    const row = await rowOf(soon);
    if (!row) throw new Error('row missing');
    expect(openToken(ctx.testApp.config, row.id, 'access', row.accessTokenEnc as string)).toBe(fresh?.accessToken);
    expect(openToken(ctx.testApp.config, row.id, 'refresh', row.refreshTokenEnc as string)).toBe(fresh?.refreshToken);
    expect(row.tokenExpiresAt?.getTime()).toBe(ctx.testApp.clock.now().getTime() + 86_400_000);
    const audit = await refreshAudit(row.id);
    expect(audit.map((e) => [e.action, e.actorType])).toEqual([['social.tokens_refreshed', 'SYSTEM']]);
    expect(JSON.stringify(audit)).not.toContain(fresh?.accessToken);

    // The refresh call carried our credentials and the old refresh token, which TikTok has now rotated away.
    const call = fake.callsTo('/v2/oauth/token/').at(-1);
    expect(call?.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: old?.refreshToken });
  });

  it('counts failures without stopping, drops tokens TikTok refuses and keeps them through an outage', async () => {
    const flaky = openId();
    const refused = openId();
    const fine = openId();
    for (const id of [flaky, refused, fine]) {
      await connect(await createUser(), id);
      ctx.testApp.clock.advance(60_000);
    }
    fake.forget(refused);
    ctx.testApp.clock.advance(23.5 * HOUR);

    // Accounts are refreshed in expiry order (here: connection order); the first meets an outage.
    const ordered = await db().socialAccount.findMany({ orderBy: { tokenExpiresAt: 'asc' } });
    expect(ordered.map((r) => r.externalId)).toEqual([flaky, refused, fine]);
    fake.failNext('/v2/oauth/token/', 503);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 2 });

    const refusedRow = await rowOf(refused);
    expect(refusedRow).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null });
    expect((await refreshAudit(refusedRow?.id ?? '')).map((e) => e.action)).toEqual(['social.tokens_dropped']);
    const flakyRow = await rowOf(flaky);
    expect(flakyRow?.refreshTokenEnc).not.toBeNull();

    // The next run retries the one that met the outage and leaves the dropped one alone.
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 0 });
    const after = await rowOf(flaky);
    expect(openToken(ctx.testApp.config, after?.id ?? '', 'access', after?.accessTokenEnc ?? '')).toBe(
      fake.tokensOf(flaky)?.accessToken,
    );
  });

  it('stops a run early while TikTok is down, leaving the rest for the next run', async () => {
    const ids = [openId(), openId(), openId(), openId()];
    for (const id of ids) await connect(await createUser(), id);
    ctx.testApp.clock.advance(23.5 * HOUR);
    const before = fake.callsTo('/v2/oauth/token/').length;
    for (let i = 0; i < 3; i++) fake.failNext('/v2/oauth/token/', 503);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 0, failed: 3 });
    expect(fake.callsTo('/v2/oauth/token/').length - before).toBe(3);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 4, failed: 0 });
  });

  it('moves rows to the current key when the key rotates', async () => {
    const id = openId();
    await connect(await createUser(), id);
    const config = ctx.testApp.config;
    const rotated = {
      ...config,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOKEN_ENCRYPTION_KEY_ID: 'k2',
      TOKEN_ENCRYPTION_OLD_KEYS: `k1:${config.TOKEN_ENCRYPTION_KEY}`,
    };
    const services = { ...ctx.testApp.services, config: rotated };
    const before = await rowOf(id);
    expect(before?.encryptionKeyId).toBe('k1');
    // Rows under the old key still open with the rotated configuration.
    expect(openToken(rotated, before?.id ?? '', 'access', before?.accessTokenEnc ?? '')).toBe(
      fake.tokensOf(id)?.accessToken,
    );

    ctx.testApp.clock.advance(23.5 * HOUR);
    expect(await refreshExpiringTikTokTokens(services)).toEqual({ refreshed: 1, failed: 0 });
    const row = await rowOf(id);
    if (!row) throw new Error('row missing');
    expect(row.encryptionKeyId).toBe('k2');
    expect(keyIdOf(row.accessTokenEnc ?? '')).toBe('k2');
    expect(keyIdOf(row.refreshTokenEnc ?? '')).toBe('k2');
    expect(openToken(rotated, row.id, 'refresh', row.refreshTokenEnc ?? '')).toBe(fake.tokensOf(id)?.refreshToken);
    // The old configuration knows no key k2.
    expect(() => decryptSecret(config, row.accessTokenEnc ?? '', `social-account:${row.id}:access`)).toThrow(
      /no key with id "k2"/,
    );
    await db().socialAccount.deleteMany();
  });
});

describe('the refresh job', () => {
  it('is scheduled every ten minutes when TikTok is configured, and its worker runs the refresh', async () => {
    const { services } = ctx.testApp;
    const jobs = await startJobs(ctx.database.url, services.logger, services);
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((s) => s.name === TIKTOK_REFRESH_QUEUE)?.cron).toBe('*/10 * * * *');
      const id = openId();
      await connect(await createUser(), id);
      const old = fake.tokensOf(id);
      ctx.testApp.clock.advance(23.5 * HOUR);

      expect(await runJobNow(jobs, TIKTOK_REFRESH_QUEUE)).toBe('completed');
      expect(fake.tokensOf(id)?.accessToken).not.toBe(old?.accessToken);
      const row = await rowOf(id);
      expect(openToken(services.config, row?.id ?? '', 'access', row?.accessTokenEnc ?? '')).toBe(
        fake.tokensOf(id)?.accessToken,
      );
    } finally {
      await jobs.stop();
    }
  });

  it('is unscheduled when TikTok is switched off', async () => {
    const off = await createTestApp(ctx.database.db, ctx.database.url);
    const jobs = await startJobs(ctx.database.url, off.services.logger, off.services);
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.map((s) => s.name)).not.toContain(TIKTOK_REFRESH_QUEUE);
    } finally {
      await jobs.stop();
      await off.close();
    }
  });
});

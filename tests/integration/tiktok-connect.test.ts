import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/http/openapi.js';
import { API_ROUTES } from '../../server/http/routes/index.js';
import { hashPassword } from '../../server/modules/accounts/password.js';
import { openToken } from '../../server/modules/accounts/social-account-records.js';
import { keyIdOf } from '../../server/modules/accounts/token-cipher.js';
import { newId } from '../../server/shared/ids.js';
import { TEST_PASSWORD } from '../helpers/accounts.js';
import { createTestApp } from '../helpers/app.js';
import { statusCounts } from '../helpers/status-counts.js';
import { tiktokTestbed } from '../helpers/tiktok-testbed.js';

const {
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
} = await tiktokTestbed('tiktok-connect');
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

  // A generated client follows the document: it must say that `*/*` (or no Accept) gets the redirect.
  it.each([
    ['*/*', 303],
    [undefined, 303],
    ['text/html', 303],
    ['application/json', 200],
    ['application/json, */*;q=0.1', 200],
  ])('answers Accept %s with %i, as its OpenAPI operation documents', async (accept, status) => {
    const user = await createUser();
    const { state, codeChallenge } = await startConnect(user);
    const code = fake.authorize({ codeChallenge, redirectUri: REDIRECT_URI, openId: openId(), displayName: 'N' });
    const sent = api().get('/api/v1/social/tiktok/callback').query({ code, state }).set(user.auth);
    const res = await (accept ? sent.set('Accept', accept) : sent);
    expect(res.status, res.text).toBe(status);
    const responses = openApiDocument(API_ROUTES).paths?.['/social/tiktok/callback']?.get?.responses ?? {};
    const documented = responses[String(status)] as { content?: object; headers?: object } | undefined;
    if (status === 303) {
      expect(res.headers.location).toBe(`${PUBLIC_URL}/?tiktok=connected`);
      expect(documented?.headers, 'the document lists the 303 with its Location').toHaveProperty('Location');
    } else {
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(documented?.content).toHaveProperty(['application/json']);
    }
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

describe('connections in progress', () => {
  it('holds the cap of connections in progress under parallel requests', async () => {
    const user = await createUser();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => api().post('/api/v1/social/tiktok/connect').set(user.auth)),
    );
    expect(statusCounts(answers)).toEqual({ 200: 20, 429: 10 });
    expect(await db().oAuthState.count({ where: { userId: user.id } })).toBe(20);
  });

  it('makes room again once the oldest connection expires', async () => {
    const user = await createUser();
    for (let i = 0; i < 20; i += 1) await startConnect(user);
    const refused = await api().post('/api/v1/social/tiktok/connect').set(user.auth);
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    ctx.testApp.clock.advance(10 * 60_000);
    await startConnect(user);
    expect(await db().oAuthState.count({ where: { userId: user.id } })).toBe(1);
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
    // Minting a token takes the account's password.
    const passwordHash = await hashPassword(TEST_PASSWORD);
    await db().user.update({ where: { id: user.id }, data: { passwordHash } });
    const created = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(user.auth)
      .send({ name: 'script', scopes: ['READ', 'WRITE'], currentPassword: TEST_PASSWORD });
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

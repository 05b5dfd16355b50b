import { createHmac } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('auth-security');
const api = () => request(ctx.testApp.app);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('brute force', () => {
  // Each guess from another client (the test app trusts the loopback proxy): one client alone is slowed down
  // long before it gets here (auth-throttle.test.ts).
  const client = (i: number) => ({ 'X-Forwarded-For': `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}` });

  it('locks an account for the hour after 100 failed sign-ins, even for the right password', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    for (let i = 0; i < 100; i++) {
      const res = await api()
        .post('/api/v1/auth/login')
        .set(client(i))
        .send({ email: user.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(locked.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3_500);
    expect(retryAfter).toBeLessThanOrEqual(3_600);
    ctx.testApp.clock.advance(retryAfter * 1000);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const failures = await ctx.database.db.auditEvent.count({
      where: { subjectId: user.id, action: 'auth.login_failed' },
    });
    expect(failures).toBe(100);
  }, 60_000);

  it('locks an unknown address the same way, so a lockout says nothing about who has an account', async () => {
    const ghost = 'ghost-account@example.test';
    for (let i = 0; i < 100; i++) {
      await api()
        .post('/api/v1/auth/login')
        .set(client(i))
        .send({ email: ghost, password: `wrong-${i}` })
        .expect(401);
    }
    const locked = await api().post('/api/v1/auth/login').send({ email: ghost, password: 'anything' });
    expect([locked.status, locked.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(3_500);
  }, 60_000);

  it('counts wrong current passwords on a password change like failed sign-ins', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const change = (currentPassword: string, i: number) =>
      api()
        .patch('/api/v1/users/me')
        .set('Authorization', `Bearer ${user.token}`)
        .set(client(i))
        .send({ currentPassword, newPassword: 'new password 1' });
    for (let i = 0; i < 100; i++) expect((await change(`guess-${i}`, i)).status).toBe(401);
    const locked = await change(TEST_PASSWORD, 100);
    expect([locked.status, locked.body.code]).toEqual([429, 'RATE_LIMITED']);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
  }, 60_000);

  it('limits requests per IP on each auth route with 429 and Retry-After', async () => {
    const limited = await createTestApp(ctx.database.db, ctx.database.url, {
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', OTP_SENDS_PER_IP_PER_HOUR: '2' },
    });
    // Counters are shared through the database: start from none (the test above spent this minute's).
    await ctx.database.db.rateLimitCounter.deleteMany();
    const login = () =>
      request(limited.app).post('/api/v1/auth/login').send({ email: 'x@example.test', password: 'nope' });
    for (let i = 0; i < 3; i++) expect((await login()).status).toBe(401);
    const refused = await login();
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other auth routes have their own budget; the code-sending ones share a stricter hourly one.
    const reset = () =>
      request(limited.app).post('/api/v1/auth/password-reset/request').send({ email: 'x@example.test' });
    expect((await reset()).status).toBe(202);
    expect((await reset()).status).toBe(202);
    expect((await reset()).status).toBe(429);
    const register = await request(limited.app)
      .post('/api/v1/auth/register')
      .send({ email: 'y@example.test', password: 'password1', role: 'BRAND' });
    expect(register.status).toBe(429);
    limited.clock.advance(61_000);
    expect((await login()).status).toBe(401);
    // Counters live in PostgreSQL, so every replica sees the same ones.
    expect(await ctx.database.db.rateLimitCounter.count()).toBeGreaterThan(0);
  });
});

describe('client addresses behind a proxy', () => {
  it('believes X-Forwarded-For only from trusted proxies (TRUST_PROXY)', async () => {
    await ctx.database.db.rateLimitCounter.deleteMany();
    const login = (app: typeof ctx.testApp.app, ip: string) =>
      request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: 'p@example.test', password: 'nope' });
    // Default: the proxy on loopback (here, the test itself) is trusted, so each forwarded client has its own budget.
    const behindProxy = await createTestApp(ctx.database.db, ctx.database.url, {
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '1' },
    });
    expect((await login(behindProxy.app, '203.0.113.1')).status).toBe(401);
    expect((await login(behindProxy.app, '203.0.113.2')).status).toBe(401);
    expect((await login(behindProxy.app, '203.0.113.1')).status).toBe(429);
    // An IPv6 client is its /64, as for the sign-in throttle: another address of it shares the budget, the next
    // /64 does not.
    expect((await login(behindProxy.app, '2001:db8:1:2::1')).status).toBe(401);
    expect((await login(behindProxy.app, '2001:db8:1:2:ffff::9')).status).toBe(429);
    expect((await login(behindProxy.app, '2001:db8:1:3::1')).status).toBe(401);
    const audited = await ctx.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'auth.login_failed', ip: '203.0.113.2' },
    });
    expect(audited.ip).toBe('203.0.113.2');
    // No trusted proxy: the header is the client's own claim and changes nothing.
    await ctx.database.db.rateLimitCounter.deleteMany();
    const direct = await createTestApp(ctx.database.db, ctx.database.url, {
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'false' },
    });
    expect((await login(direct.app, '198.51.100.1')).status).toBe(401);
    expect((await login(direct.app, '198.51.100.2')).status).toBe(429);
  });
});

describe('credentials that must not work', () => {
  it('refuses tampered, unsigned, foreign-key and malformed access tokens', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'ADMIN');
    const [header, payload, signature] = user.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const escalated = b64({ ...claims, sub: 'usr_00000000000000000000000000' });
    const signWith = (key: string, body: string) =>
      `${header}.${body}.${createHmac('sha256', key).update(`${header}.${body}`).digest('base64url')}`;
    const bad = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'payload swapped': `${header}.${escalated}.${signature}`,
      'wrong key': signWith('another-secret-that-is-long-enough-000', payload),
      expired: signWith(
        ctx.testApp.config.JWT_SECRET,
        b64({ ...claims, exp: Math.floor(ctx.testApp.clock.now().getTime() / 1000) - 60 }),
      ),
      'other audience': signWith(ctx.testApp.config.JWT_SECRET, b64({ ...claims, aud: 'elsewhere' })),
      garbage: 'not-a-jwt-at-all',
      'unknown api token': 'cfp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    };
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${user.token}`).expect(200);
    for (const [name, token] of Object.entries(bad)) {
      const res = await api().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
      expect([name, res.status, res.body.code]).toEqual([name, 401, 'UNAUTHENTICATED']);
    }
    const basic = await api().get('/api/v1/users/me').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(basic.status).toBe(401);
  });
});

describe('cross-site requests', () => {
  it('requires our Origin on writes authenticated by cookie, not on bearer writes', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const agent = request.agent(ctx.testApp.app);
    await agent.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const profile = { companyName: 'Acme' };
    const ours = new URL(ctx.testApp.config.publicUrl).origin;
    expect((await agent.put(`/api/v1/users/${user.id}/profile`).send(profile)).status).toBe(403);
    expect(
      (await agent.put(`/api/v1/users/${user.id}/profile`).set('Origin', 'https://evil.example').send(profile)).status,
    ).toBe(403);
    expect(
      (await agent.put(`/api/v1/users/${user.id}/profile`).set('Referer', `${ours}/account`).send(profile)).status,
    ).toBe(200);
    expect((await agent.put(`/api/v1/users/${user.id}/profile`).set('Origin', ours).send(profile)).status).toBe(200);
    // Reads need no Origin; bearer writes cannot be forged by a browser, so they need none either.
    await agent.get('/api/v1/users/me').expect(200);
    await api()
      .put(`/api/v1/users/${user.id}/profile`)
      .set('Authorization', `Bearer ${user.token}`)
      .send(profile)
      .expect(200);
    // The refresh cookie is guarded the same way.
    expect((await agent.post('/api/v1/auth/refresh').set('Origin', 'https://evil.example').send({})).status).toBe(403);
    expect((await agent.post('/api/v1/auth/refresh').send({})).status).toBe(403);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, unknown, string[]]> = [
    ['post', '/auth/register', { email: 'a@example.test', password: 'long enough', role: 'ADMIN' }, ['role']],
    ['post', '/auth/register', { email: 'not-an-email', password: 'long enough', role: 'BRAND' }, ['email']],
    ['post', '/auth/register', { email: 'a@example.test', password: 'short', role: 'BRAND' }, ['password']],
    ['post', '/auth/register', { email: 'a@example.test', password: 'x'.repeat(129), role: 'BRAND' }, ['password']],
    ['post', '/auth/register', { email: 'a@example.test', password: 12345678, role: 'BRAND' }, ['password']],
    [
      'post',
      '/auth/register',
      { email: 'a@example.test', password: 'long enough', role: 'BRAND', isAdmin: true },
      ['isAdmin'],
    ],
    ['post', '/auth/register', {}, ['email', 'password', 'role']],
    ['post', '/auth/verify-otp', { email: 'a@example.test', code: '12345', password: 'x' }, ['code']],
    ['post', '/auth/verify-otp', { email: 'a@example.test', code: 123456 }, ['code', 'password']],
    ['post', '/auth/login', { email: 'a@example.test' }, ['password']],
    ['post', '/auth/login', { email: 'a@example.test', password: 'x', transport: 'carrier-pigeon' }, ['transport']],
    ['post', '/auth/refresh', { refreshToken: 42 }, ['refreshToken']],
    ['post', '/auth/logout', { everywhere: true }, ['everywhere']],
    ['post', '/auth/resend-otp', { email: 'a@example.test', purpose: 'LOGIN' }, ['purpose']],
    ['post', '/auth/password-reset/request', { email: ['a@example.test'] }, ['email']],
    ['post', '/auth/password-reset/confirm', { email: 'a@example.test', code: '123456' }, ['newPassword']],
  ];

  it.each(cases)('%s %s %j → 422 naming %j', async (method, path, body, fields) => {
    const res = await (api() as unknown as Record<string, (p: string) => request.Test>)
      [method]?.(`/api/v1${path}`)
      .send(body as object);
    expect(res?.status, res?.text).toBe(422);
    expect(res?.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res?.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(res?.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual([...fields].sort());
  });

  it('validates signed-in routes too: ids, unknown fields, role-specific profile fields', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const auth = { Authorization: `Bearer ${clipper.token}` };
    const badId = await api().get('/api/v1/users/123/profile').set(auth);
    expect([badId.status, badId.body.errors[0].path]).toEqual([422, 'id']);
    const brandFields = await api()
      .put(`/api/v1/users/${clipper.id}/profile`)
      .set(auth)
      .send({ displayName: 'Cuts', companyName: 'Acme' });
    expect([brandFields.status, brandFields.body.errors]).toEqual([
      422,
      [{ path: 'companyName', message: 'is not a known field' }],
    ]);
    const link = await api()
      .put(`/api/v1/users/${clipper.id}/profile`)
      .set(auth)
      .send({ displayName: 'Cuts', socialLinks: [{ platform: 'MYSPACE', url: 'javascript:alert(1)' }] });
    expect(link.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'socialLinks.0.platform',
      'socialLinks.0.url',
    ]);
    const scopes = await api().post('/api/v1/users/me/api-tokens').set(auth).send({ name: 'ci', scopes: [] });
    expect([scopes.status, scopes.body.errors[0].path]).toEqual([422, 'scopes']);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413, as problems', async () => {
    const malformed = await api().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'BAD_REQUEST']);
    const huge = await api()
      .post('/api/v1/auth/login')
      .send({ email: 'a@example.test', password: 'x'.repeat(200_000) });
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('answers wrong credentials without saying which part was wrong', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const unknown = await api()
      .post('/api/v1/auth/login')
      .send({ email: 'ghost@example.test', password: TEST_PASSWORD });
    const wrong = await api().post('/api/v1/auth/login').send({ email: user.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.code).toBe(unknown.body.code);
  });
});

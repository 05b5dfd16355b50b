import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_MS } from '../../server/modules/accounts/access-token.js';
import { REFRESH_GRACE_MS } from '../../server/modules/accounts/refresh-session.js';
import { REFRESH_TOKEN_TTL_MS } from '../../server/modules/accounts/sessions.js';
import { createUser, lastMailedCode, TEST_PASSWORD } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('auth-flow');
const api = () => request(ctx.testApp.app);
const origin = () => ({ Origin: new URL(ctx.testApp.config.publicUrl).origin });

async function bearerLogin(email: string, password = TEST_PASSWORD) {
  const res = await api().post('/api/v1/auth/login').send({ email, password, transport: 'bearer' });
  expect(res.status, res.text).toBe(200);
  return res.body as { accessToken: string; refreshToken: string; user: { id: string } };
}

const auditActions = async (subjectId: string) =>
  (await ctx.database.db.auditEvent.findMany({ where: { subjectId }, orderBy: { id: 'asc' } })).map((e) => e.action);

describe('sign-up to logout with cookies', () => {
  it('registers, verifies by e-mailed code, signs in, refreshes and signs out', async () => {
    const email = 'New-Clipper@Example.test';
    const reg = await api().post('/api/v1/auth/register').send({ email, password: 'a long password', role: 'CLIPPER' });
    expect(reg.status, reg.text).toBe(202);
    const address = email.toLowerCase();
    const code = await lastMailedCode(ctx.testApp, address);

    const early = await api().post('/api/v1/auth/login').send({ email: address, password: 'a long password' });
    expect([early.status, early.body.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    await api().post('/api/v1/auth/verify-otp').send({ email: address, code, password: 'a long password' }).expect(200);
    // Single use.
    const again = await api()
      .post('/api/v1/auth/verify-otp')
      .send({ email: address, code, password: 'a long password' });
    expect([again.status, again.body.code]).toEqual([400, 'OTP_INVALID']);

    const agent = request.agent(ctx.testApp.app);
    const login = await agent.post('/api/v1/auth/login').send({ email, password: 'a long password' });
    expect(login.status, login.text).toBe(200);
    expect(login.body.user).toMatchObject({ email: address, role: 'CLIPPER', status: 'ACTIVE' });
    expect(login.body).not.toHaveProperty('refreshToken');
    const cookies = (login.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(/cf_at=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    expect(cookies).toMatch(/cf_rt=[^;]+; Path=\/api\/v1\/auth; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    expect(cookies).not.toMatch(/Secure/); // http:// public URL in tests

    expect((await agent.get('/api/v1/users/me').expect(200)).body.email).toBe(address);
    const refreshed = await agent.post('/api/v1/auth/refresh').set(origin()).send({});
    expect(refreshed.status, refreshed.text).toBe(200);
    expect((refreshed.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/cf_rt=/);
    await agent.post('/api/v1/auth/logout').set(origin()).send({}).expect(204);
    await agent.get('/api/v1/users/me').expect(401);
    await agent.post('/api/v1/auth/refresh').set(origin()).send({}).expect(401);

    const userId = login.body.user.id;
    expect(await auditActions(userId)).toEqual(['user.registered', 'user.email_verified', 'auth.login', 'auth.logout']);
  });

  it('sets Secure cookies when the public URL is https', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const { createTestApp } = await import('../helpers/app.js');
    const https = await createTestApp(ctx.database.db, ctx.database.url, {
      env: { PUBLIC_URL: 'https://app.example' },
    });
    const res = await request(https.app)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect((res.headers['set-cookie'] as unknown as string[]).every((c) => c.includes('Secure'))).toBe(true);
  });
});

describe('bearer tokens', () => {
  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const first = await bearerLogin(user.email);
    const second = await api().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status, second.text).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.tokenType).toBe('Bearer');

    // Past the grace window (two tabs refreshing at once: auth-sessions.test.ts), an old token means a copy.
    ctx.testApp.clock.advance(REFRESH_GRACE_MS + 1);
    const replay = await api().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    // The thief's replay also kills the legitimate holder's newer token.
    await api().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    expect(await auditActions(user.id)).toContain('auth.refresh_token_reused');
    // Other sessions of the same user are a different family and keep working.
    const other = await bearerLogin(user.email);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('expires access tokens after 15 minutes and refresh tokens after 30 days', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const { accessToken, refreshToken } = await bearerLogin(user.email);
    const me = () => api().get('/api/v1/users/me').set('Authorization', `Bearer ${accessToken}`);
    await me().expect(200);
    ctx.testApp.clock.advance(ACCESS_TOKEN_TTL_MS + 1_000);
    await me().expect(401);
    const refreshed = await api().post('/api/v1/auth/refresh').send({ refreshToken }).expect(200);
    ctx.testApp.clock.advance(REFRESH_TOKEN_TTL_MS + 1_000);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it('refuses access tokens issued before logout', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const session = await bearerLogin(user.email);
    const auth = { Authorization: `Bearer ${session.accessToken}` };
    await api().get('/api/v1/users/me').set(auth).expect(200);
    await api().post('/api/v1/auth/logout').set(auth).send({ refreshToken: session.refreshToken }).expect(204);
    await api().get('/api/v1/users/me').set(auth).expect(401);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    ctx.testApp.clock.advance(1);
    const next = await bearerLogin(user.email);
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${next.accessToken}`).expect(200);
  });

  it('ends every session of a suspended user at once, and reactivation lets them sign in again', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const moderator = await createUser(ctx.testApp, ctx.database.db, 'ADMIN', { adminRole: 'MODERATOR' });
    const session = await bearerLogin(clipper.email);
    const suspend = await api()
      .post(`/api/v1/admin/users/${clipper.id}/suspend`)
      .set('Authorization', `Bearer ${moderator.token}`)
      .send({ reason: 'fake views' });
    expect(suspend.status, suspend.text).toBe(200);
    expect(suspend.body.status).toBe('SUSPENDED');
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${session.accessToken}`).expect(401);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const refused = await api().post('/api/v1/auth/login').send({ email: clipper.email, password: TEST_PASSWORD });
    expect([refused.status, refused.body.code]).toEqual([403, 'ACCOUNT_SUSPENDED']);
    const again = await api()
      .post(`/api/v1/admin/users/${clipper.id}/suspend`)
      .set('Authorization', `Bearer ${moderator.token}`)
      .send({ reason: 'twice' });
    expect(again.status).toBe(409);

    await api()
      .post(`/api/v1/admin/users/${clipper.id}/reactivate`)
      .set('Authorization', `Bearer ${moderator.token}`)
      .expect(200);
    // Credentials ended in this very millisecond refuse a sign-in from it, as they refuse its tokens.
    ctx.testApp.clock.advance(1);
    await bearerLogin(clipper.email);
    const events = await ctx.database.db.auditEvent.findMany({
      where: { subjectId: clipper.id, action: { startsWith: 'user.' } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['user.suspended', moderator.id],
      ['user.reactivated', moderator.id],
    ]);
    expect(events[0]?.after).toEqual({ status: 'SUSPENDED', reason: 'fake views' });
  });
});

describe('cookie transport', () => {
  it('answers a cookie refresh with cookies even when the body asks for bearer tokens', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const agent = request.agent(ctx.testApp.app);
    await agent.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const res = await agent.post('/api/v1/auth/refresh').set(origin()).send({ transport: 'bearer' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).not.toHaveProperty('refreshToken');
    expect((res.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/cf_rt=/);
  });
});

describe('password reset', () => {
  it('answers the same for unknown addresses and resets with the code, ending old sessions', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const old = await bearerLogin(user.email);
    const apiToken = await api()
      .post('/api/v1/users/me/api-tokens')
      .set('Authorization', `Bearer ${old.accessToken}`)
      .send({ name: 'script', scopes: ['READ'], currentPassword: TEST_PASSWORD })
      .expect(201);
    const unknown = await api().post('/api/v1/auth/password-reset/request').send({ email: 'nobody@example.test' });
    const known = await api().post('/api/v1/auth/password-reset/request').send({ email: user.email });
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    await ctx.testApp.services.mailer.drain();
    expect(await ctx.database.db.devMail.count({ where: { to: 'nobody@example.test' } })).toBe(0);

    const code = await lastMailedCode(ctx.testApp, user.email);
    const weak = await api()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ email: user.email, code, newPassword: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([{ path: 'newPassword', message: 'at least 8 characters' }]);
    await api()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ email: user.email, code, newPassword: 'a brand new password' })
      .expect(204);
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${old.accessToken}`).expect(401);
    await api().post('/api/v1/auth/refresh').send({ refreshToken: old.refreshToken }).expect(401);
    // API tokens minted with the old password die too.
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${apiToken.body.token}`).expect(401);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    // Credentials ended in this very millisecond refuse a sign-in from it, as they refuse its tokens.
    ctx.testApp.clock.advance(1);
    await bearerLogin(user.email, 'a brand new password');
  });

  it('changes the password of the signed-in user only with the current one', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const session = await bearerLogin(user.email);
    const auth = { Authorization: `Bearer ${session.accessToken}` };
    const wrong = await api()
      .patch('/api/v1/users/me')
      .set(auth)
      .send({ currentPassword: 'nope-nope', newPassword: 'another password' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    await api()
      .patch('/api/v1/users/me')
      .set(auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'another password' })
      .expect(204);
    await api().get('/api/v1/users/me').set(auth).expect(401);
    // Credentials ended in this very millisecond refuse a sign-in from it, as they refuse its tokens.
    ctx.testApp.clock.advance(1);
    await bearerLogin(user.email, 'another password');
  });
});

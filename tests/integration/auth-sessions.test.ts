import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../../server/modules/accounts/refresh-session.js';
import { hashToken } from '../../server/modules/accounts/secret-token.js';
import { createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

/** Logout ends the session it is given; two tabs refreshing at once stay signed in. */
const ctx = setupTestApp('auth-sessions');
const api = () => request(ctx.testApp.app);

async function bearerLogin(email: string) {
  const res = await api().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD, transport: 'bearer' });
  expect(res.status, res.text).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}
const refresh = (refreshToken: string) => api().post('/api/v1/auth/refresh').send({ refreshToken });

describe('logout with a bearer access token', () => {
  it('ends the session the access token belongs to, refresh token included, and no other', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const phone = await bearerLogin(user.email);
    const laptop = await bearerLogin(user.email);
    await api().post('/api/v1/auth/logout').set('Authorization', `Bearer ${phone.accessToken}`).send({}).expect(204);
    const after = await refresh(phone.refreshToken);
    expect([after.status, after.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    // The other sign-in refreshes as before (its access token ended with the logout, like every one issued before).
    await refresh(laptop.refreshToken).expect(200);
  });
});

describe('refresh grace window', () => {
  it('gives two tabs refreshing the same token at once the same successor', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const session = await bearerLogin(user.email);
    const [a, b] = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    expect([a.status, b.status], `${a.text} ${b.text}`).toEqual([200, 200]);
    expect(a.body.refreshToken).toBe(b.body.refreshToken);
    expect(a.body.refreshToken).not.toBe(session.refreshToken);
    for (const res of [a, b]) {
      await api().get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    }
    const reused = { subjectId: user.id, action: 'auth.refresh_token_reused' };
    expect(await ctx.database.db.auditEvent.count({ where: reused })).toBe(0);
    // The successor is stored sealed, never readable.
    const rows = await ctx.database.db.refreshToken.findMany({ where: { userId: user.id } });
    expect(JSON.stringify(rows)).not.toContain(a.body.refreshToken);
    expect(rows.some((row) => row.tokenHash === hashToken(a.body.refreshToken))).toBe(true);
    // The family goes on from the shared successor.
    await refresh(a.body.refreshToken).expect(200);
  });

  it('still answers a late tab within the window, and treats the old token as copied after it', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const session = await bearerLogin(user.email);
    const first = await refresh(session.refreshToken).expect(200);
    ctx.testApp.clock.advance(REFRESH_GRACE_MS - 1_000);
    const late = await refresh(session.refreshToken).expect(200);
    expect(late.body.refreshToken).toBe(first.body.refreshToken);
    ctx.testApp.clock.advance(2_000);
    const replay = await refresh(session.refreshToken);
    expect([replay.status, replay.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(
      await ctx.database.db.auditEvent.count({ where: { subjectId: user.id, action: 'auth.refresh_token_reused' } }),
    ).toBe(1);
    // Reuse detection still kills the whole family.
    await refresh(first.body.refreshToken).expect(401);
  });

  it('does not revive a session signed out within the window', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const session = await bearerLogin(user.email);
    const next = await refresh(session.refreshToken).expect(200);
    await api().post('/api/v1/auth/logout').send({ refreshToken: next.body.refreshToken }).expect(204);
    await refresh(session.refreshToken).expect(401);
    const sealed = await ctx.database.db.refreshToken.count({
      where: { userId: user.id, successorSealed: { not: null } },
    });
    expect(sealed).toBe(0);
  });
});

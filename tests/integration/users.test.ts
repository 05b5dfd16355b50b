import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('users');
const api = () => request(ctx.testApp.app);
const db = () => ctx.database.db;

describe('profiles', () => {
  it('lets a brand write its own profile and shows others only the public fields', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const clipper = await createUser(ctx.testApp, db(), 'CLIPPER');
    const full = {
      companyName: 'Acme Drinks',
      website: 'https://acme.example',
      billingContactName: 'Ada Billing',
      billingContactEmail: 'Billing@Acme.example',
    };
    const put = await api().put(`/api/v1/users/${brand.id}/profile`).set(bearer(brand)).send(full);
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({ ...full, billingContactEmail: 'billing@acme.example' });
    const seen = await api().get(`/api/v1/users/${brand.id}/profile`).set(bearer(clipper)).expect(200);
    expect(seen.body).toEqual({
      userId: brand.id,
      role: 'BRAND',
      profile: { companyName: 'Acme Drinks', website: 'https://acme.example' },
    });
    const me = await api().get('/api/v1/users/me').set(bearer(brand)).expect(200);
    expect(me.body.profile.billingContactName).toBe('Ada Billing');
    expect(me.body).not.toHaveProperty('passwordHash');
    // PUT replaces: fields left out are cleared.
    await api().put(`/api/v1/users/${brand.id}/profile`).set(bearer(brand)).send({ companyName: 'Acme' }).expect(200);
    const after = await api().get('/api/v1/users/me').set(bearer(brand)).expect(200);
    expect(after.body.profile).toMatchObject({ companyName: 'Acme', website: null, billingContactName: null });
  });

  it('keeps a clipper’s payout details private and refuses edits by anyone else', async () => {
    const clipper = await createUser(ctx.testApp, db(), 'CLIPPER');
    const other = await createUser(ctx.testApp, db(), 'CLIPPER');
    const admin = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'SUPERADMIN' });
    const profile = {
      displayName: 'Quick Cuts',
      bio: 'Shorts all day',
      socialLinks: [{ platform: 'TIKTOK', url: 'https://www.tiktok.com/@quickcuts' }],
      payoutDetails: 'IBAN DE00 0000',
      currentPassword: TEST_PASSWORD,
    };
    await api().put(`/api/v1/users/${clipper.id}/profile`).set(bearer(clipper)).send(profile).expect(200);
    const seen = await api().get(`/api/v1/users/${clipper.id}/profile`).set(bearer(other)).expect(200);
    expect(seen.body.profile).toEqual({
      displayName: 'Quick Cuts',
      bio: 'Shorts all day',
      socialLinks: profile.socialLinks,
    });
    for (const intruder of [other, admin]) {
      const res = await api().put(`/api/v1/users/${clipper.id}/profile`).set(bearer(intruder)).send(profile);
      expect(res.status).toBe(403);
    }
    await api().get(`/api/v1/users/${clipper.id}/profile`).expect(401);
    await api().get(`/api/v1/users/${admin.id}/profile`).set(bearer(clipper)).expect(404);
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, stores a hash, records last use, and stops working when revoked', async () => {
    const brand = await createUser(ctx.testApp, db(), 'BRAND');
    const created = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(brand))
      .send({ name: 'reporting', scopes: ['READ'], expiresInDays: 30, currentPassword: TEST_PASSWORD });
    expect(created.status, created.text).toBe(201);
    const { token, id } = created.body;
    expect(token).toMatch(/^cfp_[\w-]{43}$/);
    expect(created.body.prefix).toBe(token.slice(0, 12));
    const row = await db().apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.lastUsedAt).toBeNull();

    const me = await api().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.id).toBe(brand.id);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
    // READ only: writes are refused, and tokens never manage tokens.
    const write = await api()
      .put(`/api/v1/users/${brand.id}/profile`)
      .set('Authorization', `Bearer ${token}`)
      .send({ companyName: 'X' });
    expect([write.status, write.body.detail]).toEqual([403, 'This token lacks the WRITE scope.']);
    await api().get('/api/v1/users/me/api-tokens').set('Authorization', `Bearer ${token}`).expect(403);

    const list = await api().get('/api/v1/users/me/api-tokens').set(bearer(brand)).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).not.toHaveProperty('token');
    expect(list.body[0]).not.toHaveProperty('tokenHash');

    await api().delete(`/api/v1/users/me/api-tokens/${id}`).set(bearer(brand)).expect(204);
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    const actions = (await db().auditEvent.findMany({ where: { subjectId: id }, orderBy: { id: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('expires tokens, keeps ADMIN scope for admins, and hides other users’ tokens', async () => {
    const clipper = await createUser(ctx.testApp, db(), 'CLIPPER');
    const other = await createUser(ctx.testApp, db(), 'CLIPPER');
    const adminScope = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(clipper))
      .send({ name: 'x', scopes: ['ADMIN'], currentPassword: TEST_PASSWORD });
    expect(adminScope.status).toBe(403);
    const created = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(clipper))
      .send({ name: 'short-lived', scopes: ['READ', 'WRITE'], expiresInDays: 1, currentPassword: TEST_PASSWORD })
      .expect(201);
    await api().delete(`/api/v1/users/me/api-tokens/${created.body.id}`).set(bearer(other)).expect(404);
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    ctx.testApp.clock.advance(86_400_000);
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${created.body.token}`).expect(401);
  });
});

describe('admin roles', () => {
  it('lets only a superadmin change an admin role, audited with before and after', async () => {
    const superadmin = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'SUPERADMIN' });
    const moderator = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'MODERATOR' });
    const finance = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'FINANCE' });
    const path = `/api/v1/admin/users/${finance.id}/admin-role`;
    await api().put(path).set(bearer(moderator)).send({ adminRole: 'SUPERADMIN' }).expect(403);
    const changed = await api().put(path).set(bearer(superadmin)).send({ adminRole: 'MODERATOR' });
    expect([changed.status, changed.body.adminRole]).toEqual([200, 'MODERATOR']);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { subjectId: finance.id, action: 'user.admin_role_changed' },
    });
    expect([event.actorType, event.actorId, event.before, event.after]).toEqual([
      'ADMIN',
      superadmin.id,
      { adminRole: 'FINANCE' },
      { adminRole: 'MODERATOR' },
    ]);
    // A moderator cannot suspend another admin or themselves; finance cannot suspend anyone.
    await api()
      .post(`/api/v1/admin/users/${finance.id}/suspend`)
      .set(bearer(moderator))
      .send({ reason: 'nope' })
      .expect(403);
    await api()
      .post(`/api/v1/admin/users/${moderator.id}/suspend`)
      .set(bearer(moderator))
      .send({ reason: 'nope' })
      .expect(403);
    const clipper = await createUser(ctx.testApp, db(), 'CLIPPER');
    await api()
      .post(`/api/v1/admin/users/${clipper.id}/suspend`)
      .set(bearer(finance))
      .send({ reason: 'nope' })
      .expect(200);
  });

  it('records sign-ins and failed sign-ins', async () => {
    const user = await createUser(ctx.testApp, db(), 'BRAND');
    await api().post('/api/v1/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const events = await db().auditEvent.findMany({ where: { subjectId: user.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['auth.login_failed', null],
      ['auth.login', user.id],
    ]);
    for (const event of events) expect(event.ip).toMatch(/127\.0\.0\.1$/);
  });
});

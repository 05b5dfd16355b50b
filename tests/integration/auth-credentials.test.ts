import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { hashToken, newSecretToken } from '../../server/modules/accounts/secret-token.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, TEST_PASSWORD, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { statusCounts } from '../helpers/status-counts.js';

/** What ends API tokens, what it takes to mint one, and changes that must happen once under a lock. */
const ctx = setupTestApp('auth-credentials');
const api = () => request(ctx.testApp.app);
const db = () => ctx.database.db;

/** Mints a READ token; `null` leaves the password out. `ip` poses as another client behind the proxy. */
const mint = (user: TestUser, currentPassword: string | null = TEST_PASSWORD, name = 'script', ip = '127.0.0.1') =>
  api()
    .post('/api/v1/users/me/api-tokens')
    .set(bearer(user))
    .set('X-Forwarded-For', ip)
    .send({ name, scopes: ['READ'], ...(currentPassword === null ? {} : { currentPassword }) });

const works = async (token: string) =>
  (await api().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`)).status;

describe('API tokens end with the password that minted them', () => {
  it('asks for the current password to mint one and refuses a wrong one like a failed sign-in', async () => {
    const user = await createUser(ctx.testApp, db(), 'BRAND');
    const missing = await mint(user, null);
    expect([missing.status, missing.body.errors?.[0]?.path]).toEqual([422, 'currentPassword']);
    const wrong = await mint(user, 'not the password');
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(await db().apiToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { subjectId: user.id, action: 'auth.login_failed' } })).toBe(1);
    const created = await mint(user);
    expect(created.status, created.text).toBe(201);
  });

  it('revokes them on a password change', async () => {
    const user = await createUser(ctx.testApp, db(), 'CLIPPER');
    const { token } = (await mint(user).expect(201)).body;
    expect(await works(token)).toBe(200);
    await api()
      .patch('/api/v1/users/me')
      .set(bearer(user))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a different password' })
      .expect(204);
    expect(await works(token)).toBe(401);
    const row = await db().apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.revokedAt).not.toBeNull();
  });

  it('revokes them on suspension, so a reactivation does not bring them back', async () => {
    const moderator = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'MODERATOR' });
    const user = await createUser(ctx.testApp, db(), 'BRAND');
    const { token } = (await mint(user).expect(201)).body;
    await api()
      .post(`/api/v1/admin/users/${user.id}/suspend`)
      .set(bearer(moderator))
      .send({ reason: 'fake views' })
      .expect(200);
    await api().post(`/api/v1/admin/users/${user.id}/reactivate`).set(bearer(moderator)).send({}).expect(200);
    expect(await works(token)).toBe(401);
  });

  it('keeps at most 50 live tokens per user when mints race', async () => {
    const user = await createUser(ctx.testApp, db(), 'BRAND');
    // The password check is the slow part of a mint; parallel requests all pass it before any insert. Each comes
    // from its own client, so the sign-in throttle (a few checks per client at a time) lets them all through.
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => mint(user, TEST_PASSWORD, `t${i}`, `203.0.113.${i + 1}`)),
    );
    expect(statusCounts(results)).toEqual({ 201: 50, 409: 10 });
    expect(await db().apiToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(50);
  }, 60_000);

  it('counts only live tokens toward the 50: expired ones (by the app clock) leave room', async () => {
    const user = await createUser(ctx.testApp, db(), 'CLIPPER');
    const expiresAt = new Date(ctx.testApp.clock.now().getTime() + 86_400_000);
    await db().apiToken.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        id: newId('atk'),
        userId: user.id,
        name: `old-${i}`,
        tokenHash: hashToken(newSecretToken('apiToken')),
        prefix: 'cfp_old',
        scopes: ['READ' as const],
        expiresAt,
      })),
    });
    expect((await mint(user)).status).toBe(409);
    ctx.testApp.clock.advance(86_400_000);
    const signIn = await api()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD, transport: 'bearer' });
    const created = await mint({ ...user, token: signIn.body.accessToken }, TEST_PASSWORD, 'fresh');
    expect(created.status, created.text).toBe(201);
  });

  it('gives the ADMIN scope only to an account that has an admin role', async () => {
    const roleless = await createUser(ctx.testApp, db(), 'ADMIN');
    await db().user.update({ where: { id: roleless.id }, data: { adminRole: null } });
    const refused = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(roleless))
      .send({ name: 'ops', scopes: ['ADMIN'], currentPassword: TEST_PASSWORD });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const admin = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'FINANCE' });
    await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(admin))
      .send({ name: 'ops', scopes: ['ADMIN'], currentPassword: TEST_PASSWORD })
      .expect(201);
  });
});

describe('account status changes under the row lock', () => {
  it('suspends once when moderators click at the same time', async () => {
    const moderator = await createUser(ctx.testApp, db(), 'ADMIN', { adminRole: 'MODERATOR' });
    const user = await createUser(ctx.testApp, db(), 'CLIPPER');
    const suspend = () =>
      api().post(`/api/v1/admin/users/${user.id}/suspend`).set(bearer(moderator)).send({ reason: 'spam' });
    const results = await Promise.all(Array.from({ length: 6 }, suspend));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await db().auditEvent.count({ where: { subjectId: user.id, action: 'user.suspended' } })).toBe(1);
    const reactivate = () => api().post(`/api/v1/admin/users/${user.id}/reactivate`).set(bearer(moderator)).send({});
    const lifted = (await Promise.all(Array.from({ length: 6 }, reactivate))).map((res) => res.status).sort();
    expect(lifted).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await db().auditEvent.count({ where: { subjectId: user.id, action: 'user.reactivated' } })).toBe(1);
  });
});

describe('payout details', () => {
  const put = (user: TestUser, body: object) =>
    api()
      .put(`/api/v1/users/${user.id}/profile`)
      .set(bearer(user))
      .send({ displayName: 'Cuts', ...body });
  const notices = (to: string) => db().devMail.count({ where: { to, subject: { contains: 'payout details' } } });

  it('change only with the current password, audited without the details, and the owner is told', async () => {
    const clipper = await createUser(ctx.testApp, db(), 'CLIPPER');
    const iban = 'IBAN DE89 3704 0044 0532 0130 00';
    for (const currentPassword of [undefined, 'not the password']) {
      const refused = await put(clipper, { payoutDetails: iban, currentPassword });
      expect([refused.status, refused.body.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
    expect(await db().clipperProfile.findUnique({ where: { userId: clipper.id } })).toBeNull();
    const saved = await put(clipper, { payoutDetails: iban, currentPassword: TEST_PASSWORD });
    expect([saved.status, saved.body.payoutDetails]).toEqual([200, iban]);
    // Other fields change freely while the details stay the same.
    await put(clipper, { bio: 'new bio', payoutDetails: iban }).expect(200);
    // Leaving them out removes them: that is a change too.
    expect((await put(clipper, { bio: 'new bio' })).status).toBe(401);

    const events = await db().auditEvent.findMany({
      where: { subjectId: clipper.id, action: 'user.payout_details_changed' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.actorId).toBe(clipper.id);
    expect(JSON.stringify(events[0])).not.toContain('DE89');
    await ctx.testApp.services.mailer.drain();
    expect(await notices(clipper.email)).toBe(1);
    const mail = await db().devMail.findFirstOrThrow({ where: { to: clipper.email } });
    expect(mail.text).not.toContain('DE89');
  });
});

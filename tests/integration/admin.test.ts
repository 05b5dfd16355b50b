import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Prisma } from '@prisma/client';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ADMIN_MODELS, INTERNAL_MODELS, RESOURCE_ROLES } from '../../admin/resources.js';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';
import { backOfficeBrowser, signedInOperator } from '../helpers/back-office.js';

// A site trusted with the API by CORS is still another site to the back office.
const PARTNER = 'https://partner.example';
const ctx = setupTestApp('admin', { admin: true, seed: true, env: { CORS_ORIGINS: PARTNER } });

function login(email: string, password: string) {
  return request(ctx.testApp.app).post('/admin/login').type('form').send({ email, password });
}

/** A browser on our own pages: its writes carry our Origin (the back office refuses cookie writes without it). */
const _browserAgent = () => backOfficeBrowser(ctx.testApp);
const adminAgent = () => signedInOperator(ctx.testApp, 'superadmin@contentflow.local');

describe('back office', () => {
  it('serves the login page', async () => {
    const res = await request(ctx.testApp.app).get('/admin/login').expect(200);
    expect(res.text).toContain('AdminJS.LoginApplication');
    expect(res.text).toContain('/admin/frontend/assets/app.bundle.js');
    // AdminJS's page links a web font from Google; the policy keeps the browser from fetching it.
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toMatch(/googleapis|https:/);
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await request(ctx.testApp.app).get('/admin').expect(302);
    expect(res.headers.location).toBe('/admin/login');
  });

  it('logs a seeded admin in and stores the session in PostgreSQL', async () => {
    const res = await login('SuperAdmin@ContentFlow.local', DEMO_PASSWORD).expect(302);
    expect(res.headers.location).toBe('/admin');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^cf_admin=/);
    expect(cookie).toMatch(/HttpOnly/i);
    const sessions = await ctx.database.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM admin_sessions`;
    expect(Number(sessions[0].n)).toBeGreaterThan(0);
  });

  it('refuses a wrong password and a non-admin user', async () => {
    for (const [email, password] of [
      ['superadmin@contentflow.local', 'wrong-password'],
      ['brand@acme.example', DEMO_PASSWORD],
      ['nobody@contentflow.local', DEMO_PASSWORD],
    ]) {
      const res = await login(email, password).expect(200);
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/cf_admin=/);
      expect(res.text).toContain('invalidCredentials');
    }
  });

  it('lists every model through the Prisma adapter', async () => {
    const agent = await adminAgent();
    const models = Prisma.dmmf.datamodel.models.map((m) => m.name).filter((name) => !INTERNAL_MODELS.includes(name));
    expect([...ADMIN_MODELS].sort()).toEqual(models.sort());
    // Access is written out per model: a model shown without an entry would be closed to every role.
    expect(Object.keys(RESOURCE_ROLES).sort()).toEqual(models.sort());
    for (const model of models) {
      const list = await agent.get(`/admin/api/resources/${model}/actions/list`).expect(200);
      expect(Array.isArray(list.body.records), model).toBe(true);
    }
    for (const model of [
      'User',
      'Campaign',
      'Payout',
      'Accrual',
      'LedgerEntry',
      'ViewSnapshot',
      'Dispute',
      'DevMail',
    ]) {
      const list = await agent.get(`/admin/api/resources/${model}/actions/list`).expect(200);
      expect(list.body.records.length, model).toBeGreaterThan(0);
    }
  });

  it('never sends secrets: not in records, not in populated references, not through filters or sorting', async () => {
    const agent = await adminAgent();
    const secret = /passwordHash|tokenHash|codeHash|argon2/;
    const users = await agent.get('/admin/api/resources/User/actions/list').expect(200);
    expect(JSON.stringify(users.body)).not.toMatch(secret);
    const shown = await agent
      .get(`/admin/api/resources/User/records/${users.body.records[0].params.id}/show`)
      .expect(200);
    expect(shown.body.record.params.email).toContain('@');
    expect(JSON.stringify(shown.body)).not.toMatch(secret);
    // Records that reference a user carry it populated.
    const profiles = await agent.get('/admin/api/resources/BrandProfile/actions/list').expect(200);
    expect(profiles.body.records[0].populated.user.params.email).toContain('@');
    expect(JSON.stringify(profiles.body)).not.toMatch(secret);
    // A filter on a secret column must not narrow the list (that would leak the hash a prefix at a time).
    const total = users.body.meta.total;
    for (const probe of ['%24argon2id', 'zzzz']) {
      const filtered = await agent
        .get(`/admin/api/resources/User/actions/list?filters.passwordHash=${probe}`)
        .expect(200);
      expect(filtered.body.meta.total).toBe(total);
    }
    // Sorting is an oracle too. A sort on a secret, direct or through a reference, falls back to the id (time)
    // order in the requested direction; hashes would come out in a random order.
    const ids = (res: { body: { records: { id: string }[] } }) => res.body.records.map((r) => r.id);
    const clippers = await agent.get('/admin/api/resources/ClipperProfile/actions/list').expect(200);
    for (const [list, sortBy, newestFirst] of [
      ['User', 'passwordHash', ids(users)],
      ['ClipperProfile', 'user.passwordHash', ids(clippers)],
    ] as const) {
      expect(newestFirst.length).toBeGreaterThan(3);
      for (const direction of ['asc', 'desc']) {
        const res = await agent.get(
          `/admin/api/resources/${list}/actions/list?sortBy=${sortBy}&direction=${direction}`,
        );
        const expected = direction === 'desc' ? newestFirst : [...newestFirst].reverse();
        expect(ids(res), `${list} by ${sortBy} ${direction}`).toEqual(expected);
      }
    }
  });

  it('keeps every model read-only, money included', async () => {
    const agent = await adminAgent();
    const forbidden = { message: 'forbiddenError', type: 'error' };
    const payout = (await ctx.database.db.payout.findFirstOrThrow({ where: { status: 'PENDING' } })).id;
    for (const model of ADMIN_MODELS) {
      const res = await agent.get(`/admin/api/resources/${model}/actions/new`).expect(200);
      expect(res.body.notice, model).toEqual(forbidden);
    }
    const created = await agent
      .post('/admin/api/resources/DevMail/actions/new')
      .type('form')
      .send({ id: 'dml_from_admin', to: 'x@y.z', subject: 's', text: 't' });
    expect(created.body.notice).toEqual(forbidden);
    const edited = await agent
      .post(`/admin/api/resources/Payout/records/${payout}/edit`)
      .type('form')
      .send({ status: 'PAID', reference: 'FORGED' });
    expect(edited.body.notice).toEqual(forbidden);
    const deleted = await agent.post(`/admin/api/resources/Payout/records/${payout}/delete`);
    expect(deleted.body.notice).toEqual(forbidden);
    const bulk = await agent.post(`/admin/api/resources/Payout/bulk/bulkDelete?recordIds=${payout}`);
    expect(bulk.body.notice).toEqual(forbidden);
    expect(await ctx.database.db.devMail.count({ where: { id: 'dml_from_admin' } })).toBe(0);
    expect(await ctx.database.db.payout.findUniqueOrThrow({ where: { id: payout } })).toMatchObject({
      status: 'PENDING',
      reference: null,
    });
  });

  it('opens on the operations overview, with the figures of the demo data', async () => {
    const agent = await adminAgent();
    const { body } = await agent.get('/admin/api/dashboard').expect(200);
    // Known from prisma/seed: one campaign awaiting approval, two snapshots to verify, the open dispute and fraud
    // flag, the pending payout of $86.11 and $102.48 of earnings past their hold.
    expect(body).toEqual({
      campaignsPendingApproval: 1,
      snapshotsPendingVerification: 2,
      openDisputes: 1,
      openFraudFlags: 1,
      pendingPayouts: 1,
      pendingPayoutsCents: 8611,
      availableToPayOutCents: 10248,
    });
  });

  it('serves its front-end bundles without the network: AdminJS’s production builds, compressed', async () => {
    const agent = await adminAgent();
    // Read here from AdminJS's package, not from admin/, so the test names what must be served.
    const adminjs = path.dirname(createRequire(import.meta.url).resolve('adminjs'));
    for (const [bundle, file] of [
      ['global.bundle.js', 'lib/frontend/assets/scripts/global-bundle.production.js'],
      ['app.bundle.js', 'lib/frontend/assets/scripts/app-bundle.production.js'],
      ['design-system.bundle.js', 'node_modules/@adminjs/design-system/bundle.production.js'],
    ]) {
      const res = await agent.get(`/admin/frontend/assets/${bundle}`).set('Accept-Encoding', 'gzip').expect(200);
      expect(res.headers['content-type'], bundle).toMatch(/javascript/);
      expect(res.headers['content-encoding'], bundle).toBe('gzip');
      expect(res.text === readFileSync(path.join(adminjs, file), 'utf8'), bundle).toBe(true);
    }
    const components = await agent.get('/admin/frontend/assets/components.bundle.js').expect(200);
    expect(components.headers['content-type']).toMatch(/javascript/);
    expect(components.text).toContain('OperationsDashboard');
    expect(components.text).not.toContain('sourceMappingURL');
  });

  it('compresses text answers for clients that accept it, and only for them', async () => {
    for (const url of ['/admin/login', '/api/openapi.json']) {
      const zipped = await request(ctx.testApp.app).get(url).set('Accept-Encoding', 'gzip').expect(200);
      expect(zipped.headers['content-encoding'], url).toBe('gzip');
      const plain = await request(ctx.testApp.app).get(url).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.text).toBe(zipped.text);
    }
  });
});

describe('back office: suspending users', () => {
  const agentFor = (email: string) => signedInOperator(ctx.testApp, email);
  const userId = async (email: string) => (await ctx.database.db.user.findUniqueOrThrow({ where: { email } })).id;
  const actionsOf = async (agent: request.Agent, id: string) =>
    (await agent.get(`/admin/api/resources/User/records/${id}/show`).expect(200)).body.record.recordActions.map(
      (a: { name: string }) => a.name,
    );

  it('lets a moderator suspend and reactivate through the use cases, audited, and not a finance admin', async () => {
    const clipper = await userId('clipper3@contentflow.local');
    const moderator = await agentFor('moderator@contentflow.local');
    const finance = await agentFor('finance@contentflow.local');
    expect(await actionsOf(moderator, clipper)).toContain('suspend');
    expect(await actionsOf(moderator, clipper)).not.toContain('reactivate');
    expect(await actionsOf(finance, clipper)).not.toContain('suspend');
    // AdminJS answers a refused action with an error notice (HTTP 200) and never runs its handler.
    const refused = await finance.post(`/admin/api/resources/User/records/${clipper}/suspend`).expect(200);
    expect(refused.body.notice.type).toBe('error');
    expect((await ctx.database.db.user.findUniqueOrThrow({ where: { id: clipper } })).status).toBe('ACTIVE');

    const done = await moderator.post(`/admin/api/resources/User/records/${clipper}/suspend`).expect(200);
    expect(done.body.notice).toEqual({ message: 'User suspended; their sessions ended.', type: 'success' });
    expect(done.body.record.params.status).toBe('SUSPENDED');
    const event = await ctx.database.db.auditEvent.findFirstOrThrow({
      where: { subjectId: clipper, action: 'user.suspended' },
    });
    expect(event.actorId).toBe(await userId('moderator@contentflow.local'));
    expect(event.after).toMatchObject({ reason: 'Suspended in the back office by moderator@contentflow.local' });
    expect(event.ip).toMatch(/127\.0\.0\.1$/);
    expect(event.requestId).toMatch(/^req_/);

    expect(await actionsOf(moderator, clipper)).toEqual(expect.arrayContaining(['reactivate']));
    await moderator.post(`/admin/api/resources/User/records/${clipper}/reactivate`).expect(200);
    expect((await ctx.database.db.user.findUniqueOrThrow({ where: { id: clipper } })).status).toBe('ACTIVE');
  });

  it('refuses back-office writes that do not come from its own pages', async () => {
    const moderator = await agentFor('moderator@contentflow.local');
    const clipper = await userId('clipper2@contentflow.local');
    for (const origin of ['https://evil.example', PARTNER]) {
      const forged = await moderator.post(`/admin/api/resources/User/records/${clipper}/suspend`).set('Origin', origin);
      expect(forged.status, origin).toBe(403);
    }
    expect((await ctx.database.db.user.findUniqueOrThrow({ where: { id: clipper } })).status).toBe('ACTIVE');
  });

  it('shows a use-case refusal as an error notice', async () => {
    const moderator = await agentFor('moderator@contentflow.local');
    const superadmin = await userId('superadmin@contentflow.local');
    const res = await moderator.post(`/admin/api/resources/User/records/${superadmin}/suspend`).expect(200);
    expect(res.body.notice).toEqual({ message: 'Only a superadmin can change an admin account.', type: 'error' });
    expect((await ctx.database.db.user.findUniqueOrThrow({ where: { id: superadmin } })).status).toBe('ACTIVE');
  });

  it('ends the back-office session of an admin who is suspended', async () => {
    const finance = await agentFor('finance@contentflow.local');
    await finance.get('/admin/api/resources/User/actions/list').expect(200);
    const superadmin = await agentFor('superadmin@contentflow.local');
    const financeId = await userId('finance@contentflow.local');
    await superadmin.post(`/admin/api/resources/User/records/${financeId}/suspend`).expect(200);
    const after = await finance.get('/admin/api/resources/User/actions/list');
    expect(after.status).not.toBe(200);
    const page = await finance.get('/admin');
    expect([page.status, page.headers.location]).toEqual([302, '/admin/login']);
    await superadmin.post(`/admin/api/resources/User/records/${financeId}/reactivate`).expect(200);
  });
});

describe('back office: sessions end with the account’s sessions', () => {
  it('signs an operator out of the back office when their password changes', async () => {
    const admin = await createUser(ctx.testApp, ctx.database.db, 'ADMIN', { adminRole: 'MODERATOR' });
    const agent = request.agent(ctx.testApp.app);
    ctx.testApp.clock.advance(1);
    await agent.post('/admin/login').type('form').send({ email: admin.email, password: TEST_PASSWORD }).expect(302);
    await agent.get('/admin/api/resources/User/actions/list').expect(200);
    ctx.testApp.clock.advance(1);
    await request(ctx.testApp.app)
      .patch('/api/v1/users/me')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a fresh password' })
      .expect(204);
    const page = await agent.get('/admin');
    expect([page.status, page.headers.location]).toEqual([302, '/admin/login']);
  });
});

describe('back office: sign-in limits and audit', () => {
  it('audits back-office sign-ins and shares the account lockout with the API', async () => {
    const admin = await createUser(ctx.testApp, ctx.database.db, 'ADMIN', { adminRole: 'FINANCE' });
    await login(admin.email, 'wrong password').expect(200);
    await login(admin.email, TEST_PASSWORD).expect(302);
    const events = await ctx.database.db.auditEvent.findMany({
      where: { subjectId: admin.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => [e.action, (e.after as { door?: string }).door])).toEqual([
      ['auth.login_failed', 'back-office'],
      ['auth.login', 'back-office'],
    ]);
    for (const event of events) expect(event.ip).toMatch(/127\.0\.0\.1$/);
    // From many clients: one alone is slowed down per client long before the account's ceiling.
    for (let i = 0; i < 99; i++) {
      await request(ctx.testApp.app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.2.0.${i + 1}`)
        .send({ email: admin.email, password: `no-${i}` })
        .expect(401);
    }
    const locked = await login(admin.email, TEST_PASSWORD);
    expect(locked.status).toBe(400);
    expect(locked.text).toContain('tooManyRequests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(3_500);
    expect(String(locked.headers['set-cookie'] ?? '')).not.toMatch(/cf_admin=/);
  }, 60_000);

  it('answers malformed sign-in forms with the plain login page, never an internal message', async () => {
    for (const form of [
      { password: 'x' },
      { email: 'a\u0000b@example.test', password: 'x' },
      { email: 'x@example.test' },
    ]) {
      const res = await request(ctx.testApp.app).post('/admin/login').type('form').send(form);
      expect(res.status).toBe(200);
      expect(res.text).toContain('invalidCredentials');
      expect(res.text).not.toMatch(/Cannot read|undefined|prisma|invalid byte/i);
    }
  });

  it('limits sign-in attempts per IP through the shared counters, with the login page saying so', async () => {
    const limited = await createTestApp(ctx.database.db, ctx.database.url, {
      admin: true,
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' },
    });
    try {
      await ctx.database.db.rateLimitCounter.deleteMany({ where: { key: { startsWith: 'admin-login:' } } });
      const attempt = () =>
        request(limited.app).post('/admin/login').type('form').send({ email: 'x@example.test', password: 'nope' });
      expect((await attempt()).status).toBe(200);
      expect((await attempt()).status).toBe(200);
      const refused = await attempt();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('tooManyRequests');
    } finally {
      await limited.close();
    }
  });
});

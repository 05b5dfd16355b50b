import { Prisma } from '@prisma/client';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed.js';
import { setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('admin', { admin: true, seed: true });

function login(email: string, password: string) {
  return request(ctx.testApp.app).post('/admin/login').type('form').send({ email, password });
}

async function adminAgent() {
  const agent = request.agent(ctx.testApp.app);
  await agent
    .post('/admin/login')
    .type('form')
    .send({ email: 'superadmin@contentflow.local', password: DEMO_PASSWORD })
    .expect(302);
  return agent;
}

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
    const res = await agent.get('/admin/api/resources/Campaign/actions/list').expect(200);
    expect(res.body.records.length).toBeGreaterThan(0);
    expect(res.body.records[0].params.id).toMatch(/^cmp_/);
    for (const model of Prisma.dmmf.datamodel.models.map((m) => m.name)) {
      const list = await agent.get(`/admin/api/resources/${model}/actions/list`).expect(200);
      expect(Array.isArray(list.body.records), model).toBe(true);
    }
    for (const model of [
      'User',
      'Payout',
      'Accrual',
      'LedgerEntry',
      'ViewSnapshot',
      'Dispute',
      'AuditEvent',
      'DevMail',
    ]) {
      const list = await agent.get(`/admin/api/resources/${model}/actions/list`).expect(200);
      expect(list.body.records.length, model).toBeGreaterThan(0);
    }
    const users = await agent.get('/admin/api/resources/User/actions/list').expect(200);
    expect(JSON.stringify(users.body)).not.toMatch(/passwordHash|argon2/);
    const one = users.body.records[0].params.id;
    const shown = await agent.get(`/admin/api/resources/User/records/${one}/show`).expect(200);
    expect(shown.body.record.params.email).toContain('@');
    expect(JSON.stringify(shown.body)).not.toMatch(/passwordHash|argon2/);
  });

  it('keeps money and every other model read-only', async () => {
    const agent = await adminAgent();
    const res = await agent.get('/admin/api/resources/Payout/actions/new').expect(200);
    expect(res.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const before = await ctx.database.db.payout.count();
    await agent.post('/admin/api/resources/Payout/actions/new').type('form').send({ clipperId: 'x', amountCents: '1' });
    expect(await ctx.database.db.payout.count()).toBe(before);
  });

  it('serves its front-end bundles without the network', async () => {
    const agent = await adminAgent();
    const app = await agent.get('/admin/frontend/assets/app.bundle.js').expect(200);
    expect(app.text.length).toBeGreaterThan(10_000);
    const components = await agent.get('/admin/frontend/assets/components.bundle.js').expect(200);
    expect(components.headers['content-type']).toMatch(/javascript/);
  });
});

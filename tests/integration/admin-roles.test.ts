import type { ActionContext } from 'adminjs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ADMIN_MODELS, buildResources } from '../../admin/resources.js';
import type { AdminRole } from '../../server/modules/accounts/actor.js';
import { lastMailedCode } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { signedInOperator } from '../helpers/back-office.js';

const ctx = setupTestApp('admin-roles', { admin: true, seed: true });

// Written out here rather than read from admin/resources.ts, so a change to that table has to change this too.
const SUPERADMIN_ONLY = ['ApiToken', 'DevMail', 'IdempotencyRecord', 'OtpChallenge', 'RefreshToken'];
const HIDDEN: Record<AdminRole, string[]> = {
  MODERATOR: [...SUPERADMIN_ONLY, 'ClipperProfile'],
  FINANCE: SUPERADMIN_ONLY,
  SUPERADMIN: [],
};
const EMAILS: Record<AdminRole, string> = {
  MODERATOR: 'moderator@contentflow.local',
  FINANCE: 'finance@contentflow.local',
  SUPERADMIN: 'superadmin@contentflow.local',
};

const signedIn = (role: AdminRole) => signedInOperator(ctx.testApp, EMAILS[role]);

/** The resources the page's navigation offers: AdminJS gives a resource an address only if its list is allowed. */
async function navigationOf(agent: request.Agent): Promise<string[]> {
  const page = await agent.get('/admin').expect(200);
  const state = JSON.parse(page.text.match(/window\.REDUX_STATE = (.*);\n/)?.[1] ?? 'null');
  return state.resources.filter((r: { href: string | null }) => r.href).map((r: { id: string }) => r.id);
}

/** Some record of the model, so show URLs name a real one. */
async function someId(model: string): Promise<string> {
  const rows = await ctx.database.db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "${model}" LIMIT 1`);
  return rows[0]?.id ?? 'none';
}

describe('back office: what each admin role sees', () => {
  for (const role of ['MODERATOR', 'FINANCE', 'SUPERADMIN'] as const) {
    it(`gives ${role} exactly its resources and refuses the others at the API and page addresses`, async () => {
      const agent = await signedIn(role);
      const visible = ADMIN_MODELS.filter((model) => !HIDDEN[role].includes(model));
      expect((await navigationOf(agent)).sort()).toEqual([...visible].sort());
      for (const model of visible) {
        const list = await agent.get(`/admin/api/resources/${model}/actions/list`).expect(200);
        expect(Array.isArray(list.body.records), model).toBe(true);
      }
      for (const model of HIDDEN[role]) {
        const id = await someId(model);
        for (const url of [
          `/admin/api/resources/${model}/actions/list`,
          `/admin/api/resources/${model}/records/${id}/show`,
          `/admin/api/resources/${model}/search/a`,
          `/admin/resources/${model}`,
          `/admin/resources/${model}/records/${id}/show`,
        ]) {
          const res = await agent.get(url);
          expect(res.status, `${role} ${url}`).toBe(403);
          // No record in any form (AdminJS's records carry their fields under "params").
          expect(res.text).not.toContain('"params"');
        }
      }
    });
  }

  it('refuses every action of a hidden resource inside AdminJS too, not only at its addresses', () => {
    for (const { resource, options } of buildResources(ctx.testApp.services)) {
      const model = (resource as { model: { name: string } }).model.name;
      const actions = Object.entries(options.actions ?? {});
      expect(actions.map(([name]) => name)).toEqual(expect.arrayContaining(['list', 'show', 'search']));
      for (const role of ['MODERATOR', 'FINANCE', 'SUPERADMIN'] as const) {
        if (!HIDDEN[role].includes(model)) continue;
        for (const [name, action] of actions) {
          const context = { currentAdmin: { email: EMAILS[role], adminRole: role } } as unknown as ActionContext;
          const check = action?.isAccessible;
          expect(typeof check === 'function' ? check(context) : check, `${role} ${model}.${name}`).toBe(false);
        }
      }
    }
  });

  it('keeps sign-up and reset codes from a moderator: DevMail is for superadmins only', async () => {
    // The path that was open: ask for a superadmin's reset code, then read it in the back office.
    await request(ctx.testApp.app)
      .post('/api/v1/auth/password-reset/request')
      .send({ email: EMAILS.SUPERADMIN })
      .expect(202);
    const code = await lastMailedCode(ctx.testApp, EMAILS.SUPERADMIN);
    const moderator = await signedIn('MODERATOR');
    for (const url of [
      '/admin/api/resources/DevMail/actions/list',
      `/admin/api/resources/DevMail/actions/list?filters.to=${EMAILS.SUPERADMIN}`,
      '/admin/api/resources/DevMail/search/reset',
    ]) {
      const res = await moderator.get(url);
      expect(res.status, url).toBe(403);
      expect(res.text).not.toContain(code);
    }
    const superadmin = await signedIn('SUPERADMIN');
    const mail = await superadmin.get('/admin/api/resources/DevMail/actions/list').expect(200);
    expect(JSON.stringify(mail.body)).toContain(code);
  });
});

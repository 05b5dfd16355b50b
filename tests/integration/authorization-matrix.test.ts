import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/http/routes/index.js';
import type { TokenScope } from '../../server/modules/accounts/actor.js';
import { OTP_TTL_MS } from '../../server/modules/accounts/otp.js';
import { hashCode, hashToken, newSecretToken } from '../../server/modules/accounts/secret-token.js';
import { issueSessionTokens } from '../../server/modules/accounts/sessions.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, TEST_PASSWORD, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { marketplaceRows } from '../helpers/authz-marketplace-rows.js';
import { API, cells, keyOf, matrixUser, type Row, runMatrix } from '../helpers/authz-matrix.js';

/**
 * Who may call what: every /api/v1 route of the registry (server/http/routes) against every persona, with the
 * status the rules in server/modules/accounts say it must get. Each cell runs in a world of its own (fresh users,
 * fresh tokens), so suspensions, logouts and password changes in one cell cannot change another's answer.
 */

const ctx = setupTestApp('authz-matrix');
const user = (role: TestUser['role'], label: string, adminRole?: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN') =>
  matrixUser(ctx, role, label, adminRole);

let emails = 0;
const freshEmail = (label: string) => `${label}-${++emails}-${newId('req').slice(-8)}@example.test`;

const CODE = '481516';

/** A live one-time code for the user, as sendOtp would store it (without the e-mail round trip). */
async function liveCode(target: TestUser, purpose: 'SIGNUP' | 'RESET'): Promise<string> {
  const now = ctx.testApp.clock.now();
  const id = newId('otp', now.getTime());
  await ctx.database.db.otpChallenge.create({
    data: {
      id,
      userId: target.id,
      purpose,
      channel: 'EMAIL',
      destination: target.email,
      codeHash: hashCode(ctx.testApp.config.JWT_SECRET, id, CODE),
      expiresAt: new Date(now.getTime() + OTP_TTL_MS),
      createdAt: now,
    },
  });
  return CODE;
}

/** A user who registered but has not entered the sign-up code yet. */
async function pendingSignup(): Promise<TestUser> {
  const pending = await user('CLIPPER', 'pending');
  await ctx.database.db.user.update({ where: { id: pending.id }, data: { emailVerifiedAt: null } });
  return pending;
}

/** A refresh token of a session of the user (what login hands out). */
async function refreshTokenOf(owner: TestUser): Promise<string> {
  const tokens = await issueSessionTokens(ctx.database.db, ctx.testApp.services, owner);
  return tokens.refreshToken;
}

/** A live personal API token of the owner, inserted directly; returns its id. */
async function apiTokenOf(owner: TestUser, scopes: TokenScope[] = ['READ']): Promise<string> {
  const secret = newSecretToken('apiToken');
  const id = newId('atk');
  await ctx.database.db.apiToken.create({
    data: { id, userId: owner.id, name: 'matrix', tokenHash: hashToken(secret), prefix: secret.slice(0, 12), scopes },
  });
  return id;
}

/** A connected TikTok account of the owner, without stored tokens (so disconnecting calls nobody); its id. */
async function socialAccountOf(owner: TestUser): Promise<string> {
  const id = newId('soc');
  await ctx.database.db.socialAccount.create({
    data: { id, userId: owner.id, platform: 'TIKTOK', handle: 'matrix.clips', externalId: `open-${id}` },
  });
  return id;
}

/** The TikTok rows expect the feature switched off (no client key), as in a bare test environment. */
function tiktokOff(): void {
  if (ctx.testApp.config.TIKTOK_CLIENT_KEY) throw new Error('the matrix expects TikTok to be unconfigured');
}

async function suspendedClipper(): Promise<TestUser> {
  const target = await user('CLIPPER', 'suspended');
  await ctx.database.db.user.update({ where: { id: target.id }, data: { status: 'SUSPENDED' } });
  return target;
}

/**
 * The matrix, keyed by "METHOD /path" exactly as in API_ROUTES; `cells(…)` lists the statuses for anonymous,
 * brand, clipper, otherBrand, otherClipper, moderator, finance, superadmin, in that order. Public routes get bodies whose outcome does not
 * depend on the caller; `auth: 'user'` routes refuse anonymous callers (401) before validating anything.
 */
const ACCOUNT_ROWS: Record<string, Row> = {
  'GET /': {
    expect: cells(200, 200, 200, 200, 200, 200, 200, 200),
  },

  // Public auth routes: a bearer token, whoever's, changes nothing.
  'POST /auth/register': {
    expect: cells(202, 202, 202, 202, 202, 202, 202, 202),
    call: () => ({ body: { email: freshEmail('signup'), password: 'a long password', role: 'CLIPPER' } }),
  },
  'POST /auth/verify-otp': {
    expect: cells(200, 200, 200, 200, 200, 200, 200, 200),
    call: async () => {
      const pending = await pendingSignup();
      return { body: { email: pending.email, code: await liveCode(pending, 'SIGNUP'), password: TEST_PASSWORD } };
    },
  },
  'POST /auth/resend-otp': {
    expect: cells(202, 202, 202, 202, 202, 202, 202, 202),
    call: async () => ({ body: { email: (await pendingSignup()).email, purpose: 'SIGNUP' } }),
  },
  'POST /auth/login': {
    // The brand's address with a wrong password: refused whoever asks (a caller's own token signs nobody in).
    expect: cells(401, 401, 401, 401, 401, 401, 401, 401),
    call: (w) => ({ body: { email: w.brand.email, password: `not ${TEST_PASSWORD}`, transport: 'bearer' } }),
  },
  'POST /auth/refresh': {
    // Holding the refresh token is the authority; the caller's own credential plays no part.
    expect: cells(200, 200, 200, 200, 200, 200, 200, 200),
    call: async (w) => ({ body: { refreshToken: await refreshTokenOf(w.brand), transport: 'bearer' } }),
  },
  'POST /auth/logout': {
    expect: cells(204, 204, 204, 204, 204, 204, 204, 204),
    call: async (w) => ({ body: { refreshToken: await refreshTokenOf(w.brand) } }),
  },
  'POST /auth/password-reset/request': {
    expect: cells(202, 202, 202, 202, 202, 202, 202, 202),
    call: (w) => ({ body: { email: w.brand.email } }),
  },
  'POST /auth/password-reset/confirm': {
    // The e-mailed code is the authority.
    expect: cells(204, 204, 204, 204, 204, 204, 204, 204),
    call: async (w) => ({
      body: { email: w.brand.email, code: await liveCode(w.brand, 'RESET'), newPassword: 'a brand new password' },
    }),
  },

  // The caller's own account.
  'GET /users/me': {
    expect: cells(401, 200, 200, 200, 200, 200, 200, 200),
  },
  'PATCH /users/me': {
    expect: cells(401, 204, 204, 204, 204, 204, 204, 204),
    call: () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' } }),
  },

  // Profiles: anyone signed in reads the brand's public fields; only the brand writes them.
  'GET /users/:id/profile': {
    expect: cells(401, 200, 200, 200, 200, 200, 200, 200),
    call: (w) => ({ params: { id: w.brand.id } }),
  },
  'PUT /users/:id/profile': {
    expect: cells(401, 200, 403, 403, 403, 403, 403, 403),
    call: (w) => ({ params: { id: w.brand.id }, body: { companyName: 'Acme Clips', website: 'https://acme.example' } }),
  },

  // Personal API tokens: /users/me/… is always the caller's own.
  'GET /users/me/api-tokens': {
    expect: cells(401, 200, 200, 200, 200, 200, 200, 200),
  },
  'POST /users/me/api-tokens': {
    // READ and WRITE are for everyone; ADMIN is checked in the second block below.
    expect: cells(401, 201, 201, 201, 201, 201, 201, 201),
    call: () => ({ body: { name: 'matrix', scopes: ['READ', 'WRITE'], currentPassword: TEST_PASSWORD } }),
  },
  'DELETE /users/me/api-tokens/:id': {
    // Each persona revokes a token of its own (anonymous: the brand's, refused at the door). Someone else's
    // token is "not found": see the API-token block below.
    expect: cells(401, 204, 204, 204, 204, 204, 204, 204),
    call: async (w, caller) => ({ params: { id: await apiTokenOf(caller ?? w.brand) } }),
  },

  // Admin actions on a fresh target: moderators and superadmins manage brands and clippers…
  'POST /admin/users/:id/suspend': {
    expect: cells(401, 403, 403, 403, 403, 200, 403, 200),
    call: async () => ({ params: { id: (await user('CLIPPER', 'target')).id }, body: { reason: 'spam clips' } }),
  },
  'POST /admin/users/:id/reactivate': {
    expect: cells(401, 403, 403, 403, 403, 200, 403, 200),
    call: async () => ({ params: { id: (await suspendedClipper()).id } }),
  },
  // …and only superadmins change admin accounts.
  'PUT /admin/users/:id/admin-role': {
    expect: cells(401, 403, 403, 403, 403, 403, 403, 200),
    call: async () => ({
      params: { id: (await user('ADMIN', 'target-admin', 'MODERATOR')).id },
      body: { adminRole: 'FINANCE' },
    }),
  },

  // Connected social accounts. TikTok is not configured here, so the routes that talk to it answer 503 once
  // the caller has passed the checks that come first.
  'GET /social/accounts': {
    expect: cells(401, 200, 200, 200, 200, 200, 200, 200),
  },
  'DELETE /social/accounts/:id': {
    // The brand's account: everyone else, admins included, is told it does not exist.
    expect: cells(401, 204, 404, 404, 404, 404, 404, 404),
    call: async (w) => ({ params: { id: await socialAccountOf(w.brand) } }),
  },
  'POST /social/tiktok/connect': {
    // Clippers and brands only: admins are refused before the configuration is looked at.
    expect: cells(401, 503, 503, 503, 503, 403, 403, 403),
    call: () => {
      tiktokOff();
      return {};
    },
  },
  'GET /social/tiktok/callback': {
    // No role check here (an admin can never hold a state, which the callback requires once TikTok is on).
    expect: cells(401, 503, 503, 503, 503, 503, 503, 503),
    call: () => {
      tiktokOff();
      return { query: { code: 'tiktok-auth-code', state: 'a-state-from-the-connect-step', scopes: 'user.info.basic' } };
    },
  },
};

/** Every row: the accounts rows here and the marketplace rows (run by authorization-matrix-marketplace.test.ts). */
const ALL_ROWS = (): Record<string, Row> => ({ ...ACCOUNT_ROWS, ...marketplaceRows(ctx) });
const MATRIX = ACCOUNT_ROWS;

/** Express 5 (router 2) layers, as far as this walk needs them. */
interface LayerLike {
  rawPath?: unknown;
  handle?: { stack?: LayerLike[] };
  route?: { path: unknown; methods: Record<string, boolean> };
}

const joinPath = (prefix: string, path: string) => (path === '/' ? prefix : `${prefix}${path}`);

/** Every route the app would answer, as "METHOD /full/path", found by walking nested routers. */
function mountedRoutes(stack: LayerLike[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = String(layer.route.path);
      return Object.keys(layer.route.methods)
        .filter((method) => layer.route?.methods[method])
        .map((method) => `${method === '_all' ? 'ALL' : method.toUpperCase()} ${joinPath(prefix, path) || '/'}`);
    }
    const nested = layer.handle?.stack;
    if (!Array.isArray(nested)) return [];
    const mounts = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
    return mounts.flatMap((mount) => mountedRoutes(nested, joinPath(prefix, String(mount))));
  });
}

describe('authorization matrix', () => {
  it('lists every route of the registry, and only those', () => {
    const registry = API_ROUTES.map(keyOf);
    const table = Object.keys(ALL_ROWS());
    const missing = registry.filter((key) => !table.includes(key));
    const stale = table.filter((key) => !registry.includes(key));
    const duplicates = registry.filter((key, i) => registry.indexOf(key) !== i);
    expect(
      { missing, stale, duplicates },
      `routes in API_ROUTES but not in the matrix: ${missing.join(', ') || 'none'}; ` +
        `rows for routes API_ROUTES lacks: ${stale.join(', ') || 'none'}; ` +
        `routes registered twice: ${duplicates.join(', ') || 'none'}`,
    ).toEqual({ missing: [], stale: [], duplicates: [] });
  });

  it('mounts exactly the registry routes under /api/v1 (nothing registered outside it)', () => {
    const app = ctx.testApp.app as unknown as { router: { stack: LayerLike[] } };
    const mounted = mountedRoutes(app.router.stack)
      .filter((route) => {
        const path = route.slice(route.indexOf(' ') + 1);
        return path === API || path.startsWith(`${API}/`);
      })
      .map((route) => {
        const [method, path] = route.split(' ');
        return `${method} ${(path as string).slice(API.length) || '/'}`;
      })
      .sort();
    const registry = API_ROUTES.map(keyOf).sort();
    expect(mounted.length, 'the walk found no routes: has the Express router layout changed?').toBeGreaterThan(0);
    const extra = mounted.filter((key) => !registry.includes(key));
    const unmounted = registry.filter((key) => !mounted.includes(key));
    expect(
      mounted,
      `mounted but not in API_ROUTES: ${extra.join(', ') || 'none'}; in API_ROUTES but not mounted: ` +
        `${unmounted.join(', ') || 'none'}`,
    ).toEqual(registry);
  });
});

runMatrix(ctx, MATRIX);

describe('API-token scopes at the door', () => {
  const app = () => ctx.testApp.app;

  async function mintToken(owner: TestUser, scopes: TokenScope[]): Promise<{ id: string; secret: string }> {
    const res = await request(app())
      .post(`${API}/users/me/api-tokens`)
      .set(bearer(owner))
      .send({ name: `scopes ${scopes.join('+')}`, scopes, currentPassword: TEST_PASSWORD });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id, secret: res.body.token };
  }
  const withToken = (secret: string) => ({ Authorization: `Bearer ${secret}` });

  it('lets a READ-only token read the account but refuses it every write', async () => {
    const brand = await user('BRAND', 'scoped-brand');
    const { secret } = await mintToken(brand, ['READ']);
    const me = await request(app()).get(`${API}/users/me`).set(withToken(secret));
    expect(me.status, me.text).toBe(200);
    expect(me.body.id).toBe(brand.id);
    const profile = await request(app()).get(`${API}/users/${brand.id}/profile`).set(withToken(secret));
    expect(profile.status, profile.text).toBe(200);

    const writes = [
      request(app()).put(`${API}/users/${brand.id}/profile`).send({ companyName: 'Acme Clips' }),
      request(app()).patch(`${API}/users/me`).send({ currentPassword: TEST_PASSWORD, newPassword: 'another password' }),
      request(app())
        .post(`${API}/users/me/api-tokens`)
        .send({ name: 'more', scopes: ['READ'], currentPassword: TEST_PASSWORD }),
    ];
    for (const write of writes) {
      const res = await write.set(withToken(secret));
      expect(res.status, res.text).toBe(403);
      expect(res.body.detail).toMatch(/lacks the WRITE scope/);
    }
    // The write did not happen.
    expect(await ctx.database.db.brandProfile.findUnique({ where: { userId: brand.id } })).toBeNull();
  });

  it('keeps credential management to interactive sign-ins, whatever the token’s scopes', async () => {
    const clipper = await user('CLIPPER', 'scoped-clipper');
    const token = await mintToken(clipper, ['READ', 'WRITE']);
    const calls = [
      request(app()).get(`${API}/users/me/api-tokens`),
      request(app())
        .post(`${API}/users/me/api-tokens`)
        .send({ name: 'more', scopes: ['READ'], currentPassword: TEST_PASSWORD }),
      request(app()).delete(`${API}/users/me/api-tokens/${token.id}`),
    ];
    for (const call of calls) {
      const res = await call.set(withToken(token.secret));
      expect(res.status, res.text).toBe(403);
      expect(res.body.detail).toMatch(/Sign in with your password/);
    }
  });

  it('lets an ADMIN-scope token of a superadmin act as admin, and refuses a WRITE-only one', async () => {
    const superadmin = await user('ADMIN', 'scoped-superadmin', 'SUPERADMIN');
    const admin = await mintToken(superadmin, ['ADMIN']);
    const write = await mintToken(superadmin, ['WRITE']);
    const target = await user('CLIPPER', 'scoped-target');
    const otherAdmin = await user('ADMIN', 'scoped-moderator', 'MODERATOR');
    const cases = [
      { path: `/admin/users/${target.id}/suspend`, body: { reason: 'spam clips' }, method: 'post' as const },
      { path: `/admin/users/${target.id}/reactivate`, body: undefined, method: 'post' as const },
      { path: `/admin/users/${otherAdmin.id}/admin-role`, body: { adminRole: 'FINANCE' }, method: 'put' as const },
    ];
    for (const { path, body, method } of cases) {
      const send = (secret: string) => {
        const req = request(app())[method](`${API}${path}`).set(withToken(secret));
        return body === undefined ? req : req.send(body);
      };
      const refused = await send(write.secret);
      expect(refused.status, `${method} ${path} with a WRITE token: ${refused.text}`).toBe(403);
      expect(refused.body.detail).toMatch(/lacks the ADMIN scope/);
      const allowed = await send(admin.secret);
      expect(allowed.status, `${method} ${path} with an ADMIN token: ${allowed.text}`).toBe(200);
    }
    const after = await ctx.database.db.user.findUniqueOrThrow({ where: { id: otherAdmin.id } });
    expect(after.adminRole).toBe('FINANCE');
  });

  it('treats a too-narrow token on a public route as no credential, and never lets a token sign its user out', async () => {
    const clipper = await user('CLIPPER', 'scoped-logout');
    const read = await mintToken(clipper, ['READ']);
    const write = await mintToken(clipper, ['READ', 'WRITE']);
    const login = await request(app())
      .post(`${API}/auth/login`)
      .set(withToken(read.secret))
      .send({ email: clipper.email, password: TEST_PASSWORD, transport: 'bearer' });
    expect(login.status, login.text).toBe(200);
    const logout = await request(app()).post(`${API}/auth/logout`).set(withToken(write.secret)).send({});
    expect(logout.status, logout.text).toBe(204);
    // The signed-in session is untouched.
    const me = await request(app())
      .get(`${API}/users/me`)
      .set(bearer({ token: login.body.accessToken }));
    expect(me.status, me.text).toBe(200);
    const after = await ctx.database.db.user.findUniqueOrThrow({ where: { id: clipper.id } });
    expect(after.tokensValidAfter).toBeNull();
  });

  it('gives the ADMIN scope to admins only', async () => {
    const brand = await user('BRAND', 'scoped-brand');
    const res = await request(app())
      .post(`${API}/users/me/api-tokens`)
      .set(bearer(brand))
      .send({ name: 'admin', scopes: ['READ', 'ADMIN'], currentPassword: TEST_PASSWORD });
    expect(res.status, res.text).toBe(403);
    expect(await ctx.database.db.apiToken.count({ where: { userId: brand.id } })).toBe(0);
  });

  it('answers "not found" for someone else’s token, and leaves it live', async () => {
    const [owner, stranger] = await Promise.all([user('BRAND', 'token-owner'), user('ADMIN', 'token-stranger')]);
    const id = await apiTokenOf(owner);
    const res = await request(app()).delete(`${API}/users/me/api-tokens/${id}`).set(bearer(stranger));
    expect(res.status, res.text).toBe(404);
    const token = await ctx.database.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(token.revokedAt).toBeNull();
  });
});

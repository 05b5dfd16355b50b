import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { openApiDocument, openApiPath, operationIdOf, pathParamNames } from '../../server/http/openapi.js';
import type { RouteSpec } from '../../server/http/route.js';
import { API_ROUTES } from '../../server/http/routes/index.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { expectMatchesResponseSchema, routeOf } from '../helpers/response-schema.js';

/**
 * The API documentation: every registry route declares the schemas the document is built from, the document at
 * /api/openapi.json is OpenAPI 3.1 with every route and resolvable references, real answers match the declared
 * response schemas, and /api/docs renders from this origin only.
 *
 * "Has a schema" means the RouteSpec field is set (a zod schema): `params` for a path with `:params` (naming
 * exactly those parameters), `body` for every POST/PUT/PATCH, `response` for every status but 204. A write that
 * takes no fields declares `noBody` (server/modules/accounts/schemas.ts: an empty strict object, so a missing
 * body or `{}` passes and unknown fields are refused), never nothing.
 */
const ctx = setupTestApp('openapi');
const api = () => request(ctx.testApp.app);
const key = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;
const WRITES = new Set(['post', 'put', 'patch']);

/** The keys of a zod object schema (through pipes), or undefined for another kind of schema. */
function shapeKeys(schema: ZodType): string[] | undefined {
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown>; in?: ZodType };
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'pipe' && def.in) return shapeKeys(def.in);
  return undefined;
}

function missingSchemas(route: RouteSpec): string[] {
  const problems: string[] = [];
  const names = pathParamNames(route.path);
  if (names.length && !route.params) problems.push('no params schema');
  if (route.params) {
    const keys = shapeKeys(route.params);
    if (!keys) problems.push('params schema is not an object');
    else if ([...keys].sort().join() !== [...names].sort().join()) {
      problems.push(`params schema names ${keys.join(', ') || 'nothing'}, the path ${names.join(', ') || 'nothing'}`);
    }
  }
  if (WRITES.has(route.method) && !route.body) problems.push('no body schema (use noBody when it takes none)');
  if ((route.status ?? 200) !== 204 && !route.response) problems.push('no response schema');
  return problems;
}

describe('every registry route has its schemas', () => {
  it('params for path parameters, a body for writes, a response unless 204', () => {
    const offenders = API_ROUTES.flatMap((route) => missingSchemas(route).map((p) => `${key(route)}: ${p}`));
    expect(offenders, `routes lacking schemas:\n${offenders.join('\n')}`).toEqual([]);
  });
});

type Json = Record<string, unknown>;

const routeOfDoc = (doc: Json, method: string, path: string) => ((doc.paths as Json)[path] as Json)[method] as Json;

/** Every `$ref` in the document, with the JSON pointer it names resolved (or undefined when it dangles). */
function refsOf(doc: Json): Array<{ ref: string; target: unknown }> {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') found.push(v);
        else walk(v);
      }
    }
  };
  walk(doc);
  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    return ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], doc);
  };
  return [...new Set(found)].map((ref) => ({ ref, target: resolve(ref) }));
}

describe('GET /api/openapi.json', () => {
  let doc: Json;
  beforeAll(async () => {
    const res = await api().get('/api/openapi.json');
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body;
  });
  const operation = (route: RouteSpec) =>
    ((doc.paths as Json)[openApiPath(route.path)] as Json | undefined)?.[route.method] as Json | undefined;

  it('is OpenAPI 3.1 for /api/v1, with bearer and cookie security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'ContentFlow API', version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const schemes = (doc.components as Json).securitySchemes as Json;
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'cf_at' });
    expect(Object.keys((doc.components as Json).schemas as Json)).toContain('Problem');
  });

  it('has one operation per registry route, with unique operation ids and its path parameters', () => {
    const missing = API_ROUTES.filter((route) => !operation(route)).map(key);
    expect(missing, 'routes missing from the document').toEqual([]);
    const count = Object.values(doc.paths as Json).reduce<number>((n, item) => n + Object.keys(item as Json).length, 0);
    expect(count).toBe(API_ROUTES.length);
    const ids = API_ROUTES.map(operationIdOf);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of API_ROUTES) {
      const op = operation(route) as Json;
      expect(op.operationId, key(route)).toBe(operationIdOf(route));
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string; required?: boolean }>;
      const inPath = parameters.filter((p) => p.in === 'path');
      expect(inPath.map((p) => p.name).sort(), key(route)).toEqual(pathParamNames(route.path).sort());
      expect(
        inPath.every((p) => p.required),
        key(route),
      ).toBe(true);
      expect(op.security, key(route)).toEqual(route.auth === 'public' ? [] : [{ bearer: [] }, { cookie: [] }]);
      const responses = op.responses as Json;
      const status = String(route.status ?? 200);
      expect(Object.keys(responses), key(route)).toContain(status);
      if (status !== '204')
        expect((responses[status] as Json).content, key(route)).toHaveProperty(['application/json']);
      if (route.auth === 'user') expect(Object.keys(responses), key(route)).toContain('401');
      if (route.limits?.length) expect(Object.keys(responses), key(route)).toContain('429');
      expect((responses['422'] as Json | undefined)?.content ?? {}, key(route)).not.toHaveProperty([
        'application/json',
      ]);
      const idempotencyKey = parameters.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      if (route.idempotent) expect(idempotencyKey, key(route)).toMatchObject({ required: false });
      else expect(idempotencyKey, key(route)).toBeUndefined();
    }
  });

  it('documents errors as problem+json with the shared Problem schema', () => {
    const login = operation(routeOf('post', '/auth/login')) as Json;
    expect(((login.responses as Json)['422'] as Json).content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    const problem = ((doc.components as Json).schemas as Json).Problem as Json;
    expect((problem.required as string[]).sort()).toEqual(['code', 'status', 'title', 'type']);
    expect(Object.keys(problem.properties as Json).sort()).toEqual(
      ['code', 'detail', 'errors', 'instance', 'requestId', 'status', 'title', 'type'].sort(),
    );
  });

  it('resolves every $ref', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => r.target === undefined).map((r) => r.ref)).toEqual([]);
  });

  it('is built once per process', () => {
    expect(openApiDocument(API_ROUTES)).toBe(openApiDocument(API_ROUTES));
  });
});

describe('statuses the suite missed', () => {
  it('GET /submissions?campaignId= of a campaign nobody can see is a documented 404', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const res = await api()
      .get('/api/v1/submissions')
      .query({ campaignId: newId('cmp') })
      .set(bearer(clipper));
    expect(res.status, res.text).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const documented = (
      routeOfDoc(openApiDocument(API_ROUTES) as unknown as Json, 'get', '/submissions').responses as Json
    )['404'];
    expect(documented).toBeDefined();
  });
});

describe('real answers match the declared response schemas', () => {
  const check = (method: RouteSpec['method'], path: string, res: request.Response) => {
    const route = routeOf(method, path);
    expect(res.status, `${key(route)}: ${res.text}`).toBe(route.status ?? 200);
    expectMatchesResponseSchema(route, res.body);
  };

  it('GET /', async () => {
    check('get', '/', await api().get('/api/v1/'));
  });

  it('the accounts routes: me, profiles, API tokens, sign-in and refresh, admin actions, social accounts', async () => {
    const db = ctx.database.db;
    const brand = await createUser(ctx.testApp, db, 'BRAND');
    const clipper = await createUser(ctx.testApp, db, 'CLIPPER');
    const admin = await createUser(ctx.testApp, db, 'ADMIN', { adminRole: 'SUPERADMIN' });

    // Without a profile, then with each kind.
    check('get', '/users/me', await api().get('/api/v1/users/me').set(bearer(brand)));
    const brandProfile = { companyName: 'Acme', website: 'https://acme.example', billingContactEmail: 'b@acme.test' };
    check(
      'put',
      '/users/:id/profile',
      await api().put(`/api/v1/users/${brand.id}/profile`).set(bearer(brand)).send(brandProfile),
    );
    const clipperProfile = {
      displayName: 'Clipz',
      socialLinks: [{ platform: 'TIKTOK', url: 'https://tiktok.example/@clipz' }],
    };
    check(
      'put',
      '/users/:id/profile',
      await api().put(`/api/v1/users/${clipper.id}/profile`).set(bearer(clipper)).send(clipperProfile),
    );
    for (const user of [brand, clipper, admin]) {
      check('get', '/users/me', await api().get('/api/v1/users/me').set(bearer(user)));
    }
    for (const user of [brand, clipper]) {
      check('get', '/users/:id/profile', await api().get(`/api/v1/users/${user.id}/profile`).set(bearer(admin)));
    }

    const created = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(brand))
      .send({ name: 'script', scopes: ['READ'], expiresInDays: 30, currentPassword: TEST_PASSWORD });
    check('post', '/users/me/api-tokens', created);
    // Used once (lastUsedAt set), and a revoked one (revokedAt set).
    await api().get('/api/v1/users/me').set('Authorization', `Bearer ${created.body.token}`).expect(200);
    const other = await api()
      .post('/api/v1/users/me/api-tokens')
      .set(bearer(brand))
      .send({ name: 'x', scopes: ['WRITE'], currentPassword: TEST_PASSWORD });
    await api().delete(`/api/v1/users/me/api-tokens/${other.body.id}`).set(bearer(brand)).expect(204);
    const tokens = await api().get('/api/v1/users/me/api-tokens').set(bearer(brand));
    expect(tokens.body).toHaveLength(2);
    check('get', '/users/me/api-tokens', tokens);

    for (const transport of ['bearer', 'cookie']) {
      const login = await api()
        .post('/api/v1/auth/login')
        .send({ email: brand.email, password: TEST_PASSWORD, transport });
      check('post', '/auth/login', login);
      if (transport === 'bearer') {
        const refreshed = await api().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
        check('post', '/auth/refresh', refreshed);
      }
    }
    check(
      'post',
      '/auth/register',
      await api()
        .post('/api/v1/auth/register')
        .send({
          email: `new-${newId('usr').slice(-8)}@example.test`,
          password: TEST_PASSWORD,
          role: 'CLIPPER',
        }),
    );

    check(
      'post',
      '/admin/users/:id/suspend',
      await api().post(`/api/v1/admin/users/${clipper.id}/suspend`).set(bearer(admin)).send({ reason: 'spam links' }),
    );
    // A write that takes no body: nothing, or an empty object.
    check(
      'post',
      '/admin/users/:id/reactivate',
      await api().post(`/api/v1/admin/users/${clipper.id}/reactivate`).set(bearer(admin)),
    );

    await db.socialAccount.create({
      data: {
        id: newId('soc'),
        userId: brand.id,
        platform: 'TIKTOK',
        handle: 'acme',
        externalId: newId('usr'),
        verificationStatus: 'VERIFIED',
        tokenExpiresAt: new Date(ctx.testApp.clock.now().getTime() + 86_400_000),
      },
    });
    const accounts = await api().get('/api/v1/social/accounts').set(bearer(brand));
    expect(accounts.body).toHaveLength(1);
    check('get', '/social/accounts', accounts);
  });

  it('fails for a field the schema does not declare', () => {
    const route = routeOf('get', '/');
    expect(() => expectMatchesResponseSchema(route, { name: 'ContentFlow API', version: 'v1', extra: 1 })).toThrow(
      /extra/,
    );
  });
});

describe('/api/docs', () => {
  it('redirects to the trailing-slash page so its relative assets resolve', async () => {
    const res = await api().get('/api/docs');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/api/docs/');
  });

  it('answers HTML that loads scripts and styles from this origin only, under a CSP without inline scripts', async () => {
    const res = await api().get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self'");
    const html = res.text;
    // Every script is a file; no inline code.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, code] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(code?.trim()).toBe('');
    }
    const urls = [...html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) {
      expect(url, 'a same-origin, relative URL').toMatch(/^\.?\/?[\w./-]+$/);
      expect(url).not.toMatch(/^\/\//);
      const asset = await api().get(new URL(url, 'http://x/api/docs/').pathname);
      expect([url, asset.status]).toEqual([url, 200]);
    }
    const init = await api().get('/api/docs/swagger-ui-init.js');
    expect(init.text).toContain('"swaggerUrl": "/api/openapi.json"');
    expect(init.text).not.toMatch(/https?:\/\//);
  });

  it('does not serve swagger-ui-dist’s demo page (it points at petstore.swagger.io)', async () => {
    for (const path of ['/api/docs/index.html', '/api/docs/swagger-initializer.js']) {
      const res = await api().get(path);
      expect(res.status).toBe(301);
    }
  });
});

describe('/api/docs in Chromium', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(ctx.testApp.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders every operation with no script error, CSP violation or request elsewhere', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`outside: ${r.url()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${base}/api/docs`);
      await page.locator('.swagger-ui .info .title').getByText('ContentFlow API').waitFor();
      await page.locator('.opblock').first().waitFor();
      expect(await page.locator('.opblock').count()).toBe(API_ROUTES.length);
      await page.getByText('Problem', { exact: true }).first().waitFor();
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

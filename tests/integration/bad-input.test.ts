import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../server/http/route.js';
import { API_ROUTES } from '../../server/http/routes/index.js';
import { newId } from '../../server/shared/ids.js';
import { bearer, createUser, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

/**
 * Bad input on every route of the registry, so a route added later is covered without a new test: unknown body
 * and query fields are named in a 422, bodies of the wrong type are 422, malformed path ids are 422 naming the
 * parameter, and oversized bodies are 413. Callers are signed in with enough rights to reach validation.
 */
const ctx = setupTestApp('bad-input');
const key = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;

interface Callers {
  brand: TestUser;
  superadmin: TestUser;
}

let callers: Callers | undefined;
async function getCallers(): Promise<Callers> {
  callers ??= {
    brand: await createUser(ctx.testApp, ctx.database.db, 'BRAND'),
    superadmin: await createUser(ctx.testApp, ctx.database.db, 'ADMIN', { adminRole: 'SUPERADMIN' }),
  };
  return callers;
}

/** A well-formed id for each parameter, by the collection it names (ownership is not what is tested here). */
function pathFor(route: RouteSpec, who: Callers, bad?: string): string {
  return route.path.replace(/\/([\w-]+)\/:(\w+)/g, (_m, collection: string) => {
    if (bad) return `/${collection}/${bad}`;
    if (collection === 'users') return `/users/${who.brand.id}`;
    if (collection === 'api-tokens') return `/api-tokens/${newId('atk')}`;
    if (collection === 'accounts') return `/accounts/${newId('soc')}`;
    // Validation comes before any lookup, so a well-formed id of nothing serves.
    const prefix = ({ campaigns: 'cmp', applications: 'app', submissions: 'sub', uploads: 'upl' } as const)[
      collection as 'campaigns'
    ];
    if (prefix) return `/${collection}/${newId(prefix)}`;
    throw new Error(`bad-input test: no sample id for "${collection}" in ${key(route)}; add one`);
  });
}

function send(route: RouteSpec, who: Callers, path: string, body?: unknown) {
  const caller = route.scope === 'ADMIN' ? who.superadmin : who.brand;
  const req = request(ctx.testApp.app)[route.method](`/api/v1${path}`).set(bearer(caller));
  return body === undefined ? req : req.send(body as object);
}

const fieldsOf = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path);

describe('bad input on every route', () => {
  const withBody = API_ROUTES.filter((r) => r.body);
  const withParams = API_ROUTES.filter((r) => r.path.includes('/:'));
  const withQuery = API_ROUTES.filter((r) => r.query);

  it.each(withBody.map((r) => [key(r), r] as const))('%s names an unknown body field', async (_name, route) => {
    const res = await send(route, await getCallers(), pathFor(route, await getCallers()), { sneaky: true });
    expect(res.status, res.text).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fieldsOf(res)).toContain('sneaky');
  });

  it.each(withBody.map((r) => [key(r), r] as const))(
    '%s refuses a body that is not an object',
    async (_name, route) => {
      const who = await getCallers();
      // An array is JSON, so it reaches validation; a bare value is refused by the strict JSON parser.
      const cases = [
        [[1, 2], 422, 'VALIDATION_FAILED'],
        ['text', 400, 'BAD_REQUEST'],
        [42, 400, 'BAD_REQUEST'],
      ] as const;
      for (const [body, status, code] of cases) {
        const res = await send(route, who, pathFor(route, who), JSON.stringify(body)).set(
          'Content-Type',
          'application/json',
        );
        expect([JSON.stringify(body), res.status, res.body.code], res.text).toEqual([
          JSON.stringify(body),
          status,
          code,
        ]);
      }
    },
  );

  it.each(withParams.map((r) => [key(r), r] as const))('%s names a malformed path id', async (_name, route) => {
    const res = await send(
      route,
      await getCallers(),
      pathFor(route, await getCallers(), 'not-an-id'),
      route.body ? {} : undefined,
    );
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toContain('id');
  });

  it.each(withQuery.map((r) => [key(r), r] as const))('%s names an unknown query field', async (_name, route) => {
    const who = await getCallers();
    const res = await send(route, who, `${pathFor(route, who)}?sneaky=1`);
    expect(res.status, res.text).toBe(422);
    expect(fieldsOf(res)).toContain('sneaky');
  });

  it('answers an oversized body with 413 on every route that takes one', async () => {
    const who = await getCallers();
    const huge = { padding: 'x'.repeat(150_000) };
    for (const route of withBody) {
      const res = await send(route, who, pathFor(route, who), huge);
      expect([key(route), res.status, res.body.code]).toEqual([key(route), 413, 'PAYLOAD_TOO_LARGE']);
    }
  });
});

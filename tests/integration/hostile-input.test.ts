import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../server/http/route.js';
import { API_ROUTES } from '../../server/http/routes/index.js';
import { newId } from '../../server/shared/ids.js';
import { encodeCursor } from '../../server/shared/pagination.js';
import { bearer, createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { API, keyOf } from '../helpers/authz-matrix.js';
import { type BaseRequest, baseRequests } from '../helpers/hostile-routes.js';
import { HOSTILE, type Hostile, type Target, targetsOf, withValue } from '../helpers/hostile-values.js';
import { campaignBody } from '../helpers/marketplace.js';

/**
 * Hostile values in every field of every registry route: NUL, unpaired surrogates, a right-to-left override,
 * 10,000 characters, huge and negative numbers, dates outside any calendar the product needs, forged cursors.
 * Whatever the field, the answer is never a 5xx: a 2xx where the value is acceptable, otherwise a 4xx
 * problem+json, and a 422 naming the field for values that can never be right. Each value goes into a request
 * that would otherwise pass (tests/helpers/hostile-routes.ts), so it reaches the use case and the database.
 * HOSTILE_INPUT_FULL=1 sends every value to every field; by default each field gets every value that must be
 * refused plus one of the others, in turn, which keeps the file under half a minute.
 */
// TikTok configured (pointed nowhere): its callback then validates and looks its state up instead of answering 503.
const ctx = setupTestApp('hostile-input', {
  env: {
    TIKTOK_CLIENT_KEY: 'hostile-key',
    TIKTOK_CLIENT_SECRET: 'hostile-secret',
    TIKTOK_API_URL: 'http://127.0.0.1:9',
  },
});
const FULL = process.env.HOSTILE_INPUT_FULL === '1';

type Where = 'body' | 'query' | 'params';

/** encodeURIComponent, except that an unpaired surrogate is sent as the bytes a careless client would send. */
function encodeLoosely(text: string): string {
  return [...text]
    .map((char) => {
      const unit = char.charCodeAt(0);
      if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
        return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(char);
    })
    .join('');
}

const hasLoneSurrogate = (value: unknown) => typeof value === 'string' && /[\ud800-\udfff]/.test(value);

function urlOf(route: RouteSpec, params: Record<string, string>, query: Record<string, unknown>) {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeLoosely(params[name] ?? ''));
  const search = Object.entries(query)
    .map(([name, value]) => `${encodeLoosely(name)}=${encodeLoosely(String(value))}`)
    .join('&');
  return `${API}${path}${search ? `?${search}` : ''}`;
}

/** What was wrong with the answer, or undefined when it is right. */
function verdict(res: request.Response, where: Where, target: Target, hostile: Hostile): string | undefined {
  const field = target.path.join('.');
  const said = `${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) return said;
  if (res.status >= 400 && !/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) {
    return `not problem+json: ${said}`;
  }
  // A URL cannot carry an unpaired surrogate: the server decodes the bytes as replacement characters or not at all.
  const refused = hostile.refused && !(where !== 'body' && hasLoneSurrogate(hostile.value));
  const named = (res.body?.errors ?? []).map((e: { path: string }) => e.path) as string[];
  if (refused && (res.status !== 422 || !named.some((p) => p === field || field.startsWith(`${p}.`)))) {
    return `expected a 422 naming ${field}: ${said}`;
  }
  if (where === 'params' && res.status < 400) return `a hostile path id was accepted: ${said}`;
  if (res.status === 422 && named.length === 0) return `a 422 naming no field: ${said}`;
  return undefined;
}

/** Every value that must be refused, and the others all (full run) or one per field in turn. */
function valuesFor(hostiles: Hostile[], turn: number): Hostile[] {
  if (FULL) return hostiles;
  const others = hostiles.filter((h) => !h.refused);
  return [...hostiles.filter((h) => h.refused), ...(others.length ? [others[turn % others.length] as Hostile] : [])];
}

/** The base request with, where given, one value replaced. */
async function send(
  route: RouteSpec,
  base: BaseRequest,
  where?: Where,
  path: Array<string | number> = [],
  value?: unknown,
) {
  const params = where === 'params' ? { ...base.params, [path[0] as string]: String(value) } : base.params;
  const query = (where === 'query' ? withValue(base.query ?? {}, path, value) : base.query) ?? {};
  const body = where === 'body' ? withValue(base.body ?? {}, path, value) : base.body;
  let req = request(ctx.testApp.app)[route.method](urlOf(route, params ?? {}, query as Record<string, unknown>));
  if (base.caller) req = req.set(bearer(base.caller));
  return body === undefined ? req : req.send(body as object);
}

async function sweep(route: RouteSpec, build: () => Promise<BaseRequest>): Promise<string[]> {
  const sample = await build();
  // The base request itself must pass, or hostile values would be refused for its faults and never reach a use case.
  const plain = await send(route, sample);
  if (plain.status !== (sample.refusal ?? plain.status) || (!sample.refusal && plain.status >= 300)) {
    return [`the base request answers ${plain.status}: ${plain.text.slice(0, 300)}`];
  }
  const targets: Array<[Where, Target]> = [
    ...targetsOf(route.body, sample.body).map((t) => ['body', t] as [Where, Target]),
    ...targetsOf(route.query, sample.query).map((t) => ['query', t] as [Where, Target]),
    ...[...route.path.matchAll(/:(\w+)/g)].map(
      (m) => ['params', { path: [m[1] as string], kind: 'string' }] as [Where, Target],
    ),
  ];
  const wrong: string[] = [];
  for (const [turn, [where, target]] of targets.entries()) {
    for (const hostile of valuesFor(HOSTILE[target.kind], turn)) {
      const res = await send(route, await build(), where, target.path, hostile.value);
      const problem = verdict(res, where, target, hostile);
      if (problem) wrong.push(`${where} ${target.path.join('.')} = ${hostile.label}: ${problem}`);
    }
  }
  return wrong;
}

describe('hostile input on every route', () => {
  it('has a base request for every registry route', () => {
    const table = Object.keys(baseRequests(ctx));
    expect(API_ROUTES.map(keyOf).filter((key) => !table.includes(key))).toEqual([]);
  });

  it.each(API_ROUTES.map((route) => [keyOf(route), route] as const))(
    '%s: never a 5xx, a 422 naming the field where the value cannot be right',
    async (key, route) => {
      const build = baseRequests(ctx)[key];
      if (!build) throw new Error(`no base request for ${key} in tests/helpers/hostile-routes.ts`);
      expect(await sweep(route, build)).toEqual([]);
    },
  );
});

describe('values past what the database stores', () => {
  const asBrand = async () => bearer(await createUser(ctx.testApp, ctx.database.db, 'BRAND'));
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { path: string }) => e.path);

  it.each([
    ['cpm', [2_147_483_648, newId('cmp')]],
    ['cpm', [-1, newId('cmp')]],
    ['newest', ['0000-01-01T00:00:00.000Z', newId('cmp')]],
    ['ending', ['0000-01-01T00:00:00.000Z', newId('cmp')]],
    ['ending', ['2030-01-01T00:00:00.000Z', 'cmp_\u0000']],
  ])('refuses a %s cursor of %j with a 422 naming it', async (sort, values) => {
    const res = await request(ctx.testApp.app)
      .get(`${API}/campaigns`)
      .query({ sort, cursor: encodeCursor(values) })
      .set(await asBrand());
    expect([res.status, fields(res)], res.text).toEqual([422, ['cursor']]);
  });

  it.each([
    ['startsAt', '0000-01-01T00:00:00Z'],
    ['startsAt', '1999-12-31T23:59:59Z'],
    ['endsAt', '9999-12-31T23:00:00-05:00'],
  ])('refuses a campaign %s of %s with a 422 naming it', async (field, value) => {
    const res = await request(ctx.testApp.app)
      .post(`${API}/campaigns`)
      .set(await asBrand())
      .send(campaignBody(ctx.testApp, { [field]: value }));
    expect([res.status, fields(res)], res.text).toEqual([422, [field]]);
  });

  it('refuses a per-clip payout cap its INT4 column cannot hold, even under the largest budget', async () => {
    const body = campaignBody(ctx.testApp, {
      totalBudgetCents: 10_000_000_000,
      maxPayoutPerSubmissionCents: 2_147_483_648,
    });
    const res = await request(ctx.testApp.app)
      .post(`${API}/campaigns`)
      .set(await asBrand())
      .send(body);
    expect([res.status, fields(res)], res.text).toEqual([422, ['maxPayoutPerSubmissionCents']]);
    const largest = { ...body, maxPayoutPerSubmissionCents: 2_147_483_647 };
    const accepted = await request(ctx.testApp.app)
      .post(`${API}/campaigns`)
      .set(await asBrand())
      .send(largest);
    expect(accepted.status, accepted.text).toBe(201);
  });

  it('names a key that cannot be stored, without echoing the character', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const res = await request(ctx.testApp.app)
      .put(`${API}/users/${clipper.id}/profile`)
      .set(bearer(clipper))
      .send({ displayName: 'Clips', 'nick\u0000name': 'x' });
    expect([res.status, fields(res)], res.text).toEqual([422, ['nick?name']]);
  });

  it('walks a body nested 50,000 deep without overflowing', async () => {
    const clipper = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const res = await request(ctx.testApp.app)
      .put(`${API}/users/${clipper.id}/profile`)
      .set(bearer(clipper))
      .set('Content-Type', 'application/json')
      .send(`{"displayName":${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}}`);
    expect(res.status, res.text.slice(0, 300)).toBe(422);
    expect(fields(res)[0]).toMatch(/^displayName(\.0)+$/);
  });
});

describe('hostile values in the headers the app reads', () => {
  const latin1 = `Mozilla/5.0 \u00ff\u0080\u00e9 ${'x'.repeat(8_000)}`;
  const cookies = ['%00', '%ED%A0%80', 'x'.repeat(4_000), '%E2%80%AE'];

  it('never answers a 5xx to odd cookies, agents, origins and referers', async () => {
    const brand = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const answers: Array<[string, number]> = [];
    for (const value of cookies) {
      const me = await request(ctx.testApp.app).get(`${API}/users/me`).set('Cookie', `cf_at=${value}`);
      const refresh = await request(ctx.testApp.app)
        .post(`${API}/auth/refresh`)
        .set('Cookie', `cf_rt=${value}`)
        .set('Origin', 'http://127.0.0.1')
        .send({});
      answers.push([`cookie ${value.slice(0, 12)}`, Math.max(me.status, refresh.status)]);
    }
    const login = await request(ctx.testApp.app)
      .post(`${API}/auth/login`)
      .set('User-Agent', latin1)
      .send({ email: brand.email, password: TEST_PASSWORD, transport: 'bearer' });
    answers.push(['user agent', login.status]);
    for (const header of ['Origin', 'Referer']) {
      for (const value of ['null', 'http://\u00ff\u00fe', '://', `https://${'a'.repeat(5_000)}.test`]) {
        const res = await request(ctx.testApp.app)
          .post(`${API}/auth/logout`)
          .set(header, value)
          .set('Cookie', 'cf_rt=cfr_x')
          .send({});
        answers.push([`${header} ${value.slice(0, 12)}`, res.status]);
      }
    }
    expect(answers.filter(([, status]) => status >= 500)).toEqual([]);
    expect(login.status, login.text).toBe(200);
  });
});

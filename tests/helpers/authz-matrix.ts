import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createUser, type TestUser } from './accounts.js';
import type { TestAppContext } from './app.js';

/**
 * The authorization matrix's machinery: personas, a fresh world per cell, and the runner. The tables live in
 * tests/integration/authorization-matrix*.test.ts (accounts) and tests/helpers/authz-marketplace-rows.ts.
 */
export const API = '/api/v1';

export const PERSONAS = [
  'anonymous',
  'brand',
  'clipper',
  'otherBrand',
  'otherClipper',
  'moderator',
  'finance',
  'superadmin',
] as const;
export type Persona = (typeof PERSONAS)[number];
type SignedIn = Exclude<Persona, 'anonymous'>;

/** One cell's users: `brand` (and `clipper` where a route has one) own the subject; the rest are strangers to it. */
export type World = Record<SignedIn, TestUser>;

/** What a cell sends: values for the path's `:params`, a query and a JSON body, with the persona's bearer token. */
export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
}

export interface Row {
  expect: Record<Persona, number>;
  /** Builds the request in the cell's world, creating whatever else it needs (targets, tokens, codes). */
  call?: (world: World, caller: TestUser | undefined) => Call | Promise<Call>;
}

/** One row's statuses in PERSONAS order: anonymous, brand, clipper, otherBrand, otherClipper, moderator, finance, superadmin. */
export const cells = (...statuses: number[]): Record<Persona, number> => {
  if (statuses.length !== PERSONAS.length) throw new Error(`a matrix row needs ${PERSONAS.length} statuses`);
  return Object.fromEntries(PERSONAS.map((persona, i) => [persona, statuses[i]])) as Record<Persona, number>;
};

export const matrixUser = (
  ctx: TestAppContext,
  role: TestUser['role'],
  label: string,
  adminRole?: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN',
) => createUser(ctx.testApp, ctx.database.db, role, { label, adminRole });

async function newWorld(ctx: TestAppContext): Promise<World> {
  const [brand, clipper, otherBrand, otherClipper, moderator, finance, superadmin] = await Promise.all([
    matrixUser(ctx, 'BRAND', 'brand'),
    matrixUser(ctx, 'CLIPPER', 'clipper'),
    matrixUser(ctx, 'BRAND', 'other-brand'),
    matrixUser(ctx, 'CLIPPER', 'other-clipper'),
    matrixUser(ctx, 'ADMIN', 'moderator', 'MODERATOR'),
    matrixUser(ctx, 'ADMIN', 'finance', 'FINANCE'),
    matrixUser(ctx, 'ADMIN', 'superadmin', 'SUPERADMIN'),
  ]);
  return { brand, clipper, otherBrand, otherClipper, moderator, finance, superadmin };
}

export const keyOf = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

export function splitKey(key: string): { method: string; path: string } {
  const [method, path] = key.split(' ');
  return { method: (method as string).toLowerCase(), path: path as string };
}

function fillPath(key: string, params: Record<string, string> = {}): string {
  return splitKey(key).path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${key}: the row gives no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** One describe per row, one test per persona, each in a world of its own. */
export function runMatrix(ctx: TestAppContext, matrix: Record<string, Row>): void {
  for (const [key, row] of Object.entries(matrix)) {
    describe(key, () => {
      for (const persona of PERSONAS) {
        const expected = row.expect[persona];
        it(`${persona} → ${expected}`, async () => {
          const world = await newWorld(ctx);
          const caller = persona === 'anonymous' ? undefined : world[persona];
          const call = (await row.call?.(world, caller)) ?? {};
          const { method } = splitKey(key);
          let req = request(ctx.testApp.app)[method as 'get'](`${API}${fillPath(key, call.params)}`);
          if (call.query) req = req.query(call.query);
          if (caller) req = req.set(bearer(caller));
          const res = call.body === undefined ? await req : await req.send(call.body);
          const detail = `${key} as ${persona}: expected ${expected}, got ${res.status}: ${res.text.slice(0, 600)}`;
          // A 404 must come from the route, not from "no such route".
          expect(res.body?.detail ?? '', detail).not.toMatch(/^No route for/);
          expect(res.status, detail).toBe(expected);
        });
      }
    });
  }
}

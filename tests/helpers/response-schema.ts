import { expect } from 'vitest';
import type { Method, RouteSpec } from '../../server/http/route.js';
import { API_ROUTES } from '../../server/http/routes/index.js';

/** The registry route for `METHOD /path` in Express syntax, e.g. `routeOf('get', '/users/:id/profile')`. */
export function routeOf(method: Method, path: string, routes: RouteSpec[] = API_ROUTES): RouteSpec {
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method.toUpperCase()} ${path} in the registry`);
  return route;
}

/**
 * Checks a real answer's JSON body against the route's declared `response` schema (the one the OpenAPI document
 * shows), strictly where the schema is strict: a field the handler sends but the schema lacks fails too. Pass the
 * supertest response's `body` (already parsed JSON, so dates are strings as a client sees them).
 */
export function expectMatchesResponseSchema(route: RouteSpec, body: unknown): void {
  const name = `${route.method.toUpperCase()} ${route.path}`;
  if ((route.status ?? 200) === 204) {
    expect(body ?? {}, `${name} answers 204: no body`).toEqual({});
    return;
  }
  if (!route.response) throw new Error(`${name} has no response schema`);
  const result = route.response.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    expect.fail(`${name}: the body does not match its response schema\n${issues}\nbody: ${JSON.stringify(body)}`);
  }
}

import type { Express, Request, Response } from 'express';
import { type OpenApiDocument, openApiDocument, openApiPath } from '../../server/http/openapi.js';
import type { RouteSpec } from '../../server/http/route.js';
import { API_ROUTES } from '../../server/http/routes/index.js';

/**
 * Every status the test app answers under /api/v1, per operation, so a test file fails when the suite sees an
 * answer the OpenAPI document does not promise (a generated client would have no type for it). Requests refused
 * before routing (a body that is not JSON, or too large) are matched to their route by path.
 */
export interface Observation {
  method: string;
  path: string;
  status: number;
}

const API_PREFIX = '/api/v1';
const observed = new Map<string, Observation>();

const patternOf = (path: string) => new RegExp(`^${path.replace(/:\w+/g, '[^/]+').replace(/\/$/, '')}/?$`);
const compiled = API_ROUTES.map((route) => ({ route, pattern: patternOf(route.path) }));

function registryRoute(method: string, pathname: string): RouteSpec | undefined {
  return compiled.find((c) => c.route.method === method && c.pattern.test(pathname))?.route;
}

function record(req: Request, res: Response): void {
  const pathname = req.originalUrl.split('?')[0] ?? '';
  if (!pathname.startsWith(`${API_PREFIX}/`) && pathname !== API_PREFIX) return;
  const method = req.method.toLowerCase();
  // HEAD and OPTIONS are Express's own answers, not operations of the document.
  if (method === 'head' || method === 'options') return;
  const path =
    (req.route as { path?: string } | undefined)?.path ??
    registryRoute(method, pathname.slice(API_PREFIX.length) || '/')?.path;
  if (!path) return; // no such operation: the API's 404 for unknown routes
  const observation = { method, path, status: res.statusCode };
  observed.set(`${method} ${path} ${res.statusCode}`, observation);
}

/**
 * Records each answer of `app`. Express calls `app.handle` for every request, and nothing may run before the
 * app's own first middleware otherwise; the wrapper only listens for the response's end and changes nothing.
 */
export function recordApiStatuses(app: Express): void {
  const target = app as unknown as { handle: (req: Request, res: Response, next?: unknown) => void };
  const handle = target.handle.bind(app);
  target.handle = (req, res, next) => {
    res.on('finish', () => record(req, res));
    handle(req, res, next);
  };
}

export const observedStatuses = (): Observation[] => [...observed.values()];

/** `METHOD /path: status` for each observation the document does not list among the operation's responses. */
export function undocumentedStatuses(doc: OpenApiDocument, observations: Observation[]): string[] {
  const missing = observations.filter(({ method, path, status }) => {
    const operation = doc.paths?.[openApiPath(path)]?.[method as 'get'];
    return !operation?.responses?.[String(status)];
  });
  return missing
    .map(({ method, path, status }) => `${method.toUpperCase()} ${path}: ${status}`)
    .sort((a, b) => a.localeCompare(b));
}

/** Throws, naming each (operation, status), when this file's tests saw a status the document lacks. */
export function assertObservedStatusesDocumented(): void {
  const missing = undocumentedStatuses(openApiDocument(API_ROUTES), observedStatuses());
  if (missing.length) {
    throw new Error(
      `The API answered statuses its OpenAPI document does not list (declare them in the route's RouteSpec):\n  ${missing.join('\n  ')}`,
    );
  }
}

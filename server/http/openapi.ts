import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { type RequestHandler, Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { type ZodObject, type ZodType, z } from 'zod';
import { ERROR_CODES } from '../shared/errors.js';
import { ACCESS_COOKIE } from './cookies.js';
import { type ErrorStatus, type RouteSpec, requiredScope } from './route.js';
import { docsHeaders } from './security-headers.js';

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route registry (server/http/routes): paths, parameters,
 * bodies and success answers come from each route's zod schemas, errors from problem.ts. zod-to-openapi 9 reads
 * zod 4's own `.meta()` (an `id` there names a component), so zod needs no `extendZodWithOpenApi`.
 * tests/integration/openapi.test.ts fails when a route lacks a schema the document needs.
 */

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export interface OpenApiConfig {
  /** info.version: the document's version, not the package's. */
  version: string;
}

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';
const DEFAULT_CONFIG: OpenApiConfig = { version: 'v1' };

/** problem.ts `Problem` (RFC 9457), shared by every error answer. */
export const problemSchema = z
  .object({
    type: z.string().meta({ example: 'urn:contentflow:problem:validation-failed' }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }).strict())
      .optional()
      .meta({ description: 'One entry per invalid field (VALIDATION_FAILED).' }),
  })
  .strict()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `code` is stable, `title` and `detail` are text.' });

const idempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/)
  .optional()
  .meta({
    description:
      'Makes a retry safe: the first request with a key is done once and its answer stored (per caller and route); ' +
      'a retry with the same key and body gets that answer again with `Idempotent-Replayed: true`; the same key ' +
      'with another body is refused. A failed request stores nothing. 1–255 visible ASCII characters.',
  });

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** `/users/:id/profile` → `/users/{id}/profile`; Express's optional and wildcard syntax has no OpenAPI match. */
export function openApiPath(path: string): string {
  if (/[{}*?()]/.test(path)) throw new Error(`OpenAPI: unsupported path syntax in ${path}`);
  return path.replace(/:(\w+)/g, '{$1}');
}

export const pathParamNames = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);

/** `get /users/:id/profile` → `getUsersByIdProfile`; `get /` → `getRoot`. Unique because method+path are. */
export function operationIdOf(route: Pick<RouteSpec, 'method' | 'path'>): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  const tail = words.length ? words : ['root'];
  return route.method + tail.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/**
 * The error statuses a route's declaration implies: what the router and the shared middleware answer for any
 * route declared so (the door, the edge validation, the rate limits, the idempotency store, the body parser).
 */
function impliedErrors(route: RouteSpec): Partial<Record<ErrorStatus, string>> {
  const unsafe = UNSAFE.has(route.method);
  const out: Partial<Record<ErrorStatus, string>> = {};
  const hasPathId = route.path.includes('/:');
  if (route.body || hasPathId) {
    out[400] = [
      route.body && 'The body is not JSON or does not inflate as its Content-Encoding says.',
      hasPathId && 'A path segment is not valid percent-encoded UTF-8.',
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (route.auth === 'user') out[401] = 'No valid credential (UNAUTHENTICATED).';
  if (route.auth === 'user' || unsafe) {
    out[403] = 'Not allowed: role, ownership, token scope, or a cross-site write (FORBIDDEN).';
  }
  if (hasPathId) out[404] = 'No such resource, or not yours (NOT_FOUND).';
  if (unsafe || route.idempotent) {
    out[409] = route.idempotent
      ? 'The resource is not in a state that allows this, or the Idempotency-Key is in use (CONFLICT).'
      : 'The resource is not in a state that allows this (CONFLICT).';
  }
  if (route.body) out[413] = 'The body is too large (PAYLOAD_TOO_LARGE).';
  if (route.body) out[415] = 'A charset or Content-Encoding the API does not take (UNSUPPORTED_MEDIA_TYPE).';
  if (route.body || route.params || route.query || route.idempotent) {
    out[422] = 'Invalid fields, each named in `errors` (VALIDATION_FAILED).';
  }
  if (route.limits?.length) out[429] = 'Too many requests from this address; see Retry-After (RATE_LIMITED).';
  return out;
}

/** Every error status of a route: the implied ones and its own (`errors`), each a Problem, plus a default. */
function errorResponses(route: RouteSpec): Record<string, ResponseConfig> {
  const implied = impliedErrors(route);
  const own = route.errors ?? {};
  const statuses = [...new Set([...Object.keys(implied), ...Object.keys(own)])].map(Number) as ErrorStatus[];
  const out: Record<string, ResponseConfig> = {};
  for (const status of statuses.sort((a, b) => a - b)) {
    out[String(status)] = problem([implied[status], own[status]].filter(Boolean).join(' '));
  }
  out.default = problem('Any other failure, e.g. 500 (INTERNAL): a problem with a stable `code`.');
  return out;
}

function successResponses(route: RouteSpec): Record<string, ResponseConfig> {
  const status = route.status ?? 200;
  const out: Record<string, ResponseConfig> = {};
  if (status === 204) out[status] = { description: route.successDescription ?? 'Done; no content.' };
  else {
    out[status] = {
      description: route.successDescription ?? (status === 201 ? 'Created.' : status === 202 ? 'Accepted.' : 'OK.'),
      content: {
        'application/json': { schema: route.response ?? z.unknown().meta({ description: 'Undocumented.' }) },
      },
    };
  }
  if (route.redirect) {
    out[route.redirect.status] = {
      description: route.redirect.description,
      headers: { Location: { description: 'Where to go next.', schema: { type: 'string', format: 'uri' } } },
    };
  }
  return out;
}

/** Path parameters: the route's schema, or plain strings for a route that lacks one (the test flags it). */
function paramsOf(route: RouteSpec): ZodObject | undefined {
  if (route.params) return route.params as unknown as ZodObject;
  const names = pathParamNames(route.path);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

/**
 * An object body whose fields may all be left out (the empty strict object of body-less writes, refresh, logout)
 * is optional: the router reads a missing body as `{}`.
 */
const optionalBody = (schema: ZodType) => schema._zod.def.type === 'object' && schema.safeParse({}).success;

function operationOf(route: RouteSpec): RouteConfig {
  const notes = [
    route.auth === 'user'
      ? `Signed in: \`Authorization: Bearer\` with an access token or a personal API token holding the ${requiredScope(route)} scope, or the \`${ACCESS_COOKIE}\` cookie.`
      : 'Public.',
  ];
  if (route.limits?.length) notes.push(`Rate-limited per IP (${route.limits.join(', ')}).`);
  if (route.idempotent) {
    notes.push(
      'Idempotent with an `Idempotency-Key` header: a retry with the same key and body answers the first result ' +
        'again (`Idempotent-Replayed: true`); the same key with another body is refused.',
    );
  }
  return {
    method: route.method,
    path: openApiPath(route.path),
    operationId: operationIdOf(route),
    summary: route.summary,
    description: notes.join('\n\n'),
    tags: [route.tag],
    security: route.auth === 'user' ? [{ bearer: [] }, { cookie: [] }] : [],
    request: {
      params: paramsOf(route),
      query: route.query as ZodObject | undefined,
      headers: route.idempotent ? z.object({ 'Idempotency-Key': idempotencyKeyHeader }) : undefined,
      body: route.body
        ? {
            required: !optionalBody(route.body),
            content: { 'application/json': { schema: route.documentedBody ?? route.body } },
          }
        : undefined,
    },
    responses: { ...successResponses(route), ...errorResponses(route) },
  };
}

/** The document for `routes` (mounted under /api/v1). */
export function buildOpenApiDocument(routes: RouteSpec[], config: OpenApiConfig = DEFAULT_CONFIG): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT access token or cfp_… API token',
    description: 'A 15-minute access token from POST /auth/login (transport "bearer") or a personal API token.',
  });
  registry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: ACCESS_COOKIE,
    description: 'The browser session set by POST /auth/login; writes must come from this origin.',
  });
  for (const route of routes) registry.registerPath(operationOf(route));
  const tags = [...new Set(routes.map((r) => r.tag))].map((name) => ({ name }));
  // Every union in the answers is of strict objects with different required fields (or a `role` discriminator), so
  // exactly one option matches: oneOf tells a generator so and gives it tagged types.
  return new OpenApiGeneratorV31(registry.definitions, { unionPreferredType: 'oneOf' }).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ContentFlow API',
      version: config.version,
      description:
        'Errors are `application/problem+json` (the `Problem` schema) with a stable `code`. Dates are ISO 8601 ' +
        'strings. Money is integer cents as a JSON integer in every field (the `Cents` schema, names ending in ' +
        '`Cents`): exact up to 2^53 − 1 cents, a bound no amount or sum here comes near; counts are JSON integers too.',
    },
    servers: [{ url: '/api/v1' }],
    tags,
  });
}

// Built on first use, once per process and route list: the registry does not change while the app runs.
const cache = new WeakMap<RouteSpec[], OpenApiDocument>();

export function openApiDocument(routes: RouteSpec[], config?: OpenApiConfig): OpenApiDocument {
  let doc = cache.get(routes);
  if (!doc) {
    doc = buildOpenApiDocument(routes, config);
    cache.set(routes, doc);
  }
  return doc;
}

/** GET /api/openapi.json */
export function openApiJson(routes: RouteSpec[], config?: OpenApiConfig): RequestHandler {
  return (_req, res) => {
    res.json(openApiDocument(routes, config));
  };
}

/**
 * /api/docs: Swagger UI from swagger-ui-dist on this origin. Its bootstrap is a file (swagger-ui-init.js), not an
 * inline script, so the page's CSP allows scripts from 'self' only; the spec comes from /api/openapi.json and the
 * external validator badge is off. `/api/docs` redirects to `/api/docs/` so the page's relative assets resolve.
 */
export function apiDocs(): Router {
  const options = {
    swaggerUrl: OPENAPI_PATH,
    customSiteTitle: 'ContentFlow API',
    swaggerOptions: { validatorUrl: null, tryItOutEnabled: false },
  };
  const docs = Router();
  docs.use(docsHeaders);
  // swagger-ui-dist's own demo page and initializer point at petstore.swagger.io: not ours to serve.
  docs.get(['/index.html', '/swagger-initializer.js'], (_req, res) => {
    res.redirect(301, `${DOCS_PATH}/`);
  });
  docs.use(...swaggerUi.serveFiles(undefined, options));
  docs.get('/', swaggerUi.setup(undefined, options));
  return docs;
}

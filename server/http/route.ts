import type { Request, Response } from 'express';
import type { ZodType } from 'zod';
import type { Actor, TokenScope } from '../modules/accounts/actor.js';
import type { Ctx } from '../modules/context.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Error statuses a route may answer (problem.ts maps every AppError code to one of these). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface HandlerInput<B, P, Q> {
  ctx: Ctx;
  actor: Actor;
  body: B;
  params: P;
  query: Q;
  req: Request;
  res: Response;
}

/**
 * One API route, declared once: the router, the authorization-matrix test and the API documentation all read
 * this. `auth: 'user'` refuses anonymous callers at the door; roles and ownership are checked in the use cases.
 */
export interface RouteSpec<B = unknown, P = unknown, Q = unknown> {
  method: Method;
  /** Express syntax under /api/v1, e.g. `/users/:id/profile`. */
  path: string;
  summary: string;
  tag: string;
  auth: 'public' | 'user';
  /** API-token scope needed; by default READ for GET and WRITE otherwise. */
  scope?: TokenScope;
  /** Per-IP limits: `auth` per route per minute, `otp-send` shared by the routes that send one-time codes. */
  limits?: Array<'auth' | 'otp-send'>;
  body?: ZodType<B>;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  /** Success status; 204 sends no body. */
  status?: number;
  /** The success body's schema, for the API documentation; every route that answers a body has one. */
  response?: ZodType;
  /**
   * The body as documented, when the edge schema cannot say it: fields that depend on the caller's role are
   * checked by the use case, so `body` accepts any object and this names the shapes (a oneOf in the document).
   */
  documentedBody?: ZodType;
  /**
   * Error statuses beyond those the declaration implies (openapi.ts `impliedErrors`: 401 when signed in, 404 with
   * path parameters, 422 with inputs, 429 with limits…), each with when it is answered.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The success answer's description when "OK." says too little, e.g. when it depends on the Accept header. */
  successDescription?: string;
  /** A redirect answered instead of the success body (e.g. 303 back to the site for a browser), with when. */
  redirect?: { status: 302 | 303; description: string };
  /**
   * Create endpoints: a request with an `Idempotency-Key` header is done once; a retry with the same key and body
   * gets the first answer again, the same key with another body is refused (server/http/idempotency.ts).
   */
  idempotent?: boolean;
  handle(input: HandlerInput<B, P, Q>): Promise<unknown>;
}

export function defineRoute<B = undefined, P = undefined, Q = undefined>(spec: RouteSpec<B, P, Q>): RouteSpec {
  return spec as RouteSpec;
}

export function requiredScope(route: RouteSpec): TokenScope {
  return route.scope ?? (route.method === 'get' ? 'READ' : 'WRITE');
}

import type { Request } from 'express';
import type { Config } from '../config.js';
import { type Actor, ANONYMOUS } from '../modules/accounts/actor.js';
import { authenticate, type Credential, credentialKind } from '../modules/accounts/authenticate.js';
import type { Services } from '../modules/context.js';
import { AppError } from '../shared/errors.js';
import { ACCESS_COOKIE, readCookie } from './cookies.js';
import { type RouteSpec, requiredScope } from './route.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafe = (req: Request) => !SAFE_METHODS.has(req.method);

function sourceOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin) return origin;
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether the request comes from our own pages — the public URL's origin or the host it was sent to — or from a
 * site trusted with CORS_ORIGINS.
 */
export function isSameOrigin(req: Request, config: Config): boolean {
  const source = sourceOrigin(req);
  if (!source) return false;
  return (
    source === new URL(config.publicUrl).origin ||
    source === `${req.protocol}://${req.get('host')}` ||
    config.corsOrigins.includes(source)
  );
}

/**
 * CSRF defence for cookie credentials: a write that carries our cookies must say (Origin, or Referer) that it
 * comes from our own origin. Browsers always send Origin on cross-site writes, so a forged one fails here.
 */
export function assertSameOrigin(req: Request, config: Config): void {
  if (!isSameOrigin(req, config)) {
    throw new AppError(
      'FORBIDDEN',
      'Cross-site request refused: send an Origin header of this site with cookie sign-in.',
    );
  }
}

function credentialOf(req: Request): Credential | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer ([\w.~+/=-]{10,2000})$/.exec(header.trim());
    if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    const token = match[1] as string;
    return credentialKind(token) === 'api-token'
      ? { kind: 'api-token', token }
      : { kind: 'access-token', token, via: 'bearer' };
  }
  const cookie = readCookie(req, ACCESS_COOKIE);
  return cookie ? { kind: 'access-token', token: cookie, via: 'session' } : undefined;
}

/** Who is calling this route. Public routes treat a bad credential as none; the others answer 401. */
export async function resolveActor(services: Services, req: Request, route: RouteSpec): Promise<Actor> {
  let actor: Actor;
  try {
    const credential = credentialOf(req);
    if (!credential) {
      if (route.auth === 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
      return ANONYMOUS;
    }
    actor = await authenticate(services, credential);
  } catch (error) {
    if (route.auth === 'public' && error instanceof AppError && error.code === 'UNAUTHENTICATED') return ANONYMOUS;
    throw error;
  }
  if (actor.kind === 'user' && actor.via === 'session' && isUnsafe(req)) assertSameOrigin(req, services.config);
  const scope = requiredScope(route);
  if (actor.kind === 'user' && !actor.scopes.includes(scope)) {
    // A public route works without credentials, so one too narrow for it counts as none rather than a refusal.
    if (route.auth === 'public') return ANONYMOUS;
    throw new AppError('FORBIDDEN', `This token lacks the ${scope} scope.`);
  }
  return actor;
}

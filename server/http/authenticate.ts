import type { Request } from 'express';
import type { Config } from '../config.js';
import { type Actor, ANONYMOUS } from '../modules/accounts/actor.js';
import { authenticate, type Credential, credentialKind } from '../modules/accounts/authenticate.js';
import type { Services } from '../modules/context.js';
import { AppError } from '../shared/errors.js';
import { readCookie } from '../web/cookies.js';
import { isTrustedOrigin, isUnsafe } from '../web/request-origin.js';
import { ACCESS_COOKIE } from './cookies.js';
import { type RouteSpec, requiredScope } from './route.js';

/**
 * CSRF defence for cookie credentials: a write that carries our cookies must say (Origin, or Referer) that it
 * comes from our own origin. Browsers always send Origin on cross-site writes, so a forged one fails here.
 */
export function assertSameOrigin(req: Request, config: Config): void {
  if (!isTrustedOrigin(req, config)) {
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

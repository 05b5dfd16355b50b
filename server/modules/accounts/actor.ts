import { AppError } from '../../shared/errors.js';

export type UserRole = 'BRAND' | 'CLIPPER' | 'ADMIN';
export type AdminRole = 'MODERATOR' | 'FINANCE' | 'SUPERADMIN';
export type TokenScope = 'READ' | 'WRITE' | 'ADMIN';

/** A signed-in user as the use cases see them, with how they proved it. */
export interface UserActor {
  kind: 'user';
  userId: string;
  role: UserRole;
  adminRole: AdminRole | null;
  /** session: access-token cookie; bearer: access token in a header; api-token: a personal API token. */
  via: 'session' | 'bearer' | 'api-token';
  /** What the credential allows; access tokens carry every scope, API tokens the ones chosen at creation. */
  scopes: readonly TokenScope[];
  apiTokenId?: string;
  /** For access tokens: the sign-in (refresh-token family) they belong to; a logout ends it. */
  sessionId?: string;
}

/** Who is asking: every use case takes one, so transports cannot skip the checks. */
export type Actor = { kind: 'anonymous' } | UserActor | { kind: 'system'; name: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
const ALL_SCOPES: readonly TokenScope[] = ['READ', 'WRITE', 'ADMIN'];

/** A user signed in with a password-backed credential (not an API token): every scope. */
export function signedInActor(
  user: { id: string; role: UserRole; adminRole: AdminRole | null },
  via: 'session' | 'bearer' = 'session',
  sessionId?: string,
): UserActor {
  const actor: UserActor = {
    kind: 'user',
    userId: user.id,
    role: user.role,
    adminRole: user.adminRole,
    via,
    scopes: ALL_SCOPES,
  };
  return sessionId ? { ...actor, sessionId } : actor;
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
  return actor;
}

/** The admins who moderate: suspend users, approve campaigns, decide applications, review submissions. */
export const MODERATING_ROLES: readonly AdminRole[] = ['MODERATOR', 'SUPERADMIN'];

/** An admin with one of `roles` (any admin role when none are given), holding a credential with the ADMIN scope. */
export function isAdmin(user: UserActor, ...roles: readonly AdminRole[]): boolean {
  const allowed = user.role === 'ADMIN' && user.adminRole && (roles.length === 0 || roles.includes(user.adminRole));
  return Boolean(allowed) && user.scopes.includes('ADMIN');
}

export function requireAdmin(actor: Actor, ...roles: readonly AdminRole[]): UserActor {
  const user = requireUser(actor);
  if (!isAdmin(user, ...roles)) throw new AppError('FORBIDDEN', 'You are not allowed to do this.');
  return user;
}

/** Interactive credentials only: API tokens may not mint or list credentials. */
export function requireInteractive(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (user.via === 'api-token') throw new AppError('FORBIDDEN', 'Sign in with your password to manage credentials.');
  return user;
}

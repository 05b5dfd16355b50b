import type { DbClient } from '../../db.js';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import type { Services } from '../context.js';
import { issueAccessToken } from './access-token.js';
import type { AdminRole, UserRole } from './actor.js';
import { hashToken, newSecretToken } from './secret-token.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

interface SessionUser {
  id: string;
  role: UserRole;
  adminRole: AdminRole | null;
}

/**
 * Stores a refresh token (a new family unless one is given; `id` lets a rotation name its successor before) and
 * signs the access token that goes with it.
 */
export async function issueSessionTokens(
  db: DbClient,
  services: Pick<Services, 'config' | 'clock'>,
  user: SessionUser,
  options: { id?: string; familyId?: string; userAgent?: string; ip?: string } = {},
): Promise<SessionTokens> {
  const now = services.clock.now();
  const refreshToken = newSecretToken('refresh');
  const refreshTokenExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  const id = options.id ?? newId('rtk', now.getTime());
  await db.refreshToken.create({
    data: {
      id,
      userId: user.id,
      familyId: options.familyId ?? id,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      userAgent: options.userAgent?.slice(0, 300),
      ip: options.ip,
      createdAt: now,
    },
  });
  const access = await issueAccessToken(services.config, services.clock, user, options.familyId ?? id);
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt };
}

/**
 * Takes the user's row lock inside a transaction. Refresh and revocation both take it first, so a refresh racing
 * a logout or password change either finishes before (and its new token is revoked) or sees the revocation.
 */
export async function lockUser(tx: DbClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
}

/**
 * Takes the user's row lock for a per-user limit counted and then inserted (uploads, connections in progress):
 * parallel requests take turns, so the limit holds. NO KEY UPDATE leaves rows that merely reference the user
 * (sessions, audit events) free to be written meanwhile.
 */
export async function lockUserForLimit(tx: DbClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
}

// Revocation also drops the sealed successors kept for the refresh grace window: nothing may open them now.
const REVOKED = (now: Date) => ({ revokedAt: now, successorSealed: null });

/** Revokes every live token of a family (logout, reuse of a rotated token). */
export async function revokeFamily(db: DbClient, clock: Clock, familyId: string): Promise<number> {
  const { count } = await db.refreshToken.updateMany({
    where: { familyId, revokedAt: null },
    data: REVOKED(clock.now()),
  });
  return count;
}

/**
 * Ends every credential of a user (password change or reset, suspension): refresh tokens and personal API tokens
 * revoked, access tokens issued until now refused. API tokens go too: whoever held the old password or the
 * suspended account may have minted them, and a reactivation must not bring them back.
 */
export async function revokeAllSessions(db: DbClient, clock: Clock, userId: string): Promise<void> {
  await lockUser(db, userId);
  const now = clock.now();
  await db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: REVOKED(now) });
  await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await db.user.update({ where: { id: userId }, data: { tokensValidAfter: now } });
}

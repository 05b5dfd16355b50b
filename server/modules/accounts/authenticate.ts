import { Prisma, type User } from '@prisma/client';
import { readRows } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import type { Services } from '../context.js';
import { verifyAccessToken } from './access-token.js';
import { signedInActor, type UserActor } from './actor.js';
import { hashToken, TOKEN_PREFIX } from './secret-token.js';

// Writing lastUsedAt on every call would turn reads into writes; a minute's precision is enough.
const LAST_USED_PRECISION_MS = 60_000;

export type Credential =
  | { kind: 'access-token'; token: string; via: 'session' | 'bearer' }
  | { kind: 'api-token'; token: string };

const refused = () => new AppError('UNAUTHENTICATED', 'The credentials are missing, invalid or expired.');

export function credentialKind(token: string): 'access-token' | 'api-token' {
  return token.startsWith(TOKEN_PREFIX.apiToken) ? 'api-token' : 'access-token';
}

/**
 * Turns a credential into an actor, reading the user fresh: suspension, logout (tokensValidAfter) and role
 * changes take effect on the next request, not when the access token expires.
 */
export async function authenticate(
  services: Pick<Services, 'db' | 'clock' | 'config'>,
  credential: Credential,
): Promise<UserActor> {
  const now = services.clock.now();
  if (credential.kind === 'api-token') {
    const row = await services.db.apiToken.findUnique({
      where: { tokenHash: hashToken(credential.token) },
      select: {
        id: true,
        scopes: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        user: { select: { id: true, role: true, adminRole: true, status: true } },
      },
    });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.status !== 'ACTIVE') {
      throw refused();
    }
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await services.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    return {
      kind: 'user',
      userId: row.user.id,
      role: row.user.role,
      adminRole: row.user.adminRole,
      via: 'api-token',
      scopes: row.scopes,
      apiTokenId: row.id,
    };
  }
  const claims = await verifyAccessToken(services.config, services.clock, credential.token);
  if (!claims) throw refused();
  // Every signed-in request runs this read, so it skips Prisma's per-query work (server/db.ts readRows).
  const [user] = await readRows<Pick<User, 'id' | 'role' | 'adminRole' | 'status' | 'tokensValidAfter'>>(
    services.db,
    Prisma.sql`
      SELECT id, role::text AS role, "adminRole"::text AS "adminRole", status::text AS status, "tokensValidAfter"
      FROM "User" WHERE id = ${claims.userId}`,
  );
  if (user?.status !== 'ACTIVE') throw refused();
  // Equal counts as before: a token minted in the very millisecond of a logout must not outlive it.
  if (user.tokensValidAfter && claims.issuedAtMs <= user.tokensValidAfter.getTime()) throw refused();
  return signedInActor(user, credential.via, claims.sessionId);
}

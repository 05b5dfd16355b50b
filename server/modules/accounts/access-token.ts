import { errors, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import type { AdminRole, UserRole } from './actor.js';

export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
const ISSUER = 'contentflow';
const AUDIENCE = 'contentflow-api';

export interface AccessClaims {
  userId: string;
  /** Issue time in milliseconds; compared with the user's tokensValidAfter (JWT `iat` is whole seconds). */
  issuedAtMs: number;
}

const keyOf = (config: Pick<Config, 'JWT_SECRET'>) => new TextEncoder().encode(config.JWT_SECRET);

/** A 15-minute HS256 access token naming the user and role. The role is informative; checks read the database. */
export async function issueAccessToken(
  config: Pick<Config, 'JWT_SECRET'>,
  clock: Clock,
  user: { id: string; role: UserRole; adminRole: AdminRole | null },
): Promise<{ token: string; expiresAt: Date }> {
  const now = clock.now().getTime();
  const expiresAt = new Date(now + ACCESS_TOKEN_TTL_MS);
  const token = await new SignJWT({ role: user.role, adminRole: user.adminRole, iat_ms: now })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(config));
  return { token, expiresAt };
}

/** The claims of a valid token, or null for anything else (expired, tampered, other algorithm, other issuer). */
export async function verifyAccessToken(
  config: Pick<Config, 'JWT_SECRET'>,
  clock: Clock,
  token: string,
): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(config), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: clock.now(),
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const issuedAtMs = typeof payload.iat_ms === 'number' ? payload.iat_ms : (payload.iat as number) * 1000;
    return { userId: payload.sub as string, issuedAtMs };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

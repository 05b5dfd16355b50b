import { createSigner, createVerifier, TokenError } from 'fast-jwt';
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
  /** The sign-in (refresh-token family) the token belongs to, so a logout with it ends that session. */
  sessionId?: string;
}

// fast-jwt verifies HS256 with node:crypto in a few microseconds (jose's WebCrypto path took ~0.1 ms, on every
// signed-in request). One signer and verifier per secret. Expiry is checked against the injected clock below,
// since fast-jwt fixes its clock when the verifier is made.
type Sign = (payload: Record<string, unknown>) => string;
type Verify = (token: string) => Record<string, unknown>;
const signers = new Map<string, Sign>();
const verifiers = new Map<string, Verify>();

const signerFor = (secret: string): Sign => {
  let signer = signers.get(secret);
  if (!signer) {
    signer = createSigner({ key: secret, algorithm: 'HS256' });
    signers.set(secret, signer);
  }
  return signer;
};

const verifierFor = (secret: string): Verify => {
  let verifier = verifiers.get(secret);
  if (!verifier) {
    verifier = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
      ignoreExpiration: true,
      ignoreNotBefore: true,
      cache: false,
    });
    verifiers.set(secret, verifier);
  }
  return verifier;
};

/**
 * A 15-minute HS256 access token naming the user and role, and the session (refresh-token family) it came from.
 * The role is informative; checks read the database.
 */
export async function issueAccessToken(
  config: Pick<Config, 'JWT_SECRET'>,
  clock: Clock,
  user: { id: string; role: UserRole; adminRole: AdminRole | null },
  sessionId?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const now = clock.now().getTime();
  const expiresAt = new Date(now + ACCESS_TOKEN_TTL_MS);
  const token = signerFor(config.JWT_SECRET)({
    sub: user.id,
    iss: ISSUER,
    aud: AUDIENCE,
    role: user.role,
    adminRole: user.adminRole,
    ...(sessionId ? { sid: sessionId } : {}),
    iat: Math.floor(now / 1000),
    iat_ms: now,
    exp: Math.floor(expiresAt.getTime() / 1000),
  });
  return { token, expiresAt };
}

/** The claims of a valid token, or null for anything else (expired, tampered, other algorithm, other issuer). */
export async function verifyAccessToken(
  config: Pick<Config, 'JWT_SECRET'>,
  clock: Clock,
  token: string,
): Promise<AccessClaims | null> {
  let payload: Record<string, unknown>;
  try {
    payload = verifierFor(config.JWT_SECRET)(token);
  } catch (error) {
    if (error instanceof TokenError) return null;
    throw error;
  }
  const { sub, exp, iat, iat_ms: iatMs, sid } = payload;
  if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null;
  if (exp * 1000 <= clock.now().getTime()) return null;
  return {
    userId: sub,
    issuedAtMs: typeof iatMs === 'number' ? iatMs : iat * 1000,
    sessionId: typeof sid === 'string' ? sid : undefined,
  };
}

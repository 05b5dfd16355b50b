import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Kinds of opaque bearer secrets; the prefix tells them apart in logs and secret scanners. */
export const TOKEN_PREFIX = { refresh: 'cfr_', apiToken: 'cfp_' } as const;

/** A 256-bit random token with its kind's prefix; only its hash is stored. */
export function newSecretToken(kind: keyof typeof TOKEN_PREFIX): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** High-entropy tokens need no salt or slow hash: SHA-256 makes a stolen table useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Six-digit codes are guessable offline, so their hash is keyed with a server secret. */
export function hashCode(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`otp:${challengeId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

import type { Prisma } from '@prisma/client';
import { type CipherConfig, decryptSecret, encryptSecret } from './token-cipher.js';

/**
 * How a connected social account is shown and how its tokens are kept. The view never selects a token column,
 * so no route or DTO can leak one by accident; tokens are sealed per row and per field (see token-cipher.ts).
 */
export const SOCIAL_ACCOUNT_VIEW = {
  id: true,
  platform: true,
  handle: true,
  verificationStatus: true,
  tokenExpiresAt: true,
  createdAt: true,
} as const satisfies Prisma.SocialAccountSelect;

export type SocialAccountView = Prisma.SocialAccountGetPayload<{ select: typeof SOCIAL_ACCOUNT_VIEW }>;

export type TokenField = 'access' | 'refresh';

/** Binds a ciphertext to its row and column, so one copied elsewhere does not decrypt. */
export const tokenAad = (socialAccountId: string, field: TokenField) => `social-account:${socialAccountId}:${field}`;

/** The token columns of a row, sealed under the current key (which is also how rows move to a new key). */
export function sealTokens(
  config: CipherConfig,
  socialAccountId: string,
  tokens: { accessToken: string; refreshToken: string },
): { accessTokenEnc: string; refreshTokenEnc: string; encryptionKeyId: string } {
  return {
    accessTokenEnc: encryptSecret(config, tokens.accessToken, tokenAad(socialAccountId, 'access')),
    refreshTokenEnc: encryptSecret(config, tokens.refreshToken, tokenAad(socialAccountId, 'refresh')),
    encryptionKeyId: config.TOKEN_ENCRYPTION_KEY_ID,
  };
}

/** One token of a row in clear, for the outbound call that needs it; throws TokenDecryptionError. */
export function openToken(config: CipherConfig, socialAccountId: string, field: TokenField, sealed: string): string {
  return decryptSecret(config, sealed, tokenAad(socialAccountId, field));
}

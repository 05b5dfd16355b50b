import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';

/**
 * AES-256-GCM for third-party tokens kept at rest (TikTok access and refresh tokens).
 *
 * A value reads `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so the key that sealed it travels with
 * it: a rotated deployment still opens old values with TOKEN_ENCRYPTION_OLD_KEYS while new values use the
 * current key. The additional authenticated data names the row and field a value belongs to, so a ciphertext
 * copied into another row or column fails to open instead of handing one user's token to another.
 */
export type CipherConfig = Pick<
  Config,
  'TOKEN_ENCRYPTION_KEY' | 'TOKEN_ENCRYPTION_KEY_ID' | 'TOKEN_ENCRYPTION_OLD_KEYS'
>;

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A value that does not open: callers treat it as a lost token (reconnect), never as a server bug to retry. */
export class TokenDecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt the stored secret: ${reason}`);
    this.name = 'TokenDecryptionError';
  }
}

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  // config.ts checks this at start-up; a config built by hand (tests, scripts) gets the same guarantee here.
  if (key.length !== 32) throw new Error('A token encryption key must be 32 bytes.');
  return key;
}

/** Every key able to decrypt, by id; the current key wins over an old entry with the same id. */
function keyring(config: CipherConfig): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const pair of config.TOKEN_ENCRYPTION_OLD_KEYS?.split(',') ?? []) {
    const separator = pair.indexOf(':');
    if (separator > 0) keys.set(pair.slice(0, separator).trim(), decodeKey(pair.slice(separator + 1).trim()));
  }
  keys.set(config.TOKEN_ENCRYPTION_KEY_ID, decodeKey(config.TOKEN_ENCRYPTION_KEY));
  return keys;
}

/** Seals `plaintext` under the current key, bound to `aad` (e.g. `${socialAccountId}:access`). */
export function encryptSecret(config: CipherConfig, plaintext: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, decodeKey(config.TOKEN_ENCRYPTION_KEY), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, config.TOKEN_ENCRYPTION_KEY_ID, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The id of the key that sealed `value`, without opening it (to find rows still under an old key). */
export function keyIdOf(value: string): string | undefined {
  const [version, keyId] = value.split('.');
  return version === VERSION ? keyId : undefined;
}

/** Opens a value sealed by encryptSecret with the same `aad`; throws TokenDecryptionError otherwise. */
export function decryptSecret(config: CipherConfig, value: string, aad: string): string {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenDecryptionError('unknown format');
  const [, keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string, string];
  const key = keyring(config).get(keyId);
  if (!key) throw new TokenDecryptionError(`no key with id "${keyId}"`);
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  // A short tag would weaken GCM's check; Node accepts shorter tags unless told the length.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TokenDecryptionError('malformed value');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new TokenDecryptionError('tampered, or sealed for another row or field');
  }
}

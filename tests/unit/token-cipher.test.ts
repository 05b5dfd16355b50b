import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import {
  type CipherConfig,
  decryptSecret,
  encryptSecret,
  keyIdOf,
  TokenDecryptionError,
} from '../../server/modules/accounts/token-cipher.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const before: CipherConfig = { TOKEN_ENCRYPTION_KEY: keyA, TOKEN_ENCRYPTION_KEY_ID: 'k1' };
const rotated: CipherConfig = {
  TOKEN_ENCRYPTION_KEY: keyB,
  TOKEN_ENCRYPTION_KEY_ID: 'k2',
  TOKEN_ENCRYPTION_OLD_KEYS: `k1:${keyA}`,
};
const AAD = 'social-account:soc_1:access';

/** Replaces one dot-separated part of a sealed value, flipping a bit of its first byte. */
function flip(value: string, index: number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[index] as string, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token cipher', () => {
  it('round-trips under the current key, in the documented format', () => {
    const sealed = encryptSecret(before, 'act.secret-access-token', AAD);
    expect(sealed).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('secret-access-token');
    expect(keyIdOf(sealed)).toBe('k1');
    expect(decryptSecret(before, sealed, AAD)).toBe('act.secret-access-token');
  });

  it('uses a fresh IV every time', () => {
    const a = encryptSecret(before, 'same', AAD);
    const b = encryptSecret(before, 'same', AAD);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('round-trips empty and non-ASCII secrets', () => {
    for (const plaintext of ['', 'ünïcødé ✓', 'x'.repeat(5000)]) {
      expect(decryptSecret(before, encryptSecret(before, plaintext, AAD), AAD)).toBe(plaintext);
    }
  });

  it('refuses a tampered IV, tag or ciphertext', () => {
    const sealed = encryptSecret(before, 'act.secret', AAD);
    for (const index of [2, 3, 4]) {
      expect(() => decryptSecret(before, flip(sealed, index), AAD)).toThrow(TokenDecryptionError);
    }
  });

  it('refuses a value moved to another row or field (different AAD)', () => {
    const sealed = encryptSecret(before, 'act.secret', AAD);
    expect(() => decryptSecret(before, sealed, 'social-account:soc_2:access')).toThrow(TokenDecryptionError);
    expect(() => decryptSecret(before, sealed, 'social-account:soc_1:refresh')).toThrow(TokenDecryptionError);
  });

  it('refuses a truncated tag, a wrong version, a malformed value and a relabelled key id', () => {
    const sealed = encryptSecret(before, 'act.secret', AAD);
    const parts = sealed.split('.');
    const shortTag = [...parts.slice(0, 3), (parts[3] as string).slice(0, 8), parts[4]].join('.');
    expect(() => decryptSecret(before, shortTag, AAD)).toThrow(TokenDecryptionError);
    expect(() => decryptSecret(before, sealed.replace(/^v1\./, 'v2.'), AAD)).toThrow(TokenDecryptionError);
    expect(() => decryptSecret(before, 'not-a-sealed-value', AAD)).toThrow(TokenDecryptionError);
    // Claiming another key id does not help: that key does not open it.
    expect(() => decryptSecret(rotated, sealed.replace('.k1.', '.k2.'), AAD)).toThrow(TokenDecryptionError);
  });

  it('refuses a value sealed under a key id it does not know', () => {
    const sealed = encryptSecret(rotated, 'act.secret', AAD);
    expect(() => decryptSecret(before, sealed, AAD)).toThrow(/no key with id "k2"/);
  });

  it('opens values of the old key after rotation and seals new ones under the current key', () => {
    const old = encryptSecret(before, 'act.old', AAD);
    expect(decryptSecret(rotated, old, AAD)).toBe('act.old');
    const fresh = encryptSecret(rotated, 'act.new', AAD);
    expect(keyIdOf(fresh)).toBe('k2');
    expect(decryptSecret(rotated, fresh, AAD)).toBe('act.new');
    // Once the old key is retired, its values no longer open.
    const retired: CipherConfig = { TOKEN_ENCRYPTION_KEY: keyB, TOKEN_ENCRYPTION_KEY_ID: 'k2' };
    expect(() => decryptSecret(retired, old, AAD)).toThrow(TokenDecryptionError);
  });

  it('works with a configuration parsed from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      TOKEN_ENCRYPTION_KEY: keyB,
      TOKEN_ENCRYPTION_KEY_ID: 'k2',
      TOKEN_ENCRYPTION_OLD_KEYS: `k0:${randomBytes(32).toString('base64')},k1:${keyA}`,
    });
    expect(decryptSecret(config, encryptSecret(before, 'act.old', AAD), AAD)).toBe('act.old');
    expect(keyIdOf(encryptSecret(config, 'act.new', AAD))).toBe('k2');
  });
});

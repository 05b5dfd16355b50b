import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const realSecrets = {
  SESSION_SECRET: 'a'.repeat(40),
  JWT_SECRET: 'b'.repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DATABASE_URL: 'postgresql://app@db.internal:5432/contentflow',
  PUBLIC_URL: 'https://ops.contentflow.example',
  SMTP_URL: 'smtp://mail.internal:587',
};

describe('config', () => {
  it('has working development defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('rejects short secrets and a malformed encryption key', () => {
    const problems = problemsOf({ JWT_SECRET: 'short', TOKEN_ENCRYPTION_KEY: 'bm90LTMyLWJ5dGVz' });
    expect(problems.join('\n')).toMatch(/JWT_SECRET at least 32 characters/);
    expect(problems.join('\n')).toMatch(/TOKEN_ENCRYPTION_KEY must be 32 bytes/);
  });

  it('refuses to start in production with a default secret, naming it', () => {
    const { SESSION_SECRET: _omitted, ...others } = realSecrets;
    const problems = problemsOf({ NODE_ENV: 'production', ...others });
    expect(problems).toEqual(['SESSION_SECRET is the development default; set a real secret in production']);
  });

  it('requires DATABASE_URL in production', () => {
    const { DATABASE_URL: _omitted, ...others } = realSecrets;
    expect(problemsOf({ NODE_ENV: 'production', ...others })).toEqual(['DATABASE_URL is required in production']);
  });

  it('requires an https public URL in production, so cookies are Secure', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ...realSecrets,
      PUBLIC_URL: 'http://ops.contentflow.example',
    });
    expect(problems).toEqual(['PUBLIC_URL must be the https:// address users reach in production']);
  });

  it('refuses demo data in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ...realSecrets, SEED_DEMO_DATA: 'true' });
    expect(problems).toEqual(['SEED_DEMO_DATA would create accounts with a published password; not in production']);
  });

  it('requires real mail delivery in production', () => {
    const { SMTP_URL: _omitted, ...others } = realSecrets;
    expect(problemsOf({ NODE_ENV: 'production', ...others })[0]).toMatch(/^SMTP_URL is required in production/);
  });

  it('checks the TikTok pair and the format of earlier encryption keys', () => {
    const problems = problemsOf({ TIKTOK_CLIENT_KEY: 'key', TOKEN_ENCRYPTION_OLD_KEYS: 'k0:short' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['TIKTOK_CLIENT_SECRET', 'TOKEN_ENCRYPTION_OLD_KEYS']);
    const old = `k0:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ TOKEN_ENCRYPTION_OLD_KEYS: old }).TOKEN_ENCRYPTION_OLD_KEYS).toBe(old);
  });

  it('reads which proxies to trust, refusing to trust every one', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    for (const bad of ['true', 'anyone', '10.0.0.0/8;rm'])
      expect(problemsOf({ TRUST_PROXY: bad })[0]).toMatch(/^TRUST_PROXY/);
  });

  it('accepts a complete production environment', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...realSecrets }).NODE_ENV).toBe('production');
  });
});

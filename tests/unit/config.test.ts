import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { issueAccessToken, verifyAccessToken } from '../../server/modules/accounts/access-token.js';
import { systemClock } from '../../server/shared/clock.js';

// Development starts keep generated secrets in DATA_DIR: each test gets its own, never the checkout's .data.
const temp = mkdtempSync(path.join(tmpdir(), 'contentflow-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let dirs = 0;
const freshDataDir = () => path.join(temp, `data-${++dirs}`);
const load = (env: NodeJS.ProcessEnv) => loadConfig({ DATA_DIR: freshDataDir(), ...env });

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  // A fresh DATA_DIR unless the test names one: a configuration that passes after all must not touch the checkout.
  try {
    loadConfig({ DATA_DIR: freshDataDir(), ...env });
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
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.corsOrigins).toEqual([]);
    // Links name the address the server listens on; uploads live with the rest of the local state.
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.STORAGE_DIR).toBe(path.join(dataDir, 'uploads'));
  });

  it('derives the public URL from where the server listens unless PUBLIC_URL is set', () => {
    expect(load({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(load({ HOST: '::1', PORT: '8080' }).publicUrl).toBe('http://[::1]:8080');
    expect(load({ HOST: 'localhost' }).publicUrl).toBe('http://localhost:3000');
    expect(load({ PUBLIC_URL: 'https://ops.example' }).publicUrl).toBe('https://ops.example');
    expect(load({ STORAGE_DIR: '/srv/uploads' }).STORAGE_DIR).toBe('/srv/uploads');
  });

  it('treats empty variables as unset', () => {
    expect(load({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
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

  it('refuses to start in production without a secret, naming it', () => {
    const { SESSION_SECRET: _omitted, ...others } = realSecrets;
    const problems = problemsOf({ NODE_ENV: 'production', ...others });
    expect(problems).toEqual(['SESSION_SECRET is required in production']);
  });

  it('refuses the development secrets earlier versions published, in every mode', () => {
    const published = {
      SESSION_SECRET: 'dev-session-secret-change-me-0000000000',
      JWT_SECRET: 'dev-jwt-secret-change-me-000000000000000',
      TOKEN_ENCRYPTION_KEY: 'ZGV2LXRva2VuLWtleS1jaGFuZ2UtbWUtMDAwMDAwMDA=',
    };
    for (const mode of ['development', 'test', 'production']) {
      const problems = problemsOf({ ...realSecrets, NODE_ENV: mode, ...published });
      expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(Object.keys(published).sort());
      expect(problems[0]).toMatch(/is a published example value/);
    }
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
    expect(load({ TOKEN_ENCRYPTION_OLD_KEYS: old }).TOKEN_ENCRYPTION_OLD_KEYS).toBe(old);
  });

  it('reads which proxies to trust, refusing to trust every one', () => {
    expect(load({}).trustProxy).toBe('loopback');
    expect(load({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(load({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    for (const bad of ['true', 'anyone', '10.0.0.0/8;rm'])
      expect(problemsOf({ TRUST_PROXY: bad })[0]).toMatch(/^TRUST_PROXY/);
  });

  it('reads CORS_ORIGINS as exact origins', () => {
    const origins = 'https://app.example, http://localhost:5173';
    expect(load({ CORS_ORIGINS: origins }).corsOrigins).toEqual(['https://app.example', 'http://localhost:5173']);
    for (const bad of [
      '*',
      'https://app.example/',
      'https://app.example/path',
      'null',
      'app.example',
      'ftp://x',
      'https://u@app.example',
    ]) {
      expect(problemsOf({ CORS_ORIGINS: `https://ok.example,${bad}` })[0]).toMatch(/^CORS_ORIGINS must be origins/);
    }
  });

  it('accepts a complete production environment', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...realSecrets }).NODE_ENV).toBe('production');
  });
});

describe('secrets nobody configured', () => {
  it('are generated on first start, kept in DATA_DIR (0600) and reused; another DATA_DIR gets others', async () => {
    const dataDir = freshDataDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const again = loadConfig({ DATA_DIR: dataDir });
    const elsewhere = loadConfig({ DATA_DIR: freshDataDir() });
    expect(statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    for (const key of ['SESSION_SECRET', 'JWT_SECRET', 'TOKEN_ENCRYPTION_KEY'] as const) {
      expect(again[key]).toBe(first[key]);
      expect(elsewhere[key]).not.toBe(first[key]);
    }
    expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.TOKEN_ENCRYPTION_KEY, 'base64')).toHaveLength(32);

    const user = { id: 'usr_00000000000000000000000001', role: 'BRAND' as const, adminRole: null };
    const { token } = await issueAccessToken(first, systemClock, user);
    expect(await verifyAccessToken(again, systemClock, token)).toMatchObject({ userId: user.id });
    expect(await verifyAccessToken(elsewhere, systemClock, token)).toBeNull();
    const published = { JWT_SECRET: 'dev-jwt-secret-change-me-000000000000000' };
    const forged = await issueAccessToken(published, systemClock, { ...user, role: 'ADMIN' as const });
    expect(await verifyAccessToken(first, systemClock, forged.token)).toBeNull();
  });

  it('fill in only what is missing; configured ones win, and tests get throwaway ones', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: realSecrets.JWT_SECRET });
    expect(config.JWT_SECRET).toBe(realSecrets.JWT_SECRET);
    expect(config.SESSION_SECRET).toBe(loadConfig({ DATA_DIR: dataDir }).SESSION_SECRET);

    // Tests: one set for the whole process, never written anywhere.
    const throwaway = freshDataDir();
    const a = loadConfig({ NODE_ENV: 'test', DATA_DIR: throwaway });
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: freshDataDir() }).JWT_SECRET).toBe(a.JWT_SECRET);
    expect(a.JWT_SECRET).not.toBe(config.JWT_SECRET);
    expect(a.JWT_SECRET).not.toMatch(/change-me/);
    expect(() => statSync(throwaway)).toThrow();
  });

  it('names a damaged secrets file instead of replacing it', () => {
    const dataDir = freshDataDir();
    loadConfig({ DATA_DIR: dataDir });
    writeFileSync(path.join(dataDir, 'secrets.json'), '{"JWT_SECRET": "short"}');
    expect(problemsOf({ DATA_DIR: dataDir })[0]).toMatch(/secrets\.json is damaged/);
  });
});

import path from 'node:path';
import { z } from 'zod';
import { generateSecrets, type LocalSecrets, localSecrets } from './local-secrets.js';

/**
 * The environment, parsed once. Defaults make `npm start` work on a bare machine: secrets left unset are generated
 * once and kept in DATA_DIR (local-secrets.ts). Production must set every secret.
 */
// Development defaults of earlier versions, published in this repository: refused everywhere, since anyone can sign
// with them.
const PUBLISHED_SECRETS = {
  SESSION_SECRET: 'dev-session-secret-change-me-0000000000',
  JWT_SECRET: 'dev-jwt-secret-change-me-000000000000000',
  TOKEN_ENCRYPTION_KEY: 'ZGV2LXRva2VuLWtleS1jaGFuZ2UtbWUtMDAwMDAwMDA=',
} as const;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65_535).default(54_329),
    SEED_DEMO_DATA: bool.optional(),
    JSON_BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/i, 'like 100kb or 1mb')
      .default('100kb'),
    SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .optional(),
    // Key id of TOKEN_ENCRYPTION_KEY, stored beside each ciphertext so keys can rotate.
    TOKEN_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/, 'lower-case letters, digits and dashes')
      .default('k1'),
    // Earlier keys still able to decrypt: "id:base64key,id:base64key".
    TOKEN_ENCRYPTION_OLD_KEYS: z
      .string()
      .refine(
        (v) =>
          v
            .split(',')
            .every((p) => /^[a-z0-9-]{1,32}:/.test(p) && Buffer.from(p.split(':')[1] ?? '', 'base64').length === 32),
        'must be "id:base64key" pairs separated by commas, each key 32 bytes',
      )
      .optional(),
    // Outgoing mail. Unset: a development mailbox in the database (visible in the back office and the log).
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('ContentFlow <no-reply@contentflow.local>'),
    // Requests per minute from one IP to each /auth route; failed logins per account per hour.
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
    LOGIN_FAILURES_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(100),
    // One-time codes sent (sign-up, reset, resend) per IP per hour.
    OTP_SENDS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
    // TikTok OAuth (Login Kit). Unset client key: connecting TikTok accounts is switched off.
    TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
    TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
    TIKTOK_AUTH_URL: z.url().default('https://www.tiktok.com/v2/auth/authorize/'),
    TIKTOK_API_URL: z.url().default('https://open.tiktokapis.com'),
    // Which proxies' X-Forwarded-For to believe for the client IP (rate limits, audit): "loopback", a hop count,
    // or addresses/CIDRs (comma-separated, may include loopback, linklocal, uniquelocal); "false" for none.
    TRUST_PROXY: z
      .string()
      .refine(
        (v) =>
          v === 'false' ||
          /^\d{1,2}$/.test(v) ||
          v.split(',').every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i.test(p.trim())),
        'a hop count, "false", or addresses/CIDRs (loopback, linklocal, uniquelocal allowed); never "true"',
      )
      .default('loopback'),
    // Object storage (uploads). S3_BUCKET set: any S3-API service; unset: files under STORAGE_DIR, served by the app.
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: bool.default(false),
    // Unset: DATA_DIR/uploads.
    STORAGE_DIR: z.string().min(1).optional(),
    // Signs the local driver's URLs; unset: derived from JWT_SECRET (which production requires to be real).
    STORAGE_SIGNING_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    // Lifetime of presigned upload and download URLs; never more than 15 minutes.
    STORAGE_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
    // Browser origins of other sites allowed to call the API (with credentials): "https://a.example,https://b.example".
    CORS_ORIGINS: z
      .string()
      .refine(
        (v) =>
          v
            .split(',')
            .map((o) => o.trim())
            .every((o) => /^https?:\/\//.test(o) && URL.canParse(o) && new URL(o).origin === o),
        'must be origins (http(s)://host[:port], no path or trailing slash) separated by commas',
      )
      .optional(),
    // A create sent with an Idempotency-Key and unanswered this long is taken to have died; a retry redoes it.
    IDEMPOTENCY_ABANDONED_AFTER_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
    JOBS_ENABLED: bool.default(true),
    // How long /readyz answers 503 before the listener closes, so a load balancer stops routing here first.
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  })
  .superRefine((env, ctx) => {
    if (env.TIKTOK_CLIENT_KEY && !env.TIKTOK_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TIKTOK_CLIENT_SECRET'], message: 'is required with TIKTOK_CLIENT_KEY' });
    }
    const s3Keys = ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    for (const key of env.S3_BUCKET ? s3Keys.filter((k) => !env[k]) : []) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is required with S3_BUCKET' });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.S3_ACCESS_KEY_ID || env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when other S3_ variables are set' });
    }
    for (const [key, value] of Object.entries(PUBLISHED_SECRETS)) {
      if (env[key as keyof typeof PUBLISHED_SECRETS] === value) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is a published example value; unset it (one is then generated in DATA_DIR) or set your own',
        });
      }
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of Object.keys(PUBLISHED_SECRETS) as Array<keyof typeof PUBLISHED_SECRETS>) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' });
    }
    if (!env.PUBLIC_URL?.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'must be the https:// address users reach in production',
      });
    }
    if (!env.SMTP_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message: 'is required in production (the development mailbox would keep sign-up codes from users)',
      });
    }
    if (env.SEED_DEMO_DATA) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEED_DEMO_DATA'],
        message: 'would create accounts with a published password; not in production',
      });
    }
  });

type Parsed = z.infer<typeof schema>;
export type Config = Omit<Parsed, keyof LocalSecrets | 'STORAGE_DIR' | 'CORS_ORIGINS'> &
  LocalSecrets & {
    STORAGE_DIR: string;
    /** PUBLIC_URL, else the address the server listens on (runtime.ts fills in the port PORT=0 picked). */
    publicUrl: string;
    trustProxy: boolean | number | string;
    /** CORS_ORIGINS as a list; empty: no other site may call the API from a browser. */
    corsOrigins: string[];
  };

/** The URL of a server listening on host:port, as this machine reaches it. */
export function listeningUrl(host: string, port: number): string {
  // Listening on every interface: loopback reaches it (`localhost` may resolve to ::1 where only IPv4 listens).
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`));
  }
  const { CORS_ORIGINS, ...c } = parsed.data;
  const trustProxy =
    c.TRUST_PROXY === 'false' ? false : /^\d+$/.test(c.TRUST_PROXY) ? Number(c.TRUST_PROXY) : c.TRUST_PROXY;
  return {
    ...c,
    ...secretsOf(c),
    STORAGE_DIR: c.STORAGE_DIR ?? path.join(c.DATA_DIR, 'uploads'),
    publicUrl: c.PUBLIC_URL ?? listeningUrl(c.HOST, c.PORT),
    trustProxy,
    corsOrigins: CORS_ORIGINS ? CORS_ORIGINS.split(',').map((o) => o.trim()) : [],
  };
}

// Under NODE_ENV=test: one throwaway set per process, so apps built side by side in a test accept each other's tokens.
let testSecrets: LocalSecrets | undefined;

/** The configured secrets; any missing (never in production) from DATA_DIR, or throwaway ones under NODE_ENV=test. */
function secretsOf(c: Parsed): LocalSecrets {
  const { SESSION_SECRET, JWT_SECRET, TOKEN_ENCRYPTION_KEY } = c;
  if (SESSION_SECRET && JWT_SECRET && TOKEN_ENCRYPTION_KEY) return { SESSION_SECRET, JWT_SECRET, TOKEN_ENCRYPTION_KEY };
  let generated: LocalSecrets;
  if (c.NODE_ENV === 'test') {
    testSecrets ??= generateSecrets();
    generated = testSecrets;
  } else {
    try {
      generated = localSecrets(c.DATA_DIR);
    } catch (error) {
      throw new ConfigError([(error as Error).message]);
    }
  }
  return {
    SESSION_SECRET: SESSION_SECRET ?? generated.SESSION_SECRET,
    JWT_SECRET: JWT_SECRET ?? generated.JWT_SECRET,
    TOKEN_ENCRYPTION_KEY: TOKEN_ENCRYPTION_KEY ?? generated.TOKEN_ENCRYPTION_KEY,
  };
}

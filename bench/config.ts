// The configuration of the app target, shared with the runner so it can mint access tokens the app accepts.
import { type Config, loadConfig } from '../server/config.js';
import { issueAccessToken } from '../server/modules/accounts/access-token.js';
import type { AdminRole, UserRole } from '../server/modules/accounts/actor.js';
import { systemClock } from '../server/shared/clock.js';

const secret = 'bench-secret-'.padEnd(32, 'x');

export function benchConfig(databaseUrl: string): Config {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'https://bench.contentflow.example',
    SMTP_URL: 'smtp://127.0.0.1:9',
    SESSION_SECRET: secret,
    JWT_SECRET: secret,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  });
}

/** `Authorization` header for the user, as the app's sign-in would issue it (15-minute access token). */
export async function bearerFor(user: { id: string; role: UserRole; adminRole: AdminRole | null }) {
  const { token } = await issueAccessToken({ JWT_SECRET: secret }, systemClock, user);
  return { authorization: `Bearer ${token}` };
}

export const BENCH_JWT_SECRET = secret;

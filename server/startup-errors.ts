import { ConfigError } from './config.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';
import { MigrationError } from './database/migrations.js';

export class StartupError extends Error {
  override name = 'StartupError';
}

// PostgreSQL and socket error codes that mean "the database cannot be used", with what to tell the operator.
const DATABASE_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'the host name does not resolve',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  '28P01': 'the password was rejected',
  '28000': 'the role may not log in',
  '3D000': 'the database does not exist',
};

/** One line an operator can act on, or undefined for a bug (whose stack is then worth printing). */
export function explainStartupError(error: unknown): string | undefined {
  if ([ConfigError, EmbeddedPostgresError, MigrationError, StartupError].some((k) => error instanceof k)) {
    return (error as Error).message;
  }
  const code = (error as { code?: string } | null)?.code;
  if (code && code in DATABASE_PROBLEMS) {
    return `cannot use the database: ${DATABASE_PROBLEMS[code]} (${code}); check DATABASE_URL`;
  }
  return undefined;
}

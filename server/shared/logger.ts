import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

// Keys whose values never reach the logs, at any depth up to four levels (pino's redaction is path-based).
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'apiToken',
  'secret',
  'clientSecret',
  'otp',
  'codeVerifier',
];

/** Paths never written to logs: credentials, cookies, tokens and passwords, wherever they appear. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

/** Errors as what an operator needs; driver errors carry whole client objects that would flood the log. */
function serializeError(err: unknown) {
  if (!(err instanceof Error)) return err;
  const { code, detail } = err as Error & { code?: string; detail?: string };
  return { type: err.name, message: err.message, code, detail, stack: err.stack };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    base: undefined,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Typed application errors with stable codes. Every transport maps a code once:
 * HTTP to a status (server/http/problem.ts), the CLI to an exit code, AdminJS to a notice.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  EMAIL_NOT_VERIFIED: 403,
  ACCOUNT_SUSPENDED: 403,
  OTP_INVALID: 400,
  OTP_EXPIRED: 400,
  OTP_EXHAUSTED: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to the caller; `message` may carry internal detail for logs. */
  readonly publicMessage: string;
  readonly issues?: FieldIssue[];
  /** For RATE_LIMITED: when the caller may try again (the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    publicMessage: string,
    options: { cause?: unknown; issues?: FieldIssue[]; internal?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.internal ?? publicMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.publicMessage = publicMessage;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/**
 * Typed application errors with stable codes. Every transport maps a code once:
 * HTTP to a status (server/http/problem.ts), the CLI to an exit code, AdminJS to a notice.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
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

  constructor(
    code: ErrorCode,
    publicMessage: string,
    options: { cause?: unknown; issues?: FieldIssue[]; internal?: string } = {},
  ) {
    super(options.internal ?? publicMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.publicMessage = publicMessage;
    this.issues = options.issues;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, type ErrorCode, type FieldIssue } from '../shared/errors.js';

/** RFC 9457 problem details. Never carries stacks, SQL or internal messages. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

const TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Authentication required',
  INVALID_CREDENTIALS: 'Invalid credentials',
  FORBIDDEN: 'Forbidden',
  EMAIL_NOT_VERIFIED: 'E-mail address not verified',
  ACCOUNT_SUSPENDED: 'Account suspended',
  OTP_INVALID: 'Invalid code',
  OTP_EXPIRED: 'Code expired',
  OTP_EXHAUSTED: 'Too many wrong codes',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Internal server error',
};

/** Turns anything thrown into an AppError: ours as they are, body-parser and zod errors by kind, the rest 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    // Unknown fields arrive as one issue listing the keys; name each field instead.
    const issues = error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ path: [...i.path, key].join('.'), message: 'is not a known field' }))
        : [{ path: i.path.join('.'), message: i.message }],
    );
    return new AppError('VALIDATION_FAILED', 'The request has invalid fields.', { issues });
  }
  const { type, status, expose } = (error ?? {}) as { type?: string; status?: unknown; expose?: unknown };
  if (type === 'entity.parse.failed') return new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported request charset or Content-Encoding.', { cause: error });
  }
  // Anything else body-parser or the router refuses as the caller's fault: a body that does not inflate as its
  // Content-Encoding says (http-errors, marked `expose`), a path parameter that does not decode (a URIError with a
  // status). Their messages stay in the log.
  const callersFault = expose === true || error instanceof URIError;
  if (callersFault && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('BAD_REQUEST', 'The request could not be read.', { cause: error });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side.', { cause: error });
}

export function toProblem(error: AppError, context: { instance?: string; requestId?: string } = {}): Problem {
  return {
    type: `urn:contentflow:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    detail: error.publicMessage,
    ...context,
    ...(error.issues ? { errors: error.issues } : {}),
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}.`));
};

/** The path alone: a query string may carry secrets (an OAuth callback's code and state) that answers never echo. */
const pathOf = (url: string) => url.split('?', 1)[0];

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  // 5xx are our bugs or outages: log them as errors with the cause; 4xx are the caller's, info is enough.
  if (appError.status >= 500) req.log?.error({ err: appError.cause ?? error }, 'request failed');
  else req.log?.info({ code: appError.code }, 'request refused');
  if (res.headersSent) return;
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  if (appError.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(appError.retryAfterSeconds));
  res
    .status(appError.status)
    .type('application/problem+json')
    .send(JSON.stringify(toProblem(appError, { instance: pathOf(req.originalUrl), requestId })));
};

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { RequestInfo } from '../modules/context.js';
import { newId } from '../shared/ids.js';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuses a well-formed X-Request-Id from a proxy, else mints one; echoed back so clients can quote it. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : newId('req');
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Where a request came from, as use cases record it (audit events, per-client limits). */
export function requestInfoOf(req: Request): RequestInfo {
  return { requestId: typeof req.id === 'string' ? req.id : undefined, ip: req.ip, userAgent: req.get('user-agent') };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { newId } from '../shared/ids.js';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuses a well-formed X-Request-Id from a proxy, else mints one; echoed back so clients can quote it. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : newId('req');
  res.setHeader('X-Request-Id', id);
  return id;
}

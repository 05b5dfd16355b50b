import { parse } from 'cookie';
import type { Request } from 'express';

/** One cookie of the request, by name (the API's session cookies, the back office's session cookie). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parse(header)[name] : undefined;
}

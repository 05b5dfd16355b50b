import type { Request } from 'express';
import type { Config } from '../config.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isUnsafe = (req: Request) => !SAFE_METHODS.has(req.method);

/** The origin a browser says the request comes from: Origin, else the Referer's origin. */
function sourceOrigin(req: Request): string | undefined {
  const origin = req.get('origin');
  if (origin) return origin;
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** Whether the request comes from our own pages: the public URL's origin or the host it was sent to. */
export function isOwnOrigin(req: Request, config: Config): boolean {
  const source = sourceOrigin(req);
  if (!source) return false;
  return source === new URL(config.publicUrl).origin || source === `${req.protocol}://${req.get('host')}`;
}

/**
 * Our own pages or a site trusted with CORS_ORIGINS: who may call the API with cookies. The back office trusts
 * only its own pages (isOwnOrigin).
 */
export function isTrustedOrigin(req: Request, config: Config): boolean {
  if (isOwnOrigin(req, config)) return true;
  const source = sourceOrigin(req);
  return source !== undefined && config.corsOrigins.includes(source);
}

import type { CookieOptions, Request, Response } from 'express';
import type { Config } from '../config.js';
import { readCookie } from '../web/cookies.js';

export const ACCESS_COOKIE = 'cf_at';
export const REFRESH_COOKIE = 'cf_rt';
// The refresh token only travels to the routes that use it.
const REFRESH_PATH = '/api/v1/auth';

export const readRefreshCookie = (req: Request) => readCookie(req, REFRESH_COOKIE);

function base(config: Config): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https://') };
}

export function setSessionCookies(
  res: Response,
  config: Config,
  tokens: { accessToken: string; accessTokenExpiresAt: Date; refreshToken: string; refreshTokenExpiresAt: Date },
): void {
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base(config), path: '/', expires: tokens.accessTokenExpiresAt });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, {
    ...base(config),
    path: REFRESH_PATH,
    expires: tokens.refreshTokenExpiresAt,
  });
}

export function clearSessionCookies(res: Response, config: Config): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(config), path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base(config), path: REFRESH_PATH });
}

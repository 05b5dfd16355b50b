import type { Request, Response } from 'express';
import type { Config } from '../../config.js';
import { login } from '../../modules/accounts/login.js';
import { logout } from '../../modules/accounts/logout.js';
import { refreshSession } from '../../modules/accounts/refresh-session.js';
import { registerUser } from '../../modules/accounts/register-user.js';
import { resendOtp } from '../../modules/accounts/resend-otp.js';
import { requestPasswordReset, resetPassword } from '../../modules/accounts/reset-password.js';
import * as r from '../../modules/accounts/response-schemas.js';
import * as s from '../../modules/accounts/schemas.js';
import type { SessionTokens } from '../../modules/accounts/sessions.js';
import { verifySignup } from '../../modules/accounts/verify-signup.js';
import { AppError } from '../../shared/errors.js';
import { assertSameOrigin } from '../authenticate.js';
import { clearSessionCookies, readRefreshCookie, setSessionCookies } from '../cookies.js';
import { defineRoute } from '../route.js';

const ACCEPTED = {
  status: 'accepted',
  detail: 'If the address can receive a code, one is on its way. Codes expire after 10 minutes.',
};

/** Cookies for browsers; tokens in the body for API clients. */
function sessionBody(res: Response, config: Config, tokens: SessionTokens, transport: 'cookie' | 'bearer') {
  if (transport === 'bearer') return { tokenType: 'Bearer', ...tokens };
  setSessionCookies(res, config, tokens);
  return { accessTokenExpiresAt: tokens.accessTokenExpiresAt };
}

/** The refresh token from the body (API clients) or the cookie (browsers, which must be on our origin). */
function refreshTokenOf(req: Request, config: Config, body: { refreshToken?: string }) {
  if (body.refreshToken) return { token: body.refreshToken, fromCookie: false };
  const cookie = readRefreshCookie(req);
  if (cookie) assertSameOrigin(req, config);
  return { token: cookie, fromCookie: true };
}

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/auth/register',
    tag: 'auth',
    summary: 'Create an unverified BRAND or CLIPPER account and e-mail a six-digit code',
    auth: 'public',
    limits: ['auth', 'otp-send'],
    body: s.registerInput,
    status: 202,
    response: r.acceptedResponse,
    handle: async ({ ctx, body }) => {
      await registerUser(ctx, body);
      return ACCEPTED;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/verify-otp',
    tag: 'auth',
    summary: 'Activate the account with the e-mailed code',
    auth: 'public',
    limits: ['auth'],
    body: s.verifyOtpInput,
    response: r.verifiedResponse,
    handle: async ({ ctx, body }) => {
      await verifySignup(ctx, body);
      return { status: 'verified' };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/resend-otp',
    tag: 'auth',
    summary: 'Send a new sign-up or reset code (at most one a minute)',
    auth: 'public',
    limits: ['auth', 'otp-send'],
    body: s.resendOtpInput,
    status: 202,
    response: r.acceptedResponse,
    handle: async ({ ctx, body }) => {
      await resendOtp(ctx, body);
      return ACCEPTED;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in: a 15-minute access token and a 30-day rotating refresh token',
    auth: 'public',
    limits: ['auth'],
    body: s.loginInput,
    response: r.loginResponse,
    errors: {
      401: 'The e-mail address or password is wrong (INVALID_CREDENTIALS).',
      403: 'The address is not verified yet (EMAIL_NOT_VERIFIED), or the account is suspended (ACCOUNT_SUSPENDED).',
      429: 'Also after too many failed sign-ins for this account.',
    },
    handle: async ({ ctx, body, res }) => {
      const { user, tokens } = await login(ctx, body);
      return { user, ...sessionBody(res, ctx.config, tokens, body.transport) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    summary: 'Rotate the refresh token; a reused one revokes its whole family',
    auth: 'public',
    limits: ['auth'],
    body: s.refreshInput,
    response: r.sessionResponse,
    errors: {
      401: 'No refresh token, or one that is unknown, expired, reused or revoked: sign in again (UNAUTHENTICATED).',
    },
    handle: async ({ ctx, body, req, res }) => {
      const { token, fromCookie } = refreshTokenOf(req, ctx.config, body);
      if (!token) throw new AppError('UNAUTHENTICATED', 'No refresh token: sign in again.');
      const tokens = await refreshSession(ctx, token);
      // A cookie's refresh token never comes back readable by scripts, whatever the body asks for.
      const transport = fromCookie ? 'cookie' : (body.transport ?? 'bearer');
      return sessionBody(res, ctx.config, tokens, transport);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary: 'End the session and refuse access tokens issued before now',
    auth: 'public',
    limits: ['auth'],
    body: s.logoutInput,
    status: 204,
    handle: async ({ ctx, actor, body, req, res }) => {
      const { token } = refreshTokenOf(req, ctx.config, body);
      await logout(ctx, actor, token);
      clearSessionCookies(res, ctx.config);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password-reset/request',
    tag: 'auth',
    summary: 'E-mail a password reset code',
    auth: 'public',
    limits: ['auth', 'otp-send'],
    body: s.resetRequestInput,
    status: 202,
    response: r.acceptedResponse,
    handle: async ({ ctx, body }) => {
      await requestPasswordReset(ctx, body);
      return ACCEPTED;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password-reset/confirm',
    tag: 'auth',
    summary: 'Set a new password with the reset code; every session ends',
    auth: 'public',
    limits: ['auth'],
    body: s.resetConfirmInput,
    status: 204,
    handle: async ({ ctx, body }) => {
      await resetPassword(ctx, body);
    },
  }),
];

import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../../config.js';
import { AppError } from '../../../shared/errors.js';
import type { Services } from '../../context.js';

/**
 * TikTok Login Kit (OAuth 2.0 v2) and the one Display API call we need. Every call goes through
 * `services.fetch` with a timeout, and every refusal becomes an AppError with a generic public message:
 * SERVICE_UNAVAILABLE when TikTok or our own client credentials are at fault (worth retrying or alerting on),
 * BAD_REQUEST when TikTok refused this user's code or token (only a new authorization helps).
 */
export const TIKTOK_SCOPE = 'user.info.basic';
const TIMEOUT_MS = 10_000;

type TikTokServices = Pick<Services, 'config' | 'fetch'>;
type TikTokConfig = Pick<Config, 'TIKTOK_CLIENT_KEY' | 'TIKTOK_CLIENT_SECRET'>;

export interface TikTokTokens {
  openId: string;
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  refreshExpiresInSeconds: number;
  scope: string;
}

export interface TikTokUser {
  openId: string;
  displayName: string;
}

/** The app's client credentials; unset means the feature is switched off. */
export function tiktokCredentials(config: TikTokConfig): { clientKey: string; clientSecret: string } {
  if (!config.TIKTOK_CLIENT_KEY || !config.TIKTOK_CLIENT_SECRET) {
    throw new AppError('SERVICE_UNAVAILABLE', 'TikTok connection is not configured.');
  }
  return { clientKey: config.TIKTOK_CLIENT_KEY, clientSecret: config.TIKTOK_CLIENT_SECRET };
}

/** Must match, byte for byte, a redirect URI registered for the app at TikTok and the one sent to authorize. */
export function tiktokRedirectUri(config: Pick<Config, 'publicUrl'>): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/api/v1/social/tiktok/callback`;
}

/** A PKCE verifier: 32 random bytes as 43 base64url characters, inside RFC 7636's alphabet and length. */
export const newPkceVerifier = () => randomBytes(32).toString('base64url');

/** The S256 challenge of a verifier. */
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** Where to send the browser to ask the user for access. */
export function tiktokAuthorizationUrl(
  config: TikTokConfig & Pick<Config, 'TIKTOK_AUTH_URL' | 'publicUrl'>,
  input: { state: string; codeChallenge: string },
): string {
  const url = new URL(config.TIKTOK_AUTH_URL);
  url.searchParams.set('client_key', tiktokCredentials(config).clientKey);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', TIKTOK_SCOPE);
  url.searchParams.set('redirect_uri', tiktokRedirectUri(config));
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  open_id: z.string().min(1),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number().int().positive(),
  scope: z.string(),
  token_type: z.string(),
});

const userInfoResponse = z.object({
  data: z.object({ user: z.object({ open_id: z.string().min(1), display_name: z.string() }) }),
});

const toTokens = (body: z.infer<typeof tokenResponse>): TikTokTokens => ({
  openId: body.open_id,
  accessToken: body.access_token,
  refreshToken: body.refresh_token,
  expiresInSeconds: body.expires_in,
  refreshExpiresInSeconds: body.refresh_expires_in,
  scope: body.scope,
});

/** Trades an authorization code (and the PKCE verifier that goes with it) for tokens. */
export async function exchangeTikTokCode(
  services: TikTokServices,
  input: { code: string; codeVerifier: string },
): Promise<TikTokTokens> {
  const { clientKey, clientSecret } = tiktokCredentials(services.config);
  const body = await postForm(services, 'token exchange', '/v2/oauth/token/', {
    client_key: clientKey,
    client_secret: clientSecret,
    code: input.code,
    grant_type: 'authorization_code',
    redirect_uri: tiktokRedirectUri(services.config),
    code_verifier: input.codeVerifier,
  });
  return toTokens(parse(tokenResponse, body, 'token exchange'));
}

/** New tokens for a refresh token; TikTok may rotate the refresh token too, so store both. */
export async function refreshTikTokTokens(services: TikTokServices, refreshToken: string): Promise<TikTokTokens> {
  const { clientKey, clientSecret } = tiktokCredentials(services.config);
  const body = await postForm(services, 'token refresh', '/v2/oauth/token/', {
    client_key: clientKey,
    client_secret: clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  return toTokens(parse(tokenResponse, body, 'token refresh'));
}

export async function fetchTikTokUser(services: TikTokServices, accessToken: string): Promise<TikTokUser> {
  const body = await call(services, 'user info', '/v2/user/info/?fields=open_id,display_name', {
    method: 'GET',
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  const { user } = parse(userInfoResponse, body, 'user info').data;
  return { openId: user.open_id, displayName: user.display_name };
}

/** Ends the app's access for this user at TikTok. */
export async function revokeTikTokToken(services: TikTokServices, accessToken: string): Promise<void> {
  const { clientKey, clientSecret } = tiktokCredentials(services.config);
  await postForm(services, 'revoke', '/v2/oauth/revoke/', {
    client_key: clientKey,
    client_secret: clientSecret,
    token: accessToken,
  });
}

function postForm(services: TikTokServices, what: string, path: string, form: Record<string, string>) {
  return call(services, what, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Cache-Control': 'no-cache' },
    body: new URLSearchParams(form).toString(),
  });
}

const unavailable = (internal: string, cause?: unknown) =>
  new AppError('SERVICE_UNAVAILABLE', 'TikTok is not available right now; try again in a moment.', { internal, cause });

async function call(services: TikTokServices, what: string, path: string, init: RequestInit): Promise<unknown> {
  // Appended, not resolved: a base URL with a path (a proxy, a fake) keeps it.
  const url = `${services.config.TIKTOK_API_URL.replace(/\/+$/, '')}${path}`;
  let response: Response;
  let text: string;
  try {
    response = await services.fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    throw unavailable(`TikTok ${what} failed: ${(error as Error).message}`, error);
  }
  let body: unknown = {};
  try {
    if (text.trim()) body = JSON.parse(text);
  } catch {
    throw unavailable(`TikTok ${what}: HTTP ${response.status} with a body that is not JSON`);
  }
  // OAuth endpoints answer {error, error_description, log_id}; the Display API {error: {code, message, log_id}}
  // with code "ok" on success. Either may come with HTTP 200.
  const { error, error_description: description, log_id: logId } = (body ?? {}) as Record<string, unknown>;
  const apiError = error && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
  const code = typeof error === 'string' ? error : apiError && apiError.code !== 'ok' ? String(apiError.code) : '';
  if (response.ok && !code) return body;
  const detail = `TikTok ${what} refused: HTTP ${response.status} ${code} ${description ?? apiError?.message ?? ''} (log ${logId ?? apiError?.log_id ?? '-'})`;
  // Our credentials, TikTok's health and its rate limits are ours to fix or wait out, not the user's.
  if (
    response.status >= 500 ||
    response.status === 429 ||
    code === 'invalid_client' ||
    code === 'rate_limit_exceeded'
  ) {
    throw unavailable(detail);
  }
  throw new AppError('BAD_REQUEST', 'TikTok did not accept the authorization; connect the account again.', {
    internal: detail,
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unavailable(`TikTok ${what}: unexpected answer shape`);
  return parsed.data;
}

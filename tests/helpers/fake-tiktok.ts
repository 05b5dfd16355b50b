import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for TikTok's OAuth v2 and Display API on 127.0.0.1, strict where TikTok is: client
 * credentials, single-use codes bound to a redirect URI and a PKCE challenge, refresh tokens that rotate, bearer
 * tokens that must be current. Tests play the browser: `authorize()` is the user pressing "Authorize" for a
 * challenge, and answers the code TikTok would append to the redirect URI.
 */
export interface FakeTikTokCall {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  authorization?: string;
}

export interface FakeTikTokTokens {
  accessToken: string;
  refreshToken: string;
}

export interface FakeTikTok {
  url: string;
  clientKey: string;
  clientSecret: string;
  calls: FakeTikTokCall[];
  callsTo(path: string): FakeTikTokCall[];
  authorize(input: { codeChallenge: string; redirectUri: string; openId: string; displayName: string }): string;
  /** The newest valid tokens of a TikTok user, if any. */
  tokensOf(openId: string): FakeTikTokTokens | undefined;
  /** Ends every grant of a user, as when they remove the app in TikTok's settings. */
  forget(openId: string): void;
  /** The next request to `path` gets this answer instead (then the fake behaves again). */
  failNext(path: string, status: number, body?: unknown): void;
  close(): Promise<void>;
}

interface Grant extends FakeTikTokTokens {
  openId: string;
  displayName: string;
}

const ACCESS_TTL_S = 86_400;
const REFRESH_TTL_S = 31_536_000;
const secret = (prefix: string) => `${prefix}.${randomBytes(24).toString('base64url')}`;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export async function startFakeTikTok(): Promise<FakeTikTok> {
  const clientKey = 'fake-client-key';
  const clientSecret = 'fake-client-secret';
  const calls: FakeTikTokCall[] = [];
  const codes = new Map<string, { codeChallenge: string; redirectUri: string; openId: string; displayName: string }>();
  let grants: Grant[] = [];
  const failures = new Map<string, Array<{ status: number; body: unknown }>>();

  const oauthError = (error: string, description: string) => ({
    error,
    error_description: description,
    log_id: randomBytes(8).toString('hex'),
  });

  function issue(openId: string, displayName: string): Grant {
    const grant = { openId, displayName, accessToken: secret('act'), refreshToken: secret('rft') };
    grants.push(grant);
    return grant;
  }

  const tokenBody = (grant: Grant) => ({
    access_token: grant.accessToken,
    expires_in: ACCESS_TTL_S,
    open_id: grant.openId,
    refresh_token: grant.refreshToken,
    refresh_expires_in: REFRESH_TTL_S,
    scope: 'user.info.basic',
    token_type: 'Bearer',
  });

  function token(form: Record<string, string>): [number, unknown] {
    if (form.client_key !== clientKey || form.client_secret !== clientSecret) {
      return [401, oauthError('invalid_client', 'Client key or secret is incorrect.')];
    }
    // TikTok answers some grant errors with HTTP 200 and an error body; clients must read the body either way.
    if (form.grant_type === 'authorization_code') {
      const entry = codes.get(form.code ?? '');
      codes.delete(form.code ?? ''); // single use, even when the rest is wrong
      if (!entry) return [200, oauthError('invalid_grant', 'Authorization code is expired or used.')];
      if (form.redirect_uri !== entry.redirectUri) return [200, oauthError('invalid_grant', 'Redirect URI mismatch.')];
      if (!form.code_verifier || s256(form.code_verifier) !== entry.codeChallenge) {
        return [200, oauthError('invalid_grant', 'Code verifier does not match the code challenge.')];
      }
      return [200, tokenBody(issue(entry.openId, entry.displayName))];
    }
    if (form.grant_type === 'refresh_token') {
      const grant = grants.find((g) => g.refreshToken === form.refresh_token);
      if (!grant) return [200, oauthError('invalid_grant', 'Refresh token is invalid or expired.')];
      grant.accessToken = secret('act');
      grant.refreshToken = secret('rft');
      return [200, tokenBody(grant)];
    }
    return [400, oauthError('unsupported_grant_type', 'Unsupported grant type.')];
  }

  function userInfo(call: FakeTikTokCall): [number, unknown] {
    const grant = grants.find((g) => `Bearer ${g.accessToken}` === call.authorization);
    const logId = randomBytes(8).toString('hex');
    if (!grant) {
      return [401, { data: {}, error: { code: 'access_token_invalid', message: 'Invalid token.', log_id: logId } }];
    }
    const fields = (call.query.fields ?? '').split(',');
    const user: Record<string, string> = {};
    if (fields.includes('open_id')) user.open_id = grant.openId;
    if (fields.includes('display_name')) user.display_name = grant.displayName;
    return [200, { data: { user }, error: { code: 'ok', message: '', log_id: logId } }];
  }

  function revoke(form: Record<string, string>): [number, unknown] {
    if (form.client_key !== clientKey || form.client_secret !== clientSecret) {
      return [401, oauthError('invalid_client', 'Client key or secret is incorrect.')];
    }
    const grant = grants.find((g) => g.accessToken === form.token);
    if (!grant) return [200, oauthError('invalid_request', 'Token is invalid.')];
    // Revoking ends the app's authorization for that TikTok user, not just the one token.
    grants = grants.filter((g) => g.openId !== grant.openId);
    return [200, {}];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-tiktok');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const call: FakeTikTokCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form: isForm ? Object.fromEntries(new URLSearchParams(raw)) : {},
      authorization: req.headers.authorization,
    };
    calls.push(call);

    let answer: [number, unknown];
    const injected = failures.get(call.path)?.shift();
    if (injected) answer = [injected.status, injected.body];
    else if (call.method === 'POST' && call.path === '/v2/oauth/token/') answer = token(call.form);
    else if (call.method === 'GET' && call.path === '/v2/user/info/') answer = userInfo(call);
    else if (call.method === 'POST' && call.path === '/v2/oauth/revoke/') answer = revoke(call.form);
    else answer = [404, oauthError('not_found', `No fake for ${call.method} ${call.path}`)];

    const [status, body] = answer;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    clientKey,
    clientSecret,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    authorize(input) {
      const code = secret('code');
      codes.set(code, { ...input });
      return code;
    },
    tokensOf(openId) {
      const grant = grants.findLast((g) => g.openId === openId);
      return grant ? { accessToken: grant.accessToken, refreshToken: grant.refreshToken } : undefined;
    },
    forget(openId) {
      grants = grants.filter((g) => g.openId !== openId);
    },
    failNext(path, status, body = oauthError('server_error', 'Injected failure.')) {
      const queue = failures.get(path) ?? [];
      queue.push({ status, body });
      failures.set(path, queue);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

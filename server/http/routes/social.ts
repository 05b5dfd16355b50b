import { disconnectSocialAccount } from '../../modules/accounts/disconnect-social-account.js';
import { listSocialAccounts } from '../../modules/accounts/list-social-accounts.js';
import * as r from '../../modules/accounts/response-schemas.js';
import { noBody } from '../../modules/accounts/schemas.js';
import { socialAccountParams, tiktokCallbackQuery } from '../../modules/accounts/social-schemas.js';
import { completeTikTokConnection } from '../../modules/accounts/tiktok/complete-tiktok-connection.js';
import { startTikTokConnection } from '../../modules/accounts/tiktok/start-tiktok-connection.js';
import { defineRoute } from '../route.js';

export const socialRoutes = [
  defineRoute({
    method: 'post',
    path: '/social/tiktok/connect',
    tag: 'social',
    summary: 'Begin connecting a TikTok account: answers the TikTok URL to send the browser to',
    auth: 'user',
    body: noBody,
    response: r.tiktokConnectResponse,
    errors: {
      403: 'Admin accounts connect no TikTok account.',
      429: 'Too many connections in progress for this account; see Retry-After (RATE_LIMITED).',
      503: 'TikTok connection is not configured on this server, or TikTok is unreachable (SERVICE_UNAVAILABLE).',
    },
    handle: ({ ctx, actor }) => startTikTokConnection(ctx, actor),
  }),
  defineRoute({
    method: 'get',
    path: '/social/tiktok/callback',
    tag: 'social',
    summary: 'Where TikTok sends the browser back; connects the account, then redirects to the site',
    // A top-level navigation back from TikTok carries the session cookie (SameSite=Lax), which identifies the
    // user the state must belong to.
    auth: 'user',
    query: tiktokCallbackQuery,
    response: r.tiktokCallbackResponse,
    successDescription:
      'Connected, for a client whose Accept header prefers application/json to text/html (scripts). ' +
      'Browsers and `Accept: */*` get the 303 instead.',
    redirect: {
      status: 303,
      description:
        'Connected; back to the site (`Location: <public URL>/?tiktok=connected`). The answer unless the Accept ' +
        'header prefers application/json to text/html: browsers, `*/*`, or no Accept header.',
    },
    errors: {
      400: 'TikTok refused or the user declined, or the state is unknown, expired or another account’s (BAD_REQUEST).',
      409: 'This TikTok account is connected to another ContentFlow account (CONFLICT).',
      503: 'TikTok is unreachable or answered inconsistently, or connection is not configured (SERVICE_UNAVAILABLE).',
    },
    handle: async ({ ctx, actor, query, req, res }) => {
      const account = await completeTikTokConnection(ctx, actor, query);
      // Scripts and tests ask for JSON; a browser lands back on the site.
      if (req.accepts(['html', 'json']) === 'json') return { account };
      res.redirect(303, `${ctx.config.publicUrl.replace(/\/+$/, '')}/?tiktok=connected`);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/social/accounts',
    tag: 'social',
    summary: 'Your connected social accounts (never their tokens)',
    auth: 'user',
    response: r.socialAccountListResponse,
    handle: ({ ctx, actor }) => listSocialAccounts(ctx, actor),
  }),
  defineRoute({
    method: 'delete',
    path: '/social/accounts/:id',
    tag: 'social',
    summary: 'Disconnect one of your social accounts and revoke our access at the platform',
    auth: 'user',
    params: socialAccountParams,
    status: 204,
    handle: async ({ ctx, actor, params }) => {
      await disconnectSocialAccount(ctx, actor, params.id);
    },
  }),
];

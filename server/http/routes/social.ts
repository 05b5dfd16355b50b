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

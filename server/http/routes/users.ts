import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../modules/accounts/api-tokens.js';
import { changePassword } from '../../modules/accounts/change-password.js';
import { getMe } from '../../modules/accounts/get-me.js';
import { reactivateUser, setAdminRole, suspendUser } from '../../modules/accounts/manage-users.js';
import { getUserProfile, putUserProfile } from '../../modules/accounts/profiles.js';
import * as r from '../../modules/accounts/response-schemas.js';
import * as s from '../../modules/accounts/schemas.js';
import { defineRoute } from '../route.js';

const userParams = z.object({ id: s.userId }).strict();
const tokenParams = z.object({ id: z.string().regex(/^atk_[0-9a-z]{26}$/, 'a token id (atk_…)') }).strict();

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/users/me',
    tag: 'users',
    summary: 'The signed-in account with its full profile',
    auth: 'user',
    response: r.meWithProfileResponse,
    handle: ({ ctx, actor }) => getMe(ctx, actor),
  }),
  defineRoute({
    method: 'patch',
    path: '/users/me',
    tag: 'users',
    summary: 'Change the password (the current one is required); every session ends',
    auth: 'user',
    limits: ['auth'],
    body: s.changePasswordInput,
    status: 204,
    errors: { 401: 'Also when the current password is wrong (INVALID_CREDENTIALS).' },
    handle: async ({ ctx, actor, body }) => {
      await changePassword(ctx, actor, body);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/users/:id/profile',
    tag: 'users',
    summary: 'Public fields of a brand or clipper profile',
    auth: 'user',
    params: userParams,
    response: r.publicProfileResponse,
    handle: ({ ctx, actor, params }) => getUserProfile(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/users/:id/profile',
    tag: 'users',
    summary: 'Create or replace your own profile (brand or clipper fields by role)',
    auth: 'user',
    params: userParams,
    // The fields depend on the owner's role, which the use case knows; it validates them strictly.
    body: z.record(z.string(), z.unknown()),
    documentedBody: z
      .union([
        s.brandProfileInput.meta({ id: 'BrandProfileInput', description: 'The fields of a BRAND account’s profile.' }),
        s.clipperProfileInput.meta({ id: 'ClipperProfileInput', description: 'The fields of a CLIPPER’s profile.' }),
      ])
      .meta({
        id: 'ProfileInput',
        description: 'Your profile’s fields: the brand or the clipper shape, by your role.',
      }),
    response: r.ownProfileResponse,
    errors: {
      401: 'New payout details need the right `currentPassword` (INVALID_CREDENTIALS).',
      429: 'Too many wrong current passwords for this account from this client (RATE_LIMITED).',
    },
    handle: ({ ctx, actor, params, body }) => putUserProfile(ctx, actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/users/me/api-tokens',
    tag: 'api-tokens',
    summary: 'Your personal API tokens (without secrets)',
    auth: 'user',
    response: r.apiTokenListResponse,
    handle: ({ ctx, actor }) => listApiTokens(ctx, actor),
  }),
  defineRoute({
    method: 'post',
    path: '/users/me/api-tokens',
    tag: 'api-tokens',
    summary: 'Create a scoped personal API token (the current password is required); the secret is shown once',
    auth: 'user',
    limits: ['auth'],
    body: s.createApiTokenInput,
    status: 201,
    response: r.createdApiTokenResponse,
    handle: ({ ctx, actor, body }) => createApiToken(ctx, actor, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/users/me/api-tokens/:id',
    tag: 'api-tokens',
    summary: 'Revoke one of your API tokens',
    auth: 'user',
    params: tokenParams,
    status: 204,
    handle: async ({ ctx, actor, params }) => {
      await revokeApiToken(ctx, actor, params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/users/:id/suspend',
    tag: 'admin',
    summary: 'Suspend a user and end their sessions (moderator, superadmin)',
    auth: 'user',
    scope: 'ADMIN',
    params: userParams,
    body: s.suspendInput,
    response: r.meResponse,
    handle: ({ ctx, actor, params, body }) => suspendUser(ctx, actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/admin/users/:id/reactivate',
    tag: 'admin',
    summary: 'Lift a suspension (moderator, superadmin)',
    auth: 'user',
    scope: 'ADMIN',
    params: userParams,
    body: s.noBody,
    response: r.meResponse,
    handle: ({ ctx, actor, params }) => reactivateUser(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/admin/users/:id/admin-role',
    tag: 'admin',
    summary: 'Change an admin account’s role (superadmin)',
    auth: 'user',
    scope: 'ADMIN',
    params: userParams,
    body: s.adminRoleInput,
    response: r.meResponse,
    handle: ({ ctx, actor, params, body }) => setAdminRole(ctx, actor, params.id, body),
  }),
];

import { z } from 'zod';
import { orNull } from '../../shared/or-null.js';
import { platformSchema } from '../campaigns/schemas.js';

/**
 * What the accounts use cases answer, as it reaches an HTTP client: JSON, so dates are ISO 8601 strings. The
 * routes declare these as their `response` (server/http/routes) and the OpenAPI document shows them; the objects
 * are strict, so a field added to a DTO without its schema fails tests/integration/openapi.test.ts. `id` names
 * the component in the OpenAPI document.
 */
const isoDate = z.iso.datetime();
const userRole = z.enum(['BRAND', 'CLIPPER', 'ADMIN']).meta({ id: 'UserRole' });
const adminRole = z.enum(['MODERATOR', 'FINANCE', 'SUPERADMIN']).meta({ id: 'AdminRole' });
const tokenScope = z.enum(['READ', 'WRITE', 'ADMIN']).meta({ id: 'TokenScope' });

/** "If the address can receive a code…": sign-up, resend and reset requests answer alike for any address. */
export const acceptedResponse = z
  .object({ status: z.literal('accepted'), detail: z.string() })
  .strict()
  .meta({ id: 'Accepted' });

export const verifiedResponse = z
  .object({ status: z.literal('verified') })
  .strict()
  .meta({ id: 'Verified' });

/** me.ts `Me`: the signed-in user's own view of their account (also what the admin actions answer). */
export const meResponse = z
  .object({
    id: z.string(),
    email: z.string(),
    role: userRole,
    adminRole: orNull(adminRole),
    status: z.enum(['ACTIVE', 'SUSPENDED']).meta({ id: 'UserStatus' }),
    emailVerifiedAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .strict()
  .meta({ id: 'Me' });

const socialLink = z.object({ platform: platformSchema, url: z.string() }).strict().meta({ id: 'SocialLink' });

/** profile-dto.ts `toOwnProfile`, brand side: every field, billing contact included. */
export const ownBrandProfile = z
  .object({
    companyName: z.string(),
    website: z.string().nullable(),
    billingContactName: z.string().nullable(),
    billingContactEmail: z.string().nullable(),
  })
  .strict()
  .meta({ id: 'OwnBrandProfile' });

/** profile-dto.ts `toOwnProfile`, clipper side: payout details included. */
export const ownClipperProfile = z
  .object({
    displayName: z.string(),
    bio: z.string().nullable(),
    socialLinks: z.array(socialLink),
    payoutMethod: z.enum(['MANUAL', 'STRIPE']).meta({ id: 'PayoutMethod' }),
    payoutDetails: z.string().nullable(),
  })
  .strict()
  .meta({ id: 'OwnClipperProfile' });

/** Brand or clipper fields, by the owner's role. */
export const ownProfileResponse = z.union([ownBrandProfile, ownClipperProfile]).meta({ id: 'OwnProfile' });

/** get-me.ts: the account with its full profile (null until one is saved; admins never have one). */
export const meWithProfileResponse = meResponse
  .extend({ profile: orNull(ownProfileResponse) })
  .strict()
  .meta({ id: 'MeWithProfile' });

/** profile-dto.ts `toPublicProfile`: no billing contacts, no payout details; its shape follows `role`. */
const publicBrandProfile = z
  .object({ companyName: z.string(), website: z.string().nullable() })
  .strict()
  .meta({ id: 'PublicBrandProfile' });
const publicClipperProfile = z
  .object({ displayName: z.string(), bio: z.string().nullable(), socialLinks: z.array(socialLink) })
  .strict()
  .meta({ id: 'PublicClipperProfile' });

export const publicProfileResponse = z
  .discriminatedUnion('role', [
    z
      .object({ userId: z.string(), role: z.literal('BRAND'), profile: orNull(publicBrandProfile) })
      .strict()
      .meta({ id: 'PublicBrandUser' }),
    z
      .object({ userId: z.string(), role: z.literal('CLIPPER'), profile: orNull(publicClipperProfile) })
      .strict()
      .meta({ id: 'PublicClipperUser' }),
  ])
  .meta({ id: 'PublicProfile' });

/** api-tokens.ts `ApiTokenView`: never the secret. */
export const apiTokenResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(tokenScope),
    lastUsedAt: isoDate.nullable(),
    expiresAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .strict()
  .meta({ id: 'ApiToken' });

export const apiTokenListResponse = z.array(apiTokenResponse).meta({ id: 'ApiTokenList' });

/** `createApiToken`: the view and, this once, the secret. */
export const createdApiTokenResponse = apiTokenResponse
  .extend({ token: z.string() })
  .strict()
  .meta({ id: 'CreatedApiToken' });

/** routes/auth.ts `sessionBody` for API clients (`transport: bearer`): both tokens, no cookies. */
export const bearerSessionResponse = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    accessTokenExpiresAt: isoDate,
    refreshToken: z.string(),
    refreshTokenExpiresAt: isoDate,
  })
  .strict()
  .meta({ id: 'BearerSession' });

/** `sessionBody` for browsers (`transport: cookie`): the tokens are in HttpOnly cookies, only the expiry here. */
export const cookieSessionResponse = z.object({ accessTokenExpiresAt: isoDate }).strict().meta({ id: 'CookieSession' });

export const sessionResponse = z.union([bearerSessionResponse, cookieSessionResponse]).meta({ id: 'Session' });

export const loginResponse = z
  .union([
    bearerSessionResponse.extend({ user: meResponse }).strict().meta({ id: 'BearerLogin' }),
    cookieSessionResponse.extend({ user: meResponse }).strict().meta({ id: 'CookieLogin' }),
  ])
  .meta({ id: 'Login' });

/** social-account-records.ts `SOCIAL_ACCOUNT_VIEW`: never a token column. */
export const socialAccountResponse = z
  .object({
    id: z.string(),
    platform: platformSchema,
    handle: z.string(),
    verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED']).meta({ id: 'SocialVerification' }),
    tokenExpiresAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .strict()
  .meta({ id: 'SocialAccount' });

export const socialAccountListResponse = z.array(socialAccountResponse).meta({ id: 'SocialAccountList' });

export const tiktokConnectResponse = z
  .object({ authorizationUrl: z.url() })
  .strict()
  .meta({ id: 'TikTokAuthorization' });

/** The callback's JSON answer (for scripts); browsers get a 303 to the site instead. */
export const tiktokCallbackResponse = z
  .object({ account: socialAccountResponse })
  .strict()
  .meta({ id: 'TikTokConnected' });

import { z } from 'zod';

/**
 * What the accounts use cases answer, as it reaches an HTTP client: JSON, so dates are ISO 8601 strings. The
 * routes declare these as their `response` (server/http/routes) and the OpenAPI document shows them; the objects
 * are strict, so a field added to a DTO without its schema fails tests/integration/openapi.test.ts. `id` names
 * the component in the OpenAPI document.
 */
const isoDate = z.iso.datetime();
const userRole = z.enum(['BRAND', 'CLIPPER', 'ADMIN']);
const adminRole = z.enum(['MODERATOR', 'FINANCE', 'SUPERADMIN']);
const tokenScope = z.enum(['READ', 'WRITE', 'ADMIN']);

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
    adminRole: adminRole.nullable(),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    emailVerifiedAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .strict()
  .meta({ id: 'Me' });

const socialLink = z.object({ platform: z.enum(['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X']), url: z.string() }).strict();

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
    payoutMethod: z.enum(['MANUAL', 'STRIPE']),
    payoutDetails: z.string().nullable(),
  })
  .strict()
  .meta({ id: 'OwnClipperProfile' });

// No component id: zod-to-openapi would fold `.nullable()` below into a shared component.
export const ownProfileResponse = z.union([ownBrandProfile, ownClipperProfile]);

/** get-me.ts: the account with its full profile (null until one is saved; admins never have one). */
export const meWithProfileResponse = meResponse
  .extend({ profile: ownProfileResponse.nullable() })
  .strict()
  .meta({ id: 'MeWithProfile' });

/** profile-dto.ts `toPublicProfile`: no billing contacts, no payout details. */
export const publicProfileResponse = z
  .object({
    userId: z.string(),
    role: z.enum(['BRAND', 'CLIPPER']),
    profile: z
      .union([
        z.object({ companyName: z.string(), website: z.string().nullable() }).strict(),
        z.object({ displayName: z.string(), bio: z.string().nullable(), socialLinks: z.array(socialLink) }).strict(),
      ])
      .nullable(),
  })
  .strict()
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

export const apiTokenListResponse = z.array(apiTokenResponse);

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

export const sessionResponse = z.union([bearerSessionResponse, cookieSessionResponse]);

export const loginResponse = z.union([
  bearerSessionResponse.extend({ user: meResponse }).strict(),
  cookieSessionResponse.extend({ user: meResponse }).strict(),
]);

/** social-account-records.ts `SOCIAL_ACCOUNT_VIEW`: never a token column. */
export const socialAccountResponse = z
  .object({
    id: z.string(),
    platform: z.enum(['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X']),
    handle: z.string(),
    verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED']),
    tokenExpiresAt: isoDate.nullable(),
    createdAt: isoDate,
  })
  .strict()
  .meta({ id: 'SocialAccount' });

export const socialAccountListResponse = z.array(socialAccountResponse);

export const tiktokConnectResponse = z
  .object({ authorizationUrl: z.url() })
  .strict()
  .meta({ id: 'TikTokAuthorization' });

/** The callback's JSON answer (for scripts); browsers get a 303 to the site instead. */
export const tiktokCallbackResponse = z.object({ account: socialAccountResponse }).strict();

import { z } from 'zod';

/** Input shapes of the accounts use cases; the HTTP routes validate with these and the API docs show them. */
export const email = z.string().trim().toLowerCase().max(254, 'at most 254 characters').pipe(z.email());
export const password = z.string().min(8, 'at least 8 characters').max(128, 'at most 128 characters');
export const otpCode = z.string().regex(/^\d{6}$/, 'six digits');
export const userId = z.string().regex(/^usr_[0-9a-z]{26}$/, 'a user id (usr_…)');

/**
 * The body of a write that takes no fields (a POST that only names its target): nothing or `{}`. Declared rather
 * than left out, so unknown fields are refused like everywhere else and every write has a body schema.
 */
export const noBody = z.object({}).strict();

export const registerInput = z.object({ email, password, role: z.enum(['BRAND', 'CLIPPER']) }).strict();
// The password chosen at sign-up comes along: see verifySignup.
export const verifyOtpInput = z.object({ email, code: otpCode, password: z.string().min(1).max(128) }).strict();
export const resendOtpInput = z.object({ email, purpose: z.enum(['SIGNUP', 'RESET']).default('SIGNUP') }).strict();
export const loginInput = z
  .object({
    email,
    password: z.string().min(1).max(128, 'at most 128 characters'),
    // cookie (browsers, the default) or bearer (API clients: tokens in the body, no cookies).
    transport: z.enum(['cookie', 'bearer']).default('cookie'),
  })
  .strict();
export const refreshInput = z
  .object({ refreshToken: z.string().min(1).max(200).optional(), transport: z.enum(['cookie', 'bearer']).optional() })
  .strict();
export const logoutInput = z.object({ refreshToken: z.string().min(1).max(200).optional() }).strict();
export const resetRequestInput = z.object({ email }).strict();
export const resetConfirmInput = z.object({ email, code: otpCode, newPassword: password }).strict();
export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: password })
  .strict();

const url = z.url({ protocol: /^https?$/ }).max(500);
export const brandProfileInput = z
  .object({
    companyName: z.string().trim().min(1).max(120),
    website: url.nullish(),
    billingContactName: z.string().trim().min(1).max(120).nullish(),
    billingContactEmail: email.nullish(),
  })
  .strict();
export const clipperProfileInput = z
  .object({
    displayName: z.string().trim().min(1).max(60),
    bio: z.string().trim().max(1000).nullish(),
    socialLinks: z
      .array(z.object({ platform: z.enum(['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X']), url }).strict())
      .max(10)
      .default([]),
    // Bank details for the manual payout rail; shown to finance admins only.
    payoutDetails: z.string().trim().max(500).nullish(),
    // Required when payoutDetails change (set, replaced or removed): see putUserProfile.
    currentPassword: z.string().min(1).max(128).optional(),
  })
  .strict();

export const createApiTokenInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    scopes: z
      .array(z.enum(['READ', 'WRITE', 'ADMIN']))
      .min(1)
      .max(3),
    expiresInDays: z.number().int().min(1).max(365).optional(),
    // Re-authentication: a token outlives the session that mints it.
    currentPassword: z.string().min(1).max(128),
  })
  .strict();
export const suspendInput = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const adminRoleInput = z.object({ adminRole: z.enum(['MODERATOR', 'FINANCE', 'SUPERADMIN']) }).strict();

export type RegisterInput = z.infer<typeof registerInput>;

import { z } from 'zod';

/** Input shapes of the social-account use cases; the HTTP routes validate with these. */
export const socialAccountId = z.string().regex(/^soc_[0-9a-z]{26}$/, 'a social account id (soc_…)');

export const socialAccountParams = z.object({ id: socialAccountId }).strict();

/**
 * What TikTok appends to the redirect URI: `code`, `state` and the granted `scopes` on success, `error` and
 * `error_description` (with `state`) when the user declined or the request was bad.
 */
export const tiktokCallbackQuery = z
  .object({
    code: z.string().min(1).max(2000).optional(),
    state: z.string().min(1).max(200).optional(),
    scopes: z.string().max(1000).optional(),
    error: z.string().min(1).max(200).optional(),
    error_description: z.string().max(2000).optional(),
  })
  .strict();

export type TikTokCallbackQuery = z.infer<typeof tiktokCallbackQuery>;

import type { Prisma } from '@prisma/client';

export const PROFILE_SELECT = {
  role: true,
  brandProfile: { select: { companyName: true, website: true, billingContactName: true, billingContactEmail: true } },
  clipperProfile: {
    select: { displayName: true, bio: true, socialLinks: true, payoutMethod: true, payoutDetails: true },
  },
} as const;

type ProfileRow = Prisma.UserGetPayload<{ select: typeof PROFILE_SELECT }>;

export interface PublicProfile {
  companyName?: string;
  website?: string | null;
  displayName?: string;
  bio?: string | null;
  socialLinks?: unknown;
}

export type OwnProfile = Record<string, unknown>;

/** What anyone signed in may see of a profile: no billing contacts, no payout details. */
export function toPublicProfile(row: ProfileRow): PublicProfile | null {
  if (row.brandProfile) return { companyName: row.brandProfile.companyName, website: row.brandProfile.website };
  if (row.clipperProfile) {
    const { displayName, bio, socialLinks } = row.clipperProfile;
    return { displayName, bio, socialLinks };
  }
  return null;
}

export function toOwnProfile(row: ProfileRow): OwnProfile | null {
  return row.brandProfile ?? row.clipperProfile ?? null;
}

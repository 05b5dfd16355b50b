import type { AdminRole, Prisma, UserRole, UserStatus } from '@prisma/client';
import { newId } from '../../server/shared/ids.js';
import { addHours, daysFromNow, type SeedContext } from './context.js';

export type AdminKey = 'superadmin' | 'finance' | 'moderator';
export type BrandKey = 'acme' | 'nova';
export type ClipperKey = 'maya' | 'leo' | 'sam' | 'kai';
export type UserKey = AdminKey | BrandKey | ClipperKey;

export interface DemoUserSpec {
  key: UserKey;
  email: string;
  role: UserRole;
  adminRole?: AdminRole;
  status?: UserStatus;
  /** Role label shown next to the login ('SUPERADMIN', 'BRAND', …). */
  label: string;
  /** Account age in days. */
  joinedDaysAgo: number;
}

export const DEMO_USERS: readonly DemoUserSpec[] = [
  {
    key: 'superadmin',
    email: 'superadmin@contentflow.local',
    role: 'ADMIN',
    adminRole: 'SUPERADMIN',
    label: 'SUPERADMIN',
    joinedDaysAgo: 120,
  },
  {
    key: 'finance',
    email: 'finance@contentflow.local',
    role: 'ADMIN',
    adminRole: 'FINANCE',
    label: 'FINANCE',
    joinedDaysAgo: 119,
  },
  {
    key: 'moderator',
    email: 'moderator@contentflow.local',
    role: 'ADMIN',
    adminRole: 'MODERATOR',
    label: 'MODERATOR',
    joinedDaysAgo: 119,
  },
  { key: 'acme', email: 'brand@acme.example', role: 'BRAND', label: 'BRAND', joinedDaysAgo: 110 },
  { key: 'nova', email: 'brand@nova.example', role: 'BRAND', label: 'BRAND', joinedDaysAgo: 105 },
  { key: 'maya', email: 'clipper1@contentflow.local', role: 'CLIPPER', label: 'CLIPPER', joinedDaysAgo: 100 },
  { key: 'leo', email: 'clipper2@contentflow.local', role: 'CLIPPER', label: 'CLIPPER', joinedDaysAgo: 99 },
  { key: 'sam', email: 'clipper3@contentflow.local', role: 'CLIPPER', label: 'CLIPPER', joinedDaysAgo: 60 },
  // Suspended accounts cannot log in; the label says so, and a lookup by role 'CLIPPER' never picks it.
  {
    key: 'kai',
    email: 'clipper4@contentflow.local',
    role: 'CLIPPER',
    status: 'SUSPENDED',
    label: 'CLIPPER (SUSPENDED)',
    joinedDaysAgo: 40,
  },
];

const BRANDS: Record<BrandKey, Omit<Prisma.BrandProfileCreateManyInput, 'id' | 'userId'>> = {
  acme: {
    companyName: 'Acme Drinks',
    website: 'https://acme.example',
    billingContactName: 'Dana Whitfield',
    billingContactEmail: 'billing@acme.example',
  },
  nova: {
    companyName: 'Nova Games',
    website: 'https://nova.example',
    billingContactName: 'Ravi Menon',
    billingContactEmail: 'finance@nova.example',
  },
};

const CLIPPERS: Record<ClipperKey, { displayName: string; bio: string; handle: string; payoutDetails: string }> = {
  maya: {
    displayName: 'Maya Cuts',
    bio: 'Fast-paced lifestyle and gaming edits. 40+ brand campaigns clipped.',
    handle: 'maya.cuts',
    payoutDetails: 'Bank transfer: IBAN DE89 3704 0044 0532 0130 00 (demo)',
  },
  leo: {
    displayName: 'Leo Edits',
    bio: 'Gaming highlights and trailer recuts for YouTube Shorts and TikTok.',
    handle: 'leo.edits',
    payoutDetails: 'Bank transfer: IBAN GB29 NWBK 6016 1331 9268 19 (demo)',
  },
  sam: {
    displayName: 'Sam Shorts',
    bio: 'Street interviews and food content, Reels first.',
    handle: 'samshorts',
    payoutDetails: 'Bank transfer: IBAN FR14 2004 1010 0505 0001 3M02 606 (demo)',
  },
  kai: {
    displayName: 'Kai Reposts',
    bio: 'Meme pages.',
    handle: 'kai.reposts',
    payoutDetails: 'Bank transfer: details withheld',
  },
};

function socialLinks(handle: string): Prisma.InputJsonValue {
  return [
    { platform: 'TIKTOK', url: `https://www.tiktok.com/@${handle}` },
    { platform: 'YOUTUBE', url: `https://www.youtube.com/@${handle.replace('.', '')}` },
    { platform: 'INSTAGRAM', url: `https://www.instagram.com/${handle}/` },
  ];
}

/** Users (admins, brands, clippers) with their profiles and one verified TikTok account. Returns ids by key. */
export async function seedUsers(ctx: SeedContext, passwordHash: string): Promise<Record<UserKey, string>> {
  const ids = {} as Record<UserKey, string>;
  const users: Prisma.UserCreateManyInput[] = DEMO_USERS.map((spec) => {
    const createdAt = daysFromNow(ctx, -spec.joinedDaysAgo);
    ids[spec.key] = newId('usr', createdAt.getTime());
    return {
      id: ids[spec.key],
      email: spec.email,
      passwordHash,
      role: spec.role,
      adminRole: spec.adminRole ?? null,
      status: spec.status ?? 'ACTIVE',
      emailVerifiedAt: addHours(createdAt, 0.1),
      tokensValidAfter: spec.status === 'SUSPENDED' ? daysFromNow(ctx, -6) : null,
      createdAt,
    };
  });
  await ctx.tx.user.createMany({ data: users });

  await ctx.tx.brandProfile.createMany({
    data: (Object.keys(BRANDS) as BrandKey[]).map((key) => ({ id: newId('bpr'), userId: ids[key], ...BRANDS[key] })),
  });
  await ctx.tx.clipperProfile.createMany({
    data: (Object.keys(CLIPPERS) as ClipperKey[]).map((key) => ({
      id: newId('cpr'),
      userId: ids[key],
      displayName: CLIPPERS[key].displayName,
      bio: CLIPPERS[key].bio,
      socialLinks: socialLinks(CLIPPERS[key].handle),
      payoutMethod: 'MANUAL' as const,
      payoutDetails: CLIPPERS[key].payoutDetails,
    })),
  });

  const verifiedAt = daysFromNow(ctx, -95);
  await ctx.tx.socialAccount.create({
    data: {
      id: newId('soc', verifiedAt.getTime()),
      userId: ids.maya,
      platform: 'TIKTOK',
      handle: CLIPPERS.maya.handle,
      externalId: '6987654321012345678',
      verificationStatus: 'VERIFIED',
      verifiedAt,
    },
  });

  ctx.audits.push(
    {
      at: verifiedAt,
      actorType: 'ADMIN',
      actorId: ids.moderator,
      action: 'social_account.verified',
      subjectType: 'User',
      subjectId: ids.maya,
      after: { platform: 'TIKTOK', handle: CLIPPERS.maya.handle, verificationStatus: 'VERIFIED' },
    },
    {
      at: daysFromNow(ctx, -6),
      actorType: 'ADMIN',
      actorId: ids.superadmin,
      action: 'user.suspended',
      subjectType: 'User',
      subjectId: ids.kai,
      before: { status: 'ACTIVE' },
      after: { status: 'SUSPENDED', reason: 'Submitted reposted clips from other creators' },
    },
  );
  ctx.log(`seed: ${users.length} users (3 admins, 2 brands, 4 clippers)`);
  return ids;
}

/** Display name of a clipper, for notification and message text. */
export function clipperName(key: ClipperKey): string {
  return CLIPPERS[key].displayName;
}

export function clipperHandle(key: ClipperKey): string {
  return CLIPPERS[key].handle;
}

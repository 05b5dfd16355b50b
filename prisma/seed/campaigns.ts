import type { ApplicationMode, ApplicationStatus, CampaignStatus, Prisma, SocialPlatform } from '@prisma/client';
import { newId } from '../../server/shared/ids.js';
import { addDays, daysFromNow, type SeedContext } from './context.js';
import type { BrandKey, ClipperKey, UserKey } from './users.js';

export type CampaignKey = 'summer' | 'starfall' | 'cola' | 'pixel' | 'winter' | 'retro';

interface CampaignSpec {
  key: CampaignKey;
  brand: BrandKey;
  title: string;
  brief: string;
  assets: { key: string; name: string; contentType: string }[];
  targetPlatforms: SocialPlatform[];
  totalBudgetCents: bigint;
  cpmCents: number;
  maxPayoutPerSubmissionCents: number | null;
  minViews: number;
  applicationMode: ApplicationMode;
  status: CampaignStatus;
  discardReason?: string;
  /** Days relative to now. */
  createdAt: number;
  startsAt: number;
  endsAt: number;
}

/** What later steps need to know about a seeded campaign (money rules, dates). */
export interface SeededCampaign {
  id: string;
  key: CampaignKey;
  brand: BrandKey;
  title: string;
  totalBudgetCents: bigint;
  cpmCents: number;
  maxPayoutPerSubmissionCents: number | null;
  minViews: number;
  commissionBps: number | null;
  holdDays: number;
  countingWindowDays: number;
}

const mp4 = (key: string, name: string) => ({ key: `campaigns/demo/${key}`, name, contentType: 'video/mp4' });

const CAMPAIGNS: CampaignSpec[] = [
  {
    key: 'summer',
    brand: 'acme',
    title: 'Acme Citrus Splash: summer festival clips',
    brief:
      'Cut 15–45 s vertical clips from our festival B-roll. Show the can in the first 3 seconds, keep the ' +
      '#AcmePartner disclosure on screen, trending audio welcome. No competitor brands in frame.',
    assets: [mp4('acme-festival-broll.mp4', 'Festival B-roll (4K)'), mp4('acme-product-shots.mp4', 'Product shots')],
    targetPlatforms: ['TIKTOK', 'YOUTUBE', 'INSTAGRAM'],
    totalBudgetCents: 500_000n,
    cpmCents: 150,
    maxPayoutPerSubmissionCents: 20_000,
    minViews: 1_000,
    applicationMode: 'OPEN',
    status: 'IN_PROGRESS',
    createdAt: -23,
    startsAt: -20,
    endsAt: 40,
  },
  {
    key: 'starfall',
    brand: 'nova',
    title: 'Starfall Arena season 3: gameplay highlights',
    brief:
      'Turn our season 3 streams into short highlight reels: clutch plays, funny fails, the new hero reveal. ' +
      'Keep the Starfall logo visible for the first 2 seconds and link the store page in the caption.',
    assets: [mp4('starfall-s3-stream-01.mp4', 'Launch stream, part 1'), mp4('starfall-hero-reveal.mp4', 'Hero reveal')],
    targetPlatforms: ['TIKTOK', 'YOUTUBE', 'X'],
    totalBudgetCents: 800_000n,
    cpmCents: 200,
    maxPayoutPerSubmissionCents: 30_000,
    minViews: 5_000,
    applicationMode: 'REVIEW',
    status: 'IN_PROGRESS',
    createdAt: -14,
    startsAt: -12,
    endsAt: 48,
  },
  {
    key: 'cola',
    brand: 'acme',
    title: 'Acme Zero Cola: street taste test',
    brief:
      'Edit the raw street interviews into punchy reaction clips. Keep the blind-test reveal, subtitle every ' +
      'line, and end on the Zero Cola pack shot.',
    assets: [mp4('acme-street-interviews.mp4', 'Street interviews (raw)')],
    targetPlatforms: ['TIKTOK', 'INSTAGRAM'],
    totalBudgetCents: 300_000n,
    cpmCents: 120,
    maxPayoutPerSubmissionCents: 15_000,
    minViews: 2_000,
    applicationMode: 'OPEN',
    status: 'UNDER_REVIEW',
    createdAt: -48,
    startsAt: -45,
    endsAt: -1,
  },
  {
    key: 'pixel',
    brand: 'nova',
    title: 'Pixel Racers launch trailer recuts',
    brief: 'Recut the launch trailer into 20 s teasers for each track. Use the official soundtrack only.',
    assets: [mp4('pixel-racers-trailer.mp4', 'Launch trailer (master)')],
    targetPlatforms: ['TIKTOK', 'YOUTUBE'],
    totalBudgetCents: 200_000n,
    cpmCents: 100,
    maxPayoutPerSubmissionCents: 15_000,
    minViews: 1_000,
    applicationMode: 'OPEN',
    status: 'FINISHED',
    createdAt: -98,
    startsAt: -95,
    endsAt: -55,
  },
  {
    key: 'winter',
    brand: 'acme',
    title: 'Acme Winter Berry teaser',
    brief:
      'Teaser clips for the Winter Berry launch: cosy, snowy, slow-motion pours. Embargoed until the start date; ' +
      'do not post before then.',
    assets: [mp4('acme-winter-berry-teaser.mp4', 'Teaser footage')],
    targetPlatforms: ['TIKTOK', 'INSTAGRAM', 'YOUTUBE'],
    totalBudgetCents: 250_000n,
    cpmCents: 180,
    maxPayoutPerSubmissionCents: 12_000,
    minViews: 2_500,
    applicationMode: 'REVIEW',
    status: 'PENDING_APPROVAL',
    createdAt: -1,
    startsAt: 7,
    endsAt: 37,
  },
  {
    key: 'retro',
    brand: 'nova',
    title: 'Retro Quest speedrun clips',
    brief: 'Speedrun clips of Retro Quest. Do not mention that the clips are sponsored.',
    assets: [],
    targetPlatforms: ['YOUTUBE', 'X'],
    totalBudgetCents: 150_000n,
    cpmCents: 90,
    maxPayoutPerSubmissionCents: null,
    minViews: 0,
    applicationMode: 'OPEN',
    status: 'DISCARDED',
    discardReason: 'The brief asks clippers to hide the sponsorship, which breaks platform disclosure rules.',
    createdAt: -8,
    startsAt: -5,
    endsAt: 25,
  },
];

/** Every CampaignStatus, both application modes. Returns the campaigns by key. */
export async function seedCampaigns(
  ctx: SeedContext,
  users: Record<UserKey, string>,
): Promise<Record<CampaignKey, SeededCampaign>> {
  const seeded = {} as Record<CampaignKey, SeededCampaign>;
  const rows: Prisma.CampaignCreateManyInput[] = [];
  const assets: Prisma.UploadCreateManyInput[] = [];
  for (const spec of CAMPAIGNS) {
    const createdAt = daysFromNow(ctx, spec.createdAt);
    const id = newId('cmp', createdAt.getTime());
    seeded[spec.key] = {
      id,
      key: spec.key,
      brand: spec.brand,
      title: spec.title,
      totalBudgetCents: spec.totalBudgetCents,
      cpmCents: spec.cpmCents,
      maxPayoutPerSubmissionCents: spec.maxPayoutPerSubmissionCents,
      minViews: spec.minViews,
      commissionBps: null,
      holdDays: 3,
      countingWindowDays: 30,
    };
    rows.push({
      id,
      brandId: users[spec.brand],
      title: spec.title,
      brief: spec.brief,
      targetPlatforms: spec.targetPlatforms,
      totalBudgetCents: spec.totalBudgetCents,
      cpmCents: spec.cpmCents,
      maxPayoutPerSubmissionCents: spec.maxPayoutPerSubmissionCents,
      minViews: spec.minViews,
      countingWindowDays: 30,
      holdDays: 3,
      applicationMode: spec.applicationMode,
      status: spec.status,
      discardReason: spec.discardReason ?? null,
      startsAt: daysFromNow(ctx, spec.startsAt),
      endsAt: daysFromNow(ctx, spec.endsAt),
      createdAt,
    });
    auditCampaign(ctx, users, spec, id, addDays(createdAt, 1));
    for (const asset of spec.assets) assets.push(demoUpload(users[spec.brand], asset, createdAt, { campaignId: id }));
  }
  await ctx.tx.campaign.createMany({ data: rows });
  await ctx.tx.upload.createMany({ data: assets });
  ctx.log(`seed: ${rows.length} campaigns, ${assets.length} raw assets`);
  return seeded;
}

/** A confirmed upload record for demo footage (the demo has no file behind it: downloads answer 404). */
export function demoUpload(
  ownerId: string,
  file: { key: string; name: string; contentType: string },
  at: Date,
  attachTo: { campaignId: string } | { submissionId: string },
): Prisma.UploadCreateManyInput {
  const bytes = 48_000_000;
  return {
    id: newId('upl', at.getTime()),
    ownerId,
    purpose: 'campaignId' in attachTo ? 'CAMPAIGN_ASSET' : 'SUBMISSION_CLIP',
    key: file.key,
    filename: file.name,
    contentType: file.contentType,
    declaredBytes: bytes,
    sizeBytes: bytes,
    status: 'CONFIRMED',
    expiresAt: at,
    confirmedAt: at,
    createdAt: at,
    ...attachTo,
  };
}

function auditCampaign(ctx: SeedContext, users: Record<UserKey, string>, spec: CampaignSpec, id: string, at: Date) {
  if (spec.status === 'PENDING_APPROVAL') return;
  const base = { at, actorType: 'ADMIN' as const, actorId: users.moderator, subjectType: 'Campaign', subjectId: id };
  if (spec.status === 'DISCARDED') {
    ctx.audits.push({
      ...base,
      action: 'campaign.discarded',
      before: { status: 'PENDING_APPROVAL' },
      after: { status: 'DISCARDED', discardReason: spec.discardReason ?? null },
    });
    return;
  }
  ctx.audits.push({
    ...base,
    action: 'campaign.approved',
    before: { status: 'PENDING_APPROVAL' },
    after: { status: 'IN_PROGRESS' },
  });
  if (spec.status === 'FINISHED') {
    ctx.audits.push({
      ...base,
      at: daysFromNow(ctx, spec.endsAt + 2),
      actorId: users.superadmin,
      action: 'campaign.finished',
      before: { status: 'UNDER_REVIEW' },
      after: { status: 'FINISHED' },
    });
  }
}

const APPLICATIONS: {
  campaign: CampaignKey;
  clipper: ClipperKey;
  status: ApplicationStatus;
  pitch: string;
  at: number;
}[] = [
  {
    campaign: 'summer',
    clipper: 'maya',
    status: 'APPROVED',
    pitch: 'I run a festival-vibes page with 210k followers.',
    at: -19,
  },
  { campaign: 'summer', clipper: 'leo', status: 'APPROVED', pitch: 'Happy to do quick Reels cuts.', at: -18 },
  { campaign: 'summer', clipper: 'sam', status: 'WITHDRAWN', pitch: 'Street-style edits with subtitles.', at: -17 },
  {
    campaign: 'starfall',
    clipper: 'maya',
    status: 'APPROVED',
    pitch: 'Gaming edits are half my feed; see my Valorant clips.',
    at: -11,
  },
  {
    campaign: 'starfall',
    clipper: 'leo',
    status: 'PENDING',
    pitch: 'I recut trailers for three indie studios last month.',
    at: -1,
  },
  { campaign: 'starfall', clipper: 'sam', status: 'REJECTED', pitch: 'I can try gaming content.', at: -10 },
  { campaign: 'cola', clipper: 'maya', status: 'APPROVED', pitch: 'Reaction formats do great on my TikTok.', at: -44 },
  { campaign: 'cola', clipper: 'sam', status: 'APPROVED', pitch: 'Street interviews are my thing.', at: -43 },
  { campaign: 'pixel', clipper: 'leo', status: 'APPROVED', pitch: 'Racing game montages, 60 fps.', at: -94 },
  { campaign: 'pixel', clipper: 'maya', status: 'APPROVED', pitch: 'Can do one teaser per track.', at: -93 },
];

/** Applications in every ApplicationStatus. */
export async function seedApplications(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  campaigns: Record<CampaignKey, SeededCampaign>,
): Promise<void> {
  await ctx.tx.application.createMany({
    data: APPLICATIONS.map((a) => {
      const createdAt = daysFromNow(ctx, a.at);
      return {
        id: newId('app', createdAt.getTime()),
        campaignId: campaigns[a.campaign].id,
        clipperId: users[a.clipper],
        status: a.status,
        pitch: a.pitch,
        decidedAt: a.status === 'PENDING' ? null : addDays(createdAt, 0.2),
        createdAt,
      };
    }),
  });
  ctx.log(`seed: ${APPLICATIONS.length} applications`);
}

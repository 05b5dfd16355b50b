import type {
  LinkCheckStatus,
  Prisma,
  SnapshotSource,
  SnapshotStatus,
  SocialPlatform,
  SubmissionStatus,
} from '@prisma/client';
import { normalisePostLink } from '../../server/modules/submissions/post-links.js';
import { newId } from '../../server/shared/ids.js';
import { type CampaignKey, demoUpload, type SeededCampaign } from './campaigns.js';
import { addHours, daysFromNow, type SeedContext } from './context.js';
import type { ClipperKey, UserKey } from './users.js';

export type SubmissionKey =
  | 'summerMaya'
  | 'summerLeo'
  | 'summerLeoRejected'
  | 'starfallMaya'
  | 'starfallMayaNew'
  | 'colaSamRemoved'
  | 'colaMaya'
  | 'pixelLeo';

/** Accrual lines to create for a submission, each at a moment (days from now) with its current state. */
export interface AccrualPlan {
  day: number;
  state: 'PENDING' | 'AVAILABLE' | 'IN_PAYOUT' | 'PAID';
}

interface SnapshotSpec {
  day: number;
  views: number;
  source: SnapshotSource;
  status: SnapshotStatus;
  note?: string;
}

interface LinkSpec {
  url: string;
  platform: SocialPlatform;
  postedDay: number;
  check: LinkCheckStatus;
  snapshots: SnapshotSpec[];
}

interface SubmissionSpec {
  key: SubmissionKey;
  campaign: CampaignKey;
  clipper: ClipperKey;
  status: SubmissionStatus;
  rejection?: { code: string; note: string };
  caption: string;
  createdDay: number;
  links: LinkSpec[];
  accruals: AccrualPlan[];
}

export interface SeededSnapshot {
  id: string;
  viewCount: bigint;
  capturedAt: Date;
  status: SnapshotStatus;
  verifiedAt: Date | null;
}

export interface SeededSubmission {
  id: string;
  key: SubmissionKey;
  campaign: SeededCampaign;
  clipper: ClipperKey;
  links: { id: string; postedAt: Date; snapshots: SeededSnapshot[] }[];
  accruals: AccrualPlan[];
}

const V = (day: number, views: number, source: SnapshotSource, status: SnapshotStatus, note?: string) => ({
  day,
  views,
  source,
  status,
  note,
});

const SUBMISSIONS: SubmissionSpec[] = [
  {
    key: 'summerMaya',
    campaign: 'summer',
    clipper: 'maya',
    status: 'APPROVED',
    caption: 'POV: the first sip at 35°C 🍋 #AcmePartner #festival',
    createdDay: -15,
    links: [
      {
        url: 'https://www.tiktok.com/@maya.cuts/video/7301234567890123456',
        platform: 'TIKTOK',
        postedDay: -15,
        check: 'OK',
        snapshots: [
          V(-12, 18_400, 'ADMIN', 'VERIFIED'),
          V(-6, 41_250, 'API', 'VERIFIED'),
          V(-1, 52_900, 'API', 'VERIFIED'),
        ],
      },
      {
        url: 'https://youtube.com/shorts/dQw4w9WgXcQ',
        platform: 'YOUTUBE',
        postedDay: -14,
        check: 'OK',
        snapshots: [
          V(-11, 6_300, 'CLIPPER', 'VERIFIED'),
          V(-5, 12_750, 'CLIPPER', 'VERIFIED'),
          V(-0.5, 15_100, 'CLIPPER', 'PENDING'),
        ],
      },
    ],
    accruals: [
      { day: -10.5, state: 'AVAILABLE' },
      { day: -4.5, state: 'AVAILABLE' },
      { day: -0.8, state: 'PENDING' },
    ],
  },
  {
    key: 'summerLeo',
    campaign: 'summer',
    clipper: 'leo',
    status: 'APPROVED',
    caption: 'Festival essentials ranked 🎪 #AcmePartner',
    createdDay: -9,
    links: [
      {
        url: 'https://www.instagram.com/reel/C1a2B3c4D5e/',
        platform: 'INSTAGRAM',
        postedDay: -9,
        check: 'OK',
        snapshots: [
          V(-7, 9_800, 'CLIPPER', 'VERIFIED'),
          V(-3, 88_000, 'CLIPPER', 'REJECTED', 'Screenshot does not match the public counter (about 14k).'),
          V(-2, 14_300, 'ADMIN', 'VERIFIED'),
        ],
      },
    ],
    accruals: [
      { day: -6.5, state: 'AVAILABLE' },
      { day: -1.8, state: 'PENDING' },
    ],
  },
  {
    key: 'summerLeoRejected',
    campaign: 'summer',
    clipper: 'leo',
    status: 'REJECTED',
    rejection: { code: 'OFF_BRIEF', note: 'The clip never shows the can and the #AcmePartner disclosure is missing.' },
    caption: 'summer dump 🌞',
    createdDay: -6,
    links: [
      {
        url: 'https://www.tiktok.com/@leo.edits/video/7312345678901234567',
        platform: 'TIKTOK',
        postedDay: -6,
        check: 'OK',
        snapshots: [V(-5, 3_100, 'CLIPPER', 'REJECTED', 'Submission rejected: off brief.')],
      },
    ],
    accruals: [],
  },
  {
    key: 'starfallMaya',
    campaign: 'starfall',
    clipper: 'maya',
    status: 'APPROVED',
    caption: 'The 1v4 clutch nobody saw coming ⭐ Starfall Arena S3 — link in bio',
    createdDay: -10,
    links: [
      {
        url: 'https://www.tiktok.com/@maya.cuts/video/7309876543210987654',
        platform: 'TIKTOK',
        postedDay: -10,
        check: 'OK',
        snapshots: [V(-8, 12_000, 'API', 'VERIFIED'), V(-2, 96_000, 'API', 'DISPUTED')],
      },
      {
        url: 'https://x.com/mayacuts/status/1790000000000000001',
        platform: 'X',
        postedDay: -9,
        check: 'OK',
        snapshots: [V(-7, 4_200, 'ADMIN', 'VERIFIED')],
      },
    ],
    accruals: [
      { day: -6.5, state: 'AVAILABLE' },
      // Verified, then disputed by the brand inside the hold period: stays on hold.
      { day: -1.8, state: 'PENDING' },
    ],
  },
  {
    key: 'starfallMayaNew',
    campaign: 'starfall',
    clipper: 'maya',
    status: 'PENDING_REVIEW',
    caption: 'New hero, new meta? First look at Starfall S3 🔥',
    createdDay: -1,
    links: [
      {
        url: 'https://www.youtube.com/shorts/aB3dE5fG7hI',
        platform: 'YOUTUBE',
        postedDay: -1,
        check: 'UNCHECKED',
        snapshots: [V(-0.5, 2_350, 'CLIPPER', 'PENDING')],
      },
    ],
    accruals: [],
  },
  {
    key: 'colaSamRemoved',
    campaign: 'cola',
    clipper: 'sam',
    status: 'REMOVED',
    caption: 'Can you taste the difference? 🥤',
    createdDay: -30,
    links: [
      {
        url: 'https://www.instagram.com/reel/C9zY8xW7vU6/',
        platform: 'INSTAGRAM',
        postedDay: -30,
        check: 'NOT_FOUND',
        snapshots: [V(-28, 1_450, 'CLIPPER', 'REJECTED', 'Post no longer available.')],
      },
    ],
    accruals: [],
  },
  {
    key: 'colaMaya',
    campaign: 'cola',
    clipper: 'maya',
    status: 'APPROVED',
    caption: 'Blind taste test: regular vs Zero 🤯 #AcmePartner',
    createdDay: -40,
    links: [
      {
        url: 'https://www.tiktok.com/@maya.cuts/video/7305511223344556677',
        platform: 'TIKTOK',
        postedDay: -40,
        check: 'OK',
        snapshots: [V(-37, 31_000, 'ADMIN', 'VERIFIED'), V(-25, 74_500, 'API', 'VERIFIED')],
      },
      {
        url: 'https://www.instagram.com/reel/C3kLmNoPqRs/',
        platform: 'INSTAGRAM',
        postedDay: -39,
        check: 'OK',
        snapshots: [V(-36, 8_800, 'CLIPPER', 'VERIFIED'), V(-20, 15_200, 'CLIPPER', 'VERIFIED')],
      },
    ],
    accruals: [
      { day: -35.5, state: 'IN_PAYOUT' },
      { day: -19.5, state: 'IN_PAYOUT' },
    ],
  },
  {
    key: 'pixelLeo',
    campaign: 'pixel',
    clipper: 'leo',
    status: 'APPROVED',
    caption: 'Neon Docks in 20 seconds 🏎️ Pixel Racers out now',
    createdDay: -90,
    links: [
      {
        url: 'https://www.tiktok.com/@leo.edits/video/7290011223344556677',
        platform: 'TIKTOK',
        postedDay: -90,
        check: 'OK',
        snapshots: [V(-87, 64_000, 'ADMIN', 'VERIFIED'), V(-75, 158_000, 'API', 'VERIFIED')],
      },
      {
        url: 'https://youtube.com/shorts/Xy9_Kq2LmNo',
        platform: 'YOUTUBE',
        postedDay: -89,
        check: 'OK',
        snapshots: [V(-80, 22_500, 'CLIPPER', 'VERIFIED'), V(-68, 41_000, 'CLIPPER', 'VERIFIED')],
      },
    ],
    // The day -68 verification brings no accrual: the submission had already hit its payout cap on day -75.
    accruals: [
      { day: -86.5, state: 'PAID' },
      { day: -74.5, state: 'PAID' },
    ],
  },
];

/** The platform post id of a demo URL, normalised as a pasted link is; the URL must be on the platform named. */
function platformPostId(platform: SocialPlatform, url: string): string {
  const link = normalisePostLink(url);
  if (link.platform !== platform) throw new Error(`seed: ${url} is a ${link.platform} post URL, not ${platform}`);
  return link.platformPostId;
}

const EVIDENCE_NOTE: Record<SnapshotSource, string> = {
  ADMIN: 'Read from the public view counter by a moderator.',
  CLIPPER: 'Screenshot of the in-app analytics, uploaded by the clipper.',
  API: 'Fetched from the platform API.',
  IMPORT: 'Imported from a CSV export.',
};

/** Submissions in every status, their post links and view snapshots in every status. */
export async function seedSubmissions(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  campaigns: Record<CampaignKey, SeededCampaign>,
): Promise<Record<SubmissionKey, SeededSubmission>> {
  const seeded = {} as Record<SubmissionKey, SeededSubmission>;
  const submissions: Prisma.SubmissionCreateManyInput[] = [];
  const links: Prisma.PostLinkCreateManyInput[] = [];
  const snapshots: Prisma.ViewSnapshotCreateManyInput[] = [];
  const claimed = new Set<string>();
  const clips: Prisma.UploadCreateManyInput[] = [];

  for (const spec of SUBMISSIONS) {
    const createdAt = daysFromNow(ctx, spec.createdDay);
    const reviewedAt = spec.status === 'PENDING_REVIEW' ? null : addHours(createdAt, 10);
    const id = newId('sub', createdAt.getTime());
    const seededLinks: SeededSubmission['links'] = [];
    submissions.push({
      id,
      campaignId: campaigns[spec.campaign].id,
      clipperId: users[spec.clipper],
      caption: spec.caption,
      status: spec.status,
      rejectionReasonCode: spec.rejection?.code ?? null,
      rejectionNote: spec.rejection?.note ?? null,
      reviewedAt,
      createdAt,
    });
    if (reviewedAt) auditReview(ctx, users, spec, id, reviewedAt);
    const clip = { key: `submissions/demo/${spec.key}.mp4`, name: `${spec.key}.mp4`, contentType: 'video/mp4' };
    clips.push(demoUpload(users[spec.clipper], clip, createdAt, { submissionId: id }));

    for (const link of spec.links) {
      const postId = platformPostId(link.platform, link.url);
      if (claimed.has(`${link.platform}:${postId}`)) throw new Error(`seed: post ${postId} claimed twice`);
      claimed.add(`${link.platform}:${postId}`);
      const postedAt = daysFromNow(ctx, link.postedDay);
      const linkId = newId('pln', createdAt.getTime());
      links.push({
        id: linkId,
        submissionId: id,
        platform: link.platform,
        url: link.url,
        platformPostId: postId,
        postedAt,
        linkCheckStatus: link.check,
        lastCheckedAt: link.check === 'UNCHECKED' ? null : daysFromNow(ctx, Math.max(link.postedDay + 1, -3)),
        createdAt,
      });
      const seededSnapshots = link.snapshots.map((snap) => {
        const row = snapshotRow(ctx, users, linkId, snap);
        snapshots.push(row);
        return {
          id: row.id as string,
          viewCount: BigInt(snap.views),
          capturedAt: row.capturedAt as Date,
          status: snap.status,
          verifiedAt: (row.verifiedAt as Date | null) ?? null,
        };
      });
      seededLinks.push({ id: linkId, postedAt, snapshots: seededSnapshots });
    }
    seeded[spec.key] = {
      id,
      key: spec.key,
      campaign: campaigns[spec.campaign],
      clipper: spec.clipper,
      links: seededLinks,
      accruals: spec.accruals,
    };
  }

  await ctx.tx.submission.createMany({ data: submissions });
  await ctx.tx.upload.createMany({ data: clips });
  await ctx.tx.postLink.createMany({ data: links });
  await ctx.tx.viewSnapshot.createMany({ data: snapshots });
  ctx.log(`seed: ${submissions.length} submissions, ${links.length} post links, ${snapshots.length} view snapshots`);
  return seeded;
}

/** A snapshot row; VERIFIED and DISPUTED ones were verified by the moderator two hours after capture. */
function snapshotRow(
  ctx: SeedContext,
  users: Record<UserKey, string>,
  postLinkId: string,
  snap: SnapshotSpec,
): Prisma.ViewSnapshotCreateManyInput {
  const capturedAt = daysFromNow(ctx, snap.day);
  const verified = snap.status === 'VERIFIED' || snap.status === 'DISPUTED';
  const id = newId('vsn', capturedAt.getTime());
  const reviewedAt = addHours(capturedAt, 2);
  if (snap.status !== 'PENDING') {
    ctx.audits.push({
      at: reviewedAt,
      actorType: 'ADMIN',
      actorId: users.moderator,
      action: verified ? 'view_snapshot.verified' : 'view_snapshot.rejected',
      subjectType: 'ViewSnapshot',
      subjectId: id,
      before: { status: 'PENDING' },
      after: { status: verified ? 'VERIFIED' : 'REJECTED', viewCount: snap.views, note: snap.note ?? null },
    });
  }
  return {
    id,
    postLinkId,
    viewCount: BigInt(snap.views),
    capturedAt,
    source: snap.source,
    evidenceNote: snap.note ?? EVIDENCE_NOTE[snap.source],
    evidenceKey: snap.source === 'CLIPPER' ? `evidence/demo/${id}.png` : null,
    status: snap.status,
    verifiedById: verified ? users.moderator : null,
    verifiedAt: verified ? reviewedAt : null,
    createdAt: capturedAt,
  };
}

function auditReview(ctx: SeedContext, users: Record<UserKey, string>, spec: SubmissionSpec, id: string, at: Date) {
  const action = { APPROVED: 'approved', REJECTED: 'rejected', REMOVED: 'removed', PENDING_REVIEW: '' }[spec.status];
  ctx.audits.push({
    at,
    actorType: 'ADMIN',
    actorId: users.moderator,
    action: `submission.${action}`,
    subjectType: 'Submission',
    subjectId: id,
    before: { status: spec.status === 'REMOVED' ? 'APPROVED' : 'PENDING_REVIEW' },
    after: { status: spec.status, rejectionReasonCode: spec.rejection?.code ?? null },
  });
}

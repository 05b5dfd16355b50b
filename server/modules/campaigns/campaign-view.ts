import type { Prisma } from '@prisma/client';
import { centsToWire } from '../../shared/money.js';
import type { CampaignStatus } from './schemas.js';

export const CAMPAIGN_SUMMARY_SELECT = {
  id: true,
  brandId: true,
  title: true,
  brief: true,
  targetPlatforms: true,
  totalBudgetCents: true,
  reservedBudgetCents: true,
  cpmCents: true,
  maxPayoutPerSubmissionCents: true,
  minViews: true,
  applicationMode: true,
  status: true,
  startsAt: true,
  endsAt: true,
  createdAt: true,
  brand: { select: { brandProfile: { select: { companyName: true } } } },
} as const satisfies Prisma.CampaignSelect;

export const CAMPAIGN_SELECT = {
  ...CAMPAIGN_SUMMARY_SELECT,
  countingWindowDays: true,
  holdDays: true,
  commissionBps: true,
  discardReason: true,
  updatedAt: true,
  assets: {
    select: { id: true, filename: true, contentType: true, sizeBytes: true },
    orderBy: { id: 'asc' },
  },
} as const satisfies Prisma.CampaignSelect;

type SummaryRow = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_SUMMARY_SELECT }>;
type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_SELECT }>;

/** A campaign in lists: money as integer cents (JSON numbers; budgets are capped far below 2^53). */
export function toCampaignSummary(row: SummaryRow) {
  return {
    id: row.id,
    brandId: row.brandId,
    brandName: row.brand.brandProfile?.companyName ?? null,
    title: row.title,
    brief: row.brief,
    targetPlatforms: row.targetPlatforms,
    totalBudgetCents: centsToWire(row.totalBudgetCents),
    remainingBudgetCents: centsToWire(row.totalBudgetCents - row.reservedBudgetCents),
    cpmCents: row.cpmCents,
    maxPayoutPerSubmissionCents: row.maxPayoutPerSubmissionCents,
    minViews: row.minViews,
    applicationMode: row.applicationMode,
    status: row.status as CampaignStatus,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
  };
}

export type CampaignSummary = ReturnType<typeof toCampaignSummary>;

export function toCampaignView(row: CampaignRow, myApplication: { id: string; status: string } | null = null) {
  return {
    ...toCampaignSummary(row),
    assets: row.assets,
    countingWindowDays: row.countingWindowDays,
    holdDays: row.holdDays,
    commissionBps: row.commissionBps,
    discardReason: row.discardReason,
    updatedAt: row.updatedAt,
    myApplication,
  };
}

export type CampaignView = ReturnType<typeof toCampaignView>;

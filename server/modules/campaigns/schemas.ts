import { z } from 'zod';
import { idOf } from '../../shared/id-schema.js';
import { INT4_MAX, instantInput } from '../../shared/input-bounds.js';
import { pageQueryFields, pageSchema } from '../../shared/pagination.js';

export const PLATFORMS = ['TIKTOK', 'YOUTUBE', 'INSTAGRAM', 'X'] as const;
export const CAMPAIGN_STATUSES = ['PENDING_APPROVAL', 'IN_PROGRESS', 'UNDER_REVIEW', 'FINISHED', 'DISCARDED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaignId = idOf('cmp', 'a campaign');
export const uploadId = idOf('upl', 'an upload');

/** Integer cents; the largest budget a campaign may hold is $100M (a BIGINT column). */
const cents = (max: number) => z.number().int().min(1).max(max);
const MAX_BUDGET_CENTS = 10_000_000_000;

const campaignFields = {
  title: z.string().trim().min(3).max(120),
  brief: z.string().trim().min(10).max(10_000),
  /** Confirmed CAMPAIGN_ASSET uploads of the brand (raw footage); the list replaces the current assets. */
  assetUploadIds: z.array(uploadId).max(20),
  targetPlatforms: z
    .array(z.enum(PLATFORMS))
    .min(1)
    .max(PLATFORMS.length)
    .refine((list) => new Set(list).size === list.length, 'lists a platform twice'),
  totalBudgetCents: cents(MAX_BUDGET_CENTS),
  /** Cents paid per 1,000 verified views. */
  cpmCents: cents(1_000_000),
  // An INT4 column: at most $21,474,836.47 for one clip.
  maxPayoutPerSubmissionCents: cents(INT4_MAX).nullable(),
  minViews: z.number().int().min(0).max(1_000_000_000),
  countingWindowDays: z.number().int().min(1).max(365),
  holdDays: z.number().int().min(0).max(90),
  applicationMode: z.enum(['OPEN', 'REVIEW']),
  startsAt: instantInput(),
  endsAt: instantInput(),
};

export const createCampaignBody = z
  .object({
    ...campaignFields,
    assetUploadIds: campaignFields.assetUploadIds.default([]),
    maxPayoutPerSubmissionCents: campaignFields.maxPayoutPerSubmissionCents.default(null),
    minViews: campaignFields.minViews.default(0),
    countingWindowDays: campaignFields.countingWindowDays.default(30),
    holdDays: campaignFields.holdDays.default(3),
    applicationMode: campaignFields.applicationMode.default('OPEN'),
    startsAt: campaignFields.startsAt.optional(),
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

/** Any subset of the fields; the combined result is checked again (budget caps, dates). */
export const updateCampaignBody = z
  .object(campaignFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

export const campaignStatusBody = z
  .object({
    status: z.enum(CAMPAIGN_STATUSES),
    /** Required when discarding: the brand reads it. */
    reason: z.string().trim().min(3).max(1000).optional(),
  })
  .strict();

export const CAMPAIGN_SORTS = ['newest', 'cpm', 'ending'] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

export const listCampaignsQuery = z
  .object({
    ...pageQueryFields,
    platform: z.enum(PLATFORMS).optional(),
    minCpmCents: z.coerce.number().int().min(0).max(1_000_000).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    status: z.enum(CAMPAIGN_STATUSES).optional(),
    brandId: idOf('usr', 'a brand').optional(),
    sort: z.enum(CAMPAIGN_SORTS).default('newest'),
  })
  .strict();
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

const iso = z.iso.datetime();
const assetSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int().nullable(),
  })
  .strict();

export const campaignSummarySchema = z
  .object({
    id: z.string(),
    brandId: z.string(),
    brandName: z.string().nullable(),
    title: z.string(),
    brief: z.string(),
    targetPlatforms: z.array(z.enum(PLATFORMS)),
    totalBudgetCents: z.number().int(),
    remainingBudgetCents: z.number().int(),
    cpmCents: z.number().int(),
    maxPayoutPerSubmissionCents: z.number().int().nullable(),
    minViews: z.number().int(),
    applicationMode: z.enum(['OPEN', 'REVIEW']),
    status: z.enum(CAMPAIGN_STATUSES),
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    createdAt: iso,
  })
  .strict();

export const campaignSchema = campaignSummarySchema
  .extend({
    assets: z.array(assetSchema),
    countingWindowDays: z.number().int(),
    holdDays: z.number().int(),
    commissionBps: z.number().int().nullable(),
    discardReason: z.string().nullable(),
    updatedAt: iso,
    /** For a clipper: their application to this campaign, if any. */
    myApplication: z.object({ id: z.string(), status: z.string() }).strict().nullable(),
  })
  .strict();

export const campaignPageSchema = pageSchema(campaignSummarySchema);

import { z } from 'zod';
import { idOf } from '../../shared/id-schema.js';
import { INT4_MAX, instantInput } from '../../shared/input-bounds.js';
import { centsSchema } from '../../shared/money.js';
import { orNull } from '../../shared/or-null.js';
import { pageQueryFields, pageSchema } from '../../shared/pagination.js';
import { storableString } from '../../shared/storable-text.js';
import { applicationStatusSchema } from '../applications/schemas.js';
import { contentTypeSchema } from '../storage/upload-view.js';

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
    reason: storableString().trim().min(3).max(1000).optional(),
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

// Answers: named components in the OpenAPI document (`id`), enums where the server has a fixed set.
export const platformSchema = z.enum(PLATFORMS).meta({ id: 'Platform' });
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES).meta({ id: 'CampaignStatus' });
const applicationModeSchema = z.enum(['OPEN', 'REVIEW']).meta({ id: 'ApplicationMode' });

const iso = z.iso.datetime();
/** A stored file as shown on what it is attached to (campaign assets, a submission's clip). */
export const attachedFileSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: contentTypeSchema,
    sizeBytes: z.number().int().nullable(),
  })
  .strict()
  .meta({ id: 'AttachedFile' });

export const campaignSummarySchema = z
  .object({
    id: z.string(),
    brandId: z.string(),
    brandName: z.string().nullable(),
    title: z.string(),
    brief: z.string(),
    targetPlatforms: z.array(platformSchema),
    totalBudgetCents: centsSchema,
    remainingBudgetCents: centsSchema,
    cpmCents: centsSchema,
    maxPayoutPerSubmissionCents: orNull(centsSchema),
    minViews: z.number().int(),
    applicationMode: applicationModeSchema,
    status: campaignStatusSchema,
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    createdAt: iso,
  })
  .strict()
  .meta({ id: 'CampaignSummary' });

export const campaignSchema = campaignSummarySchema
  .extend({
    assets: z.array(attachedFileSchema),
    countingWindowDays: z.number().int(),
    holdDays: z.number().int(),
    commissionBps: z.number().int().nullable(),
    discardReason: z.string().nullable(),
    updatedAt: iso,
    /** For a clipper: their application to this campaign, if any. */
    myApplication: z.object({ id: z.string(), status: applicationStatusSchema }).strict().nullable(),
  })
  .strict()
  .meta({ id: 'Campaign' });

export const campaignPageSchema = pageSchema(campaignSummarySchema).meta({ id: 'CampaignPage' });

import { z } from 'zod';
import { centsSchema } from '../../shared/money.js';
import { CAMPAIGN_STATUSES, campaignStatusSchema } from '../campaigns/schemas.js';
import { SUBMISSION_STATUSES } from '../submissions/schemas.js';

const count = z.number().int();
export const submissionCountsSchema = z
  .object(
    Object.fromEntries(SUBMISSION_STATUSES.map((status) => [status, count])) as Record<
      (typeof SUBMISSION_STATUSES)[number],
      typeof count
    >,
  )
  .strict()
  .meta({ id: 'SubmissionCounts' });

const brandCampaignFigures = z
  .object({
    id: z.string(),
    title: z.string(),
    status: campaignStatusSchema,
    totalBudgetCents: centsSchema,
    /** Budget reserved by accrued earnings (gross), paid or not. */
    committedCents: centsSchema,
    /** Gross of the earnings already paid out to clippers. */
    paidCents: centsSchema,
    verifiedViews: z.number().int(),
    submissions: submissionCountsSchema,
  })
  .strict();

export const brandDashboardSchema = z
  .object({
    role: z.literal('BRAND'),
    totals: brandCampaignFigures
      .omit({ id: true, title: true, status: true })
      .extend({ campaigns: count })
      .meta({ id: 'BrandTotals' }),
    campaigns: z.array(brandCampaignFigures.meta({ id: 'BrandCampaignFigures' })),
  })
  .strict()
  .meta({ id: 'BrandDashboard' });

export const clipperDashboardSchema = z
  .object({
    role: z.literal('CLIPPER'),
    /** Net of commission, in cents: in hold, ready for the next payout, in a payout under way, paid. */
    earnings: z
      .object({
        pendingCents: centsSchema,
        availableCents: centsSchema,
        inPayoutCents: centsSchema,
        paidCents: centsSchema,
      })
      .strict()
      .meta({ id: 'ClipperEarnings' }),
    verifiedViews: z.number().int(),
    submissions: submissionCountsSchema,
    applications: z.object({ PENDING: count, APPROVED: count, REJECTED: count, WITHDRAWN: count }).strict(),
  })
  .strict()
  .meta({ id: 'ClipperDashboard' });

export const adminDashboardSchema = z
  .object({
    role: z.literal('ADMIN'),
    campaigns: z
      .object(
        Object.fromEntries(CAMPAIGN_STATUSES.map((status) => [status, count])) as Record<
          (typeof CAMPAIGN_STATUSES)[number],
          typeof count
        >,
      )
      .strict(),
    submissions: submissionCountsSchema,
  })
  .strict()
  .meta({ id: 'AdminDashboard' });

/** One of three shapes, told apart by `role`. */
export const dashboardSchema = z
  .discriminatedUnion('role', [brandDashboardSchema, clipperDashboardSchema, adminDashboardSchema])
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;

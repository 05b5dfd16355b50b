import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../campaigns/schemas.js';
import { SUBMISSION_STATUSES } from '../submissions/schemas.js';

const count = z.number().int();
export const submissionCountsSchema = z
  .object(
    Object.fromEntries(SUBMISSION_STATUSES.map((status) => [status, count])) as Record<
      (typeof SUBMISSION_STATUSES)[number],
      typeof count
    >,
  )
  .strict();

const brandCampaignFigures = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    totalBudgetCents: z.number().int(),
    /** Budget reserved by accrued earnings (gross), paid or not. */
    committedCents: z.number().int(),
    /** Gross of the earnings already paid out to clippers. */
    paidCents: z.number().int(),
    verifiedViews: z.number().int(),
    submissions: submissionCountsSchema,
  })
  .strict();

export const brandDashboardSchema = z
  .object({
    role: z.literal('BRAND'),
    totals: brandCampaignFigures.omit({ id: true, title: true, status: true }).extend({ campaigns: count }),
    campaigns: z.array(brandCampaignFigures),
  })
  .strict();

export const clipperDashboardSchema = z
  .object({
    role: z.literal('CLIPPER'),
    /** Net of commission, in cents: in hold, ready for the next payout, in a payout under way, paid. */
    earnings: z
      .object({
        pendingCents: z.number().int(),
        availableCents: z.number().int(),
        inPayoutCents: z.number().int(),
        paidCents: z.number().int(),
      })
      .strict(),
    verifiedViews: z.number().int(),
    submissions: submissionCountsSchema,
    applications: z.object({ PENDING: count, APPROVED: count, REJECTED: count, WITHDRAWN: count }).strict(),
  })
  .strict();

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
  .strict();

export const dashboardSchema = z.discriminatedUnion('role', [
  brandDashboardSchema,
  clipperDashboardSchema,
  adminDashboardSchema,
]);
export type Dashboard = z.infer<typeof dashboardSchema>;

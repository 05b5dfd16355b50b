import { z } from 'zod';
import { idOf } from '../../shared/id-schema.js';
import { pageQueryFields, pageSchema } from '../../shared/pagination.js';

export const APPLICATION_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;

export const applyBody = z
  .object({
    /** Why the brand should pick this clipper (shown to the brand in REVIEW mode). */
    pitch: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const decisionBody = z.object({ decision: z.enum(['APPROVE', 'REJECT']) }).strict();

export const listApplicationsQuery = z
  .object({
    ...pageQueryFields,
    campaignId: idOf('cmp', 'a campaign').optional(),
    status: z.enum(APPLICATION_STATUSES).optional(),
  })
  .strict();
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuery>;

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES).meta({ id: 'ApplicationStatus' });

export const applicationSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    campaignTitle: z.string(),
    clipperId: z.string(),
    clipperName: z.string().nullable(),
    status: applicationStatusSchema,
    pitch: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .strict()
  .meta({ id: 'Application' });

export const applicationPageSchema = pageSchema(applicationSchema).meta({ id: 'ApplicationPage' });

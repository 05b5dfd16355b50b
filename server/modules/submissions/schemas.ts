import { LinkCheckStatus } from '@prisma/client';
import { z } from 'zod';
import { idOf } from '../../shared/id-schema.js';
import { orNull } from '../../shared/or-null.js';
import { pageQueryFields, pageSchema } from '../../shared/pagination.js';
import { attachedFileSchema, platformSchema } from '../campaigns/schemas.js';

export const SUBMISSION_STATUSES = ['PENDING_REVIEW', 'APPROVED', 'REJECTED', 'REMOVED'] as const;
export const REJECTION_REASONS = [
  'OFF_BRIEF',
  'LOW_QUALITY',
  'MISSING_DISCLOSURE',
  'WRONG_PLATFORM',
  'BROKEN_LINK',
  'BRAND_SAFETY',
  'DUPLICATE',
  'OTHER',
] as const;

const postUrls = z
  .array(z.string().trim().min(1).max(2048))
  .min(1)
  .max(10)
  .describe('Links to the posted clip: TikTok, YouTube Shorts, Instagram Reels or X');

const submissionFields = {
  /** A confirmed SUBMISSION_CLIP upload of the clipper: the edited clip. */
  clipUploadId: idOf('upl', 'an upload'),
  links: postUrls,
  caption: z.string().trim().max(2200).nullable(),
};

export const createSubmissionBody = z
  .object({ ...submissionFields, caption: submissionFields.caption.optional() })
  .strict();
export type CreateSubmissionInput = z.infer<typeof createSubmissionBody>;

export const updateSubmissionBody = z
  .object(submissionFields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'names no field to change');
export type UpdateSubmissionInput = z.infer<typeof updateSubmissionBody>;

export const reviewSubmissionBody = z
  .object({
    decision: z.enum(['APPROVE', 'REJECT']),
    /** Required when rejecting. */
    reasonCode: z.enum(REJECTION_REASONS).optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type ReviewSubmissionInput = z.infer<typeof reviewSubmissionBody>;

export const listSubmissionsQuery = z
  .object({
    ...pageQueryFields,
    status: z.enum(SUBMISSION_STATUSES).optional(),
    campaignId: idOf('cmp', 'a campaign').optional(),
  })
  .strict();
export type ListSubmissionsQuery = z.infer<typeof listSubmissionsQuery>;

export const submissionStatusSchema = z.enum(SUBMISSION_STATUSES).meta({ id: 'SubmissionStatus' });
export const rejectionReasonSchema = z.enum(REJECTION_REASONS).meta({ id: 'RejectionReason' });
const linkCheckStatusSchema = z.enum(LinkCheckStatus).meta({ id: 'LinkCheckStatus' });

const iso = z.iso.datetime();
export const submissionSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    campaignTitle: z.string(),
    clipperId: z.string(),
    clipperName: z.string().nullable(),
    status: submissionStatusSchema,
    caption: z.string().nullable(),
    clip: orNull(attachedFileSchema),
    links: z.array(
      z
        .object({
          id: z.string(),
          platform: platformSchema,
          url: z.string(),
          platformPostId: z.string(),
          linkCheckStatus: linkCheckStatusSchema,
          /** Set once the submission was rejected: the post may be submitted again. */
          releasedAt: iso.nullable(),
        })
        .strict()
        .meta({ id: 'PostLink' }),
    ),
    rejectionReasonCode: orNull(rejectionReasonSchema),
    rejectionNote: z.string().nullable(),
    reviewedAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .strict()
  .meta({ id: 'Submission' });

export const submissionPageSchema = pageSchema(submissionSchema).meta({ id: 'SubmissionPage' });

import type { z } from 'zod';
import { createSubmission } from '../../modules/submissions/create-submission.js';
import { getSubmission, listSubmissions } from '../../modules/submissions/list-submissions.js';
import { reviewSubmission } from '../../modules/submissions/review-submission.js';
import {
  createSubmissionBody,
  listSubmissionsQuery,
  reviewSubmissionBody,
  submissionPageSchema,
  submissionSchema,
  updateSubmissionBody,
} from '../../modules/submissions/schemas.js';
import { updateSubmission } from '../../modules/submissions/update-submission.js';
import { idParams } from '../../shared/id-schema.js';
import { defineRoute } from '../route.js';

const campaignParams = idParams('cmp', 'a campaign');
const submissionParams = idParams('sub', 'a submission');
const campaignSubmissionsQuery = listSubmissionsQuery.omit({ campaignId: true });
type Id = { id: string };

export const submissionRoutes = [
  defineRoute<z.infer<typeof createSubmissionBody>, Id>({
    method: 'post',
    path: '/campaigns/:id/submissions',
    tag: 'submissions',
    summary: 'Submit an edited clip (a confirmed upload) and 1–10 links where it is posted (approved clippers)',
    auth: 'user',
    params: campaignParams,
    body: createSubmissionBody,
    status: 201,
    idempotent: true,
    response: submissionSchema,
    handle: ({ ctx, actor, params, body }) => createSubmission(ctx, actor, params.id, body),
  }),
  defineRoute<undefined, Id, z.infer<typeof campaignSubmissionsQuery>>({
    method: 'get',
    path: '/campaigns/:id/submissions',
    tag: 'submissions',
    summary: 'A campaign’s submissions: all of them for its brand and admins, their own for a clipper',
    auth: 'user',
    params: campaignParams,
    query: campaignSubmissionsQuery,
    response: submissionPageSchema,
    handle: ({ ctx, actor, params, query }) => listSubmissions(ctx, actor, { ...query, campaignId: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/submissions',
    tag: 'submissions',
    summary: 'Submissions: a clipper’s own, those to a brand’s campaigns, all for admins',
    auth: 'user',
    query: listSubmissionsQuery,
    response: submissionPageSchema,
    errors: { 404: 'The `campaignId` names no campaign you can see (NOT_FOUND).' },
    handle: ({ ctx, actor, query }) => listSubmissions(ctx, actor, query),
  }),
  defineRoute<undefined, Id>({
    method: 'get',
    path: '/submissions/:id',
    tag: 'submissions',
    summary: 'One submission with its clip and links',
    auth: 'user',
    params: submissionParams,
    response: submissionSchema,
    handle: ({ ctx, actor, params }) => getSubmission(ctx, actor, params.id),
  }),
  defineRoute<z.infer<typeof updateSubmissionBody>, Id>({
    method: 'patch',
    path: '/submissions/:id',
    tag: 'submissions',
    summary: 'Change the clip, links or caption while the submission waits for review (its clipper)',
    auth: 'user',
    params: submissionParams,
    body: updateSubmissionBody,
    response: submissionSchema,
    handle: ({ ctx, actor, params, body }) => updateSubmission(ctx, actor, params.id, body),
  }),
  defineRoute<z.infer<typeof reviewSubmissionBody>, Id>({
    method: 'post',
    path: '/submissions/:id/review',
    tag: 'submissions',
    summary: 'Approve, or reject with a reason code, a pending submission (the campaign’s brand, or a moderator)',
    auth: 'user',
    params: submissionParams,
    body: reviewSubmissionBody,
    response: submissionSchema,
    handle: ({ ctx, actor, params, body }) => reviewSubmission(ctx, actor, params.id, body),
  }),
];

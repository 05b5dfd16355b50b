import { z } from 'zod';
import { applyToCampaign } from '../../modules/applications/apply-to-campaign.js';
import { decideApplication } from '../../modules/applications/decide-application.js';
import { listApplications } from '../../modules/applications/list-applications.js';
import {
  applicationPageSchema,
  applicationSchema,
  applyBody,
  decisionBody,
  listApplicationsQuery,
} from '../../modules/applications/schemas.js';
import { withdrawApplication } from '../../modules/applications/withdraw-application.js';
import { idParams } from '../../shared/id-schema.js';
import { defineRoute } from '../route.js';

const campaignParams = idParams('cmp', 'a campaign');
const applicationParams = idParams('app', 'an application');
type Id = { id: string };

export const applicationRoutes = [
  defineRoute<z.infer<typeof applyBody>, Id>({
    method: 'post',
    path: '/campaigns/:id/apply',
    tag: 'applications',
    summary:
      'Apply to a campaign in progress (clippers); OPEN campaigns approve at once, REVIEW ones wait for the brand',
    auth: 'user',
    params: campaignParams,
    body: applyBody,
    status: 201,
    idempotent: true,
    response: applicationSchema,
    handle: ({ ctx, actor, params, body }) => applyToCampaign(ctx, actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/applications',
    tag: 'applications',
    summary: 'Applications: a clipper’s own, those to a brand’s campaigns, all for admins',
    auth: 'user',
    query: listApplicationsQuery,
    response: applicationPageSchema,
    handle: ({ ctx, actor, query }) => listApplications(ctx, actor, query),
  }),
  defineRoute<z.infer<typeof decisionBody>, Id>({
    method: 'post',
    path: '/applications/:id/decision',
    tag: 'applications',
    summary: 'Approve or reject a pending application (the campaign’s brand, or a moderator)',
    auth: 'user',
    params: applicationParams,
    body: decisionBody,
    response: applicationSchema,
    handle: ({ ctx, actor, params, body }) => decideApplication(ctx, actor, params.id, body),
  }),
  defineRoute<Record<string, never>, Id>({
    method: 'post',
    path: '/applications/:id/withdraw',
    tag: 'applications',
    summary: 'Withdraw your application (clippers)',
    auth: 'user',
    params: applicationParams,
    body: z.object({}).strict(),
    response: applicationSchema,
    handle: ({ ctx, actor, params }) => withdrawApplication(ctx, actor, params.id),
  }),
];

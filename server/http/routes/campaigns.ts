import type { z } from 'zod';
import { changeCampaignStatus } from '../../modules/campaigns/change-campaign-status.js';
import { createCampaign } from '../../modules/campaigns/create-campaign.js';
import { getCampaign } from '../../modules/campaigns/get-campaign.js';
import { listCampaigns } from '../../modules/campaigns/list-campaigns.js';
import {
  campaignPageSchema,
  campaignSchema,
  campaignStatusBody,
  createCampaignBody,
  listCampaignsQuery,
  updateCampaignBody,
} from '../../modules/campaigns/schemas.js';
import { updateCampaign } from '../../modules/campaigns/update-campaign.js';
import { idParams } from '../../shared/id-schema.js';
import { defineRoute } from '../route.js';

const campaignParams = idParams('cmp', 'a campaign');
type CampaignParams = z.infer<typeof campaignParams>;

export const campaignRoutes = [
  defineRoute({
    method: 'get',
    path: '/campaigns',
    tag: 'campaigns',
    summary:
      'Browse campaigns: clippers see those in progress, brands their own in every status, admins all. Filters, sort, cursor pages',
    auth: 'user',
    query: listCampaignsQuery,
    response: campaignPageSchema,
    handle: ({ ctx, actor, query }) => listCampaigns(ctx, actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/campaigns',
    tag: 'campaigns',
    summary: 'Submit a campaign (brands); it waits for an admin’s approval',
    auth: 'user',
    body: createCampaignBody,
    status: 201,
    idempotent: true,
    response: campaignSchema,
    handle: ({ ctx, actor, body }) => createCampaign(ctx, actor, body),
  }),
  defineRoute<undefined, CampaignParams>({
    method: 'get',
    path: '/campaigns/:id',
    tag: 'campaigns',
    summary: 'One campaign with its raw assets',
    auth: 'user',
    params: campaignParams,
    response: campaignSchema,
    handle: ({ ctx, actor, params }) => getCampaign(ctx, actor, params.id),
  }),
  defineRoute<z.infer<typeof updateCampaignBody>, CampaignParams>({
    method: 'patch',
    path: '/campaigns/:id',
    tag: 'campaigns',
    summary: 'Edit a campaign while it waits for approval (its brand)',
    auth: 'user',
    params: campaignParams,
    body: updateCampaignBody,
    response: campaignSchema,
    handle: ({ ctx, actor, params, body }) => updateCampaign(ctx, actor, params.id, body),
  }),
  defineRoute<z.infer<typeof campaignStatusBody>, CampaignParams>({
    method: 'post',
    path: '/campaigns/:id/status',
    tag: 'campaigns',
    summary:
      'Move a campaign: approve (admin), discard with a reason (admin; its brand while pending), close for review (admin), finish (admin or its brand, once every submission is reviewed)',
    auth: 'user',
    params: campaignParams,
    body: campaignStatusBody,
    response: campaignSchema,
    handle: ({ ctx, actor, params, body }) => changeCampaignStatus(ctx, actor, params.id, body),
  }),
];

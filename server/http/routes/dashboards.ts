import { getDashboard } from '../../modules/dashboards/get-dashboard.js';
import { dashboardSchema } from '../../modules/dashboards/schemas.js';
import { defineRoute } from '../route.js';

export const dashboardRoutes = [
  defineRoute({
    method: 'get',
    path: '/me/dashboard',
    tag: 'dashboards',
    summary:
      'Your figures: a brand’s budget committed and paid, views and submissions per campaign; a clipper’s earnings (pending, available, paid), views and submissions',
    auth: 'user',
    response: dashboardSchema,
    handle: ({ ctx, actor }) => getDashboard(ctx, actor),
  }),
];

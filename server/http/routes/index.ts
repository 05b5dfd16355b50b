import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../route.js';
import { applicationRoutes } from './applications.js';
import { authRoutes } from './auth.js';
import { campaignRoutes } from './campaigns.js';
import { dashboardRoutes } from './dashboards.js';
import { socialRoutes } from './social.js';
import { submissionRoutes } from './submissions.js';
import { uploadRoutes } from './uploads.js';
import { userRoutes } from './users.js';

const indexRoute = defineRoute({
  method: 'get',
  path: '/',
  tag: 'meta',
  summary: 'API name and version',
  auth: 'public',
  response: z.object({ name: z.string(), version: z.string() }).strict().meta({ id: 'ApiInfo' }),
  handle: async () => ({ name: 'ContentFlow API', version: 'v1' }),
});

/** Every /api/v1 route. The authorization-matrix test fails when one here is missing from its table. */
export const API_ROUTES: RouteSpec[] = [
  indexRoute,
  ...authRoutes,
  ...userRoutes,
  ...socialRoutes,
  ...campaignRoutes,
  ...applicationRoutes,
  ...submissionRoutes,
  ...dashboardRoutes,
  ...uploadRoutes,
];

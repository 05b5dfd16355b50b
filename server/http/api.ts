import express, { Router } from 'express';
import type { Config } from '../config.js';

/** The public API under /api/v1. Domain routers join here as their issues land. */
export function apiRouter(config: Config): Router {
  const router = Router();
  router.use(express.json({ limit: config.JSON_BODY_LIMIT, strict: true }));
  router.get('/', (_req, res) => {
    res.json({ name: 'ContentFlow API', version: 'v1' });
  });
  return router;
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type RequestHandler, Router } from 'express';

const adminjsEntry = createRequire(import.meta.url).resolve('adminjs');
const scripts = path.join(path.dirname(adminjsEntry), 'lib/frontend/assets/scripts');
// Where AdminJS itself looks for its design system (backend/utils/router/router.js).
const designSystem = path.dirname(createRequire(adminjsEntry).resolve('@adminjs/design-system'));

/** AdminJS's front-end bundles as its pages name them, and the minified production builds it ships of each. */
const PRODUCTION_BUNDLES: Readonly<Record<string, string>> = {
  '/frontend/assets/global.bundle.js': path.join(scripts, 'global-bundle.production.js'),
  '/frontend/assets/app.bundle.js': path.join(scripts, 'app-bundle.production.js'),
  '/frontend/assets/design-system.bundle.js': path.join(designSystem, '..', 'bundle.production.js'),
};

for (const file of Object.values(PRODUCTION_BUNDLES)) {
  if (!existsSync(file)) throw new Error(`AdminJS's production bundle is missing: ${file}`);
}

/**
 * AdminJS serves its development bundles (25 MB, unminified) unless the whole process runs with
 * NODE_ENV=production, which `npm start` does not. Its prebuilt production ones work the same, so they are served
 * in every mode, ahead of AdminJS's own routes and without a session lookup.
 */
export function productionBundles(): Router {
  const router = Router();
  for (const [url, file] of Object.entries(PRODUCTION_BUNDLES)) {
    const send: RequestHandler = (_req, res, next) => {
      res.type('text/javascript');
      res.sendFile(file, (error) => error && next(error));
    };
    router.get(url, send);
  }
  return router;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

export const SITE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../site/dist');

/** Serves the built Astro site. The service worker and manifest must never be cached stale. */
export function siteRouter(distDir = SITE_DIST): Router | undefined {
  if (!existsSync(path.join(distDir, 'index.html'))) return undefined;
  return express.static(distDir, {
    index: 'index.html',
    extensions: ['html'],
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (name === 'sw.js' || name === 'registerSW.js' || name.endsWith('.webmanifest') || name.endsWith('.html')) {
        res.setHeader('Cache-Control', 'no-cache');
      } else if (filePath.includes(`${path.sep}_astro${path.sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
      if (name.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
    },
  }) as unknown as Router;
}

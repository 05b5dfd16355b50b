import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet everywhere. The site's Astro islands and AdminJS's bundle use inline bootstrap scripts, so those
 * two get 'unsafe-inline' scripts; nothing may load from another origin.
 */
const common = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

export const apiHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});

export const siteHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...common, scriptSrc: ["'self'", "'unsafe-inline'"], workerSrc: ["'self'"], manifestSrc: ["'self'"] },
  },
});

// AdminJS's prebuilt front end evaluates its component bundle at run time.
export const adminHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { ...common, scriptSrc: ["'self'", "'unsafe-inline'", "'unsafe-eval'"] },
  },
});

// Swagger UI at /api/docs (server/http/openapi.ts): scripts from this origin only (its bootstrap is a file);
// its page and components use inline styles.
export const docsHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { ...common, scriptSrc: ["'self'"] } },
});

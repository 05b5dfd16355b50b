import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Cross-origin browser access for the sites listed in CORS_ORIGINS (say, a front end on its own domain), with
 * credentials. Any other origin gets no CORS headers at all, so browsers keep its pages from reading our answers
 * and from sending anything a simple form could not. Listed origins also pass the cookie CSRF check
 * (authenticate.ts).
 */
export function corsFor(origins: string[]): RequestHandler {
  if (!origins.length) return (_req, _res, next) => next();
  const allowed = new Set(origins);
  const handle = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  return (req, res, next) => {
    // Answers differ by origin: caches must not hand one origin's answer to another.
    res.vary('Origin');
    handle(req, res, next);
  };
}

import type { Request, RequestHandler, Response } from 'express';
import { type ClientRateLimitInfo, type Options, type RateLimitInfo, rateLimit, type Store } from 'express-rate-limit';
import type { Services } from '../modules/context.js';
import { hitRateCounter, resetRateCounter, undoRateHit } from '../modules/system/rate-counter.js';
import { AppError } from '../shared/errors.js';

/** express-rate-limit's store interface over the shared PostgreSQL counters. */
class PostgresStore implements Store {
  localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly services: Pick<Services, 'db' | 'clock'>,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { hits, resetAt } = await hitRateCounter(
      this.services.db,
      this.prefix + key,
      this.windowMs,
      this.services.clock.now(),
    );
    return { totalHits: hits, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await undoRateHit(this.services.db, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await resetRateCounter(this.services.db, this.prefix + key);
  }
}

/** A per-IP limit answered with a 429 problem and Retry-After, counted in PostgreSQL so replicas share it. */
export function ipRateLimit(
  services: Pick<Services, 'db' | 'clock'>,
  name: string,
  limit: number,
  windowMs: number,
  /** Answers a limited request differently (a page instead of a problem); the Retry-After header is set. */
  onLimited?: (req: Request, res: Response) => void,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    store: new PostgresStore(services, `${name}:`),
    // An IPv6 client is its /64 network, as for the sign-in throttle (a host is routinely given a whole /64).
    ipv6Subnet: 64,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Which proxies to believe is TRUST_PROXY's decision; a client's own X-Forwarded-For is not a misconfiguration.
    validate: { xForwardedForHeader: false },
    handler: (req, res, next) => {
      const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? services.clock.now().getTime() + windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((resetTime - services.clock.now().getTime()) / 1000));
      if (onLimited) {
        res.setHeader('Retry-After', String(retryAfterSeconds));
        onLimited(req, res);
        return;
      }
      next(new AppError('RATE_LIMITED', 'Too many requests. Try again later.', { retryAfterSeconds }));
    },
  });
}

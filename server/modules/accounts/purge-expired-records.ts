import type { Services } from '../context.js';
import { IDEMPOTENCY_TTL_MS } from '../system/idempotency.js';
import { purgeRateCounters } from '../system/rate-counter.js';
import { REFRESH_GRACE_MS } from './refresh-session.js';

const DAY_MS = 86_400_000;
// Kept a while after expiry: per-address send limits count the last hour's codes, and support may ask.
const OTP_KEEP_MS = 7 * DAY_MS;
// Refresh tokens past expiry (or revoked) are useless; a week keeps reuse-detection evidence for recent ones.
const REFRESH_KEEP_MS = 7 * DAY_MS;

export interface PurgeResult {
  rateCounters: number;
  oauthStates: number;
  otpChallenges: number;
  refreshTokens: number;
  idempotencyRecords: number;
  loginThrottles: number;
  /** Rotated refresh tokens whose sealed successor was dropped: past the grace window nothing opens it. */
  sealedSuccessors: number;
}

/** Deletes sign-in leftovers and stored idempotent answers nobody can use any more, so the tables hold only live rows and recent history. */
export async function purgeExpiredRecords(services: Pick<Services, 'db' | 'clock'>): Promise<PurgeResult> {
  const { db } = services;
  const now = services.clock.now();
  const otpBefore = new Date(now.getTime() - OTP_KEEP_MS);
  const refreshBefore = new Date(now.getTime() - REFRESH_KEEP_MS);
  const idempotencyBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const graceOver = new Date(now.getTime() - REFRESH_GRACE_MS);
  const [
    rateCounters,
    oauthStates,
    otpChallenges,
    refreshTokens,
    idempotencyRecords,
    loginThrottles,
    sealedSuccessors,
  ] = await Promise.all([
    purgeRateCounters(db, now),
    db.oAuthState.deleteMany({ where: { expiresAt: { lt: now } } }).then((r) => r.count),
    db.otpChallenge.deleteMany({ where: { expiresAt: { lt: otpBefore } } }).then((r) => r.count),
    db.refreshToken
      .deleteMany({ where: { OR: [{ expiresAt: { lt: refreshBefore } }, { revokedAt: { lt: refreshBefore } }] } })
      .then((r) => r.count),
    // Retries come within minutes; a day is generous and keeps the table small.
    db.idempotencyRecord.deleteMany({ where: { createdAt: { lt: idempotencyBefore } } }).then((r) => r.count),
    db.loginThrottle.deleteMany({ where: { expiresAt: { lt: now } } }).then((r) => r.count),
    db.refreshToken
      .updateMany({
        where: { successorSealed: { not: null }, rotatedAt: { lt: graceOver } },
        data: { successorSealed: null },
      })
      .then((r) => r.count),
  ]);
  return {
    rateCounters,
    oauthStates,
    otpChallenges,
    refreshTokens,
    idempotencyRecords,
    loginThrottles,
    sealedSuccessors,
  };
}

import { describe, expect, it } from 'vitest';
import { startJobs } from '../../server/jobs/boss.js';
import { PURGE_QUEUE } from '../../server/jobs/purge-expired.js';
import { purgeExpiredRecords } from '../../server/modules/accounts/purge-expired-records.js';
import { newId } from '../../server/shared/ids.js';
import { createUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';
import { runJobNow } from '../helpers/jobs.js';

const ctx = setupTestApp('purge-expired');
const DAY = 86_400_000;

describe('purging expired sign-in records', () => {
  it('deletes what nobody can use any more and keeps live rows and recent history', async () => {
    const db = ctx.database.db;
    const { clock } = ctx.testApp;
    const user = await createUser(ctx.testApp, db, 'CLIPPER');
    const now = clock.now().getTime();
    const at = (offset: number) => new Date(now + offset);
    await db.rateLimitCounter.createMany({
      data: [
        { key: 'old', hits: 3, resetAt: at(-1) },
        { key: 'live', hits: 1, resetAt: at(60_000) },
      ],
    });
    await db.oAuthState.createMany({
      data: ['expired', 'live'].map((name, i) => ({
        id: newId('oas'),
        userId: user.id,
        platform: 'TIKTOK' as const,
        stateHash: name,
        codeVerifier: 'sealed',
        expiresAt: at(i === 0 ? -1 : 600_000),
      })),
    });
    const otp = (expiresAt: Date) => ({
      id: newId('otp'),
      userId: user.id,
      purpose: 'SIGNUP' as const,
      channel: 'EMAIL' as const,
      destination: user.email,
      codeHash: 'x',
      expiresAt,
    });
    await db.otpChallenge.createMany({ data: [otp(at(-8 * DAY)), otp(at(-1 * DAY)), otp(at(600_000))] });
    const refresh = (hash: string, expiresAt: Date, revokedAt: Date | null = null) => ({
      id: newId('rtk'),
      userId: user.id,
      familyId: hash,
      tokenHash: hash,
      expiresAt,
      revokedAt,
    });
    await db.refreshToken.createMany({
      data: [
        refresh('expired-long-ago', at(-8 * DAY)),
        refresh('revoked-long-ago', at(20 * DAY), at(-8 * DAY)),
        refresh('revoked-yesterday', at(20 * DAY), at(-DAY)),
        refresh('live', at(20 * DAY)),
        { ...refresh('rotated-a-minute-ago', at(20 * DAY)), rotatedAt: at(-60_000), successorSealed: 'sealed' },
        { ...refresh('rotated-just-now', at(20 * DAY)), rotatedAt: at(-1_000), successorSealed: 'sealed' },
      ],
    });
    await db.loginThrottle.createMany({
      data: [
        { key: 'forgotten|198.51.100.1', failures: 7, expiresAt: at(-1) },
        { key: 'remembered|198.51.100.1', failures: 7, expiresAt: at(DAY) },
      ],
    });

    const stored = (key: string, createdAt: Date) => ({
      id: newId('idm'),
      key,
      actorId: user.id,
      route: 'POST /campaigns',
      requestHash: 'h',
      statusCode: 201,
      responseBody: {},
      createdAt,
    });
    await db.idempotencyRecord.createMany({
      data: [stored('two-days-old', at(-2 * DAY)), stored('fresh', at(-60_000))],
    });

    expect(await purgeExpiredRecords(ctx.testApp.services)).toEqual({
      rateCounters: 1,
      oauthStates: 1,
      otpChallenges: 1,
      refreshTokens: 2,
      idempotencyRecords: 1,
      loginThrottles: 1,
      sealedSuccessors: 1,
    });
    expect((await db.loginThrottle.findMany()).map((r) => r.key)).toEqual(['remembered|198.51.100.1']);
    expect((await db.idempotencyRecord.findMany()).map((r) => r.key)).toEqual(['fresh']);
    expect((await db.rateLimitCounter.findMany()).map((r) => r.key)).toEqual(['live']);
    expect((await db.oAuthState.findMany()).map((r) => r.stateHash)).toEqual(['live']);
    expect(await db.otpChallenge.count()).toBe(2);
    const kept = await db.refreshToken.findMany({ orderBy: { id: 'asc' } });
    expect(kept.map((r) => [r.tokenHash, r.successorSealed])).toEqual([
      ['revoked-yesterday', null],
      ['live', null],
      ['rotated-a-minute-ago', null],
      ['rotated-just-now', 'sealed'],
    ]);
  });

  it('runs hourly on the job queue', async () => {
    const { services } = ctx.testApp;
    const jobs = await startJobs(ctx.database.url, services);
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((s) => s.name === PURGE_QUEUE)?.cron).toBe('17 * * * *');
      await ctx.database.db.rateLimitCounter.create({ data: { key: 'stale', hits: 1, resetAt: new Date(0) } });
      expect(await runJobNow(jobs, PURGE_QUEUE)).toBe('completed');
      expect(await ctx.database.db.rateLimitCounter.count({ where: { key: 'stale' } })).toBe(0);
    } finally {
      await jobs.stop();
    }
  });
});

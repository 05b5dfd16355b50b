import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../server/jobs/boss.js';
import { TIKTOK_REFRESH_QUEUE } from '../../server/jobs/tiktok-refresh.js';
import { openToken } from '../../server/modules/accounts/social-account-records.js';
import { refreshExpiringTikTokTokens } from '../../server/modules/accounts/tiktok/refresh-tiktok-tokens.js';
import { decryptSecret, keyIdOf } from '../../server/modules/accounts/token-cipher.js';
import { createTestApp } from '../helpers/app.js';
import { runJobNow } from '../helpers/jobs.js';
import { tiktokTestbed } from '../helpers/tiktok-testbed.js';

const { fake, ctx, db, createUser, connect, rowOf, openId } = await tiktokTestbed('tiktok-refresh');
const HOUR = 3_600_000;

describe('refreshing tokens', () => {
  beforeEach(async () => {
    await db().socialAccount.deleteMany();
  });

  const refreshAudit = (subjectId: string) =>
    db().auditEvent.findMany({
      where: { subjectId, action: { startsWith: 'social.tokens_' } },
      orderBy: { id: 'asc' },
    });

  it('refreshes the tokens that expire within the hour and seals the new ones', async () => {
    const soon = openId();
    const later = openId();
    await connect(await createUser(), soon);
    ctx.testApp.clock.advance(2 * HOUR);
    await connect(await createUser(), later);

    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 0, failed: 0 });
    // 24 h after the first connection, minus 30 min: only the first account is inside the window.
    ctx.testApp.clock.advance(21.5 * HOUR);
    const old = fake.tokensOf(soon);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 0 });

    const fresh = fake.tokensOf(soon);
    expect(fresh?.accessToken).not.toBe(old?.accessToken);
    const row = await rowOf(soon);
    if (!row) throw new Error('row missing');
    expect(openToken(ctx.testApp.config, row.id, 'access', row.accessTokenEnc as string)).toBe(fresh?.accessToken);
    expect(openToken(ctx.testApp.config, row.id, 'refresh', row.refreshTokenEnc as string)).toBe(fresh?.refreshToken);
    expect(row.tokenExpiresAt?.getTime()).toBe(ctx.testApp.clock.now().getTime() + 86_400_000);
    const audit = await refreshAudit(row.id);
    expect(audit.map((e) => [e.action, e.actorType])).toEqual([['social.tokens_refreshed', 'SYSTEM']]);
    expect(JSON.stringify(audit)).not.toContain(fresh?.accessToken);

    // The refresh call carried our credentials and the old refresh token, which TikTok has now rotated away.
    const call = fake.callsTo('/v2/oauth/token/').at(-1);
    expect(call?.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: old?.refreshToken });
  });

  it('counts failures without stopping, drops tokens TikTok refuses and keeps them through an outage', async () => {
    const flaky = openId();
    const refused = openId();
    const fine = openId();
    for (const id of [flaky, refused, fine]) {
      await connect(await createUser(), id);
      ctx.testApp.clock.advance(60_000);
    }
    fake.forget(refused);
    ctx.testApp.clock.advance(23.5 * HOUR);

    // Accounts are refreshed in expiry order (here: connection order); the first meets an outage.
    const ordered = await db().socialAccount.findMany({ orderBy: { tokenExpiresAt: 'asc' } });
    expect(ordered.map((r) => r.externalId)).toEqual([flaky, refused, fine]);
    fake.failNext('/v2/oauth/token/', 503);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 2 });

    const refusedRow = await rowOf(refused);
    expect(refusedRow).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null });
    expect((await refreshAudit(refusedRow?.id ?? '')).map((e) => e.action)).toEqual(['social.tokens_dropped']);
    const flakyRow = await rowOf(flaky);
    expect(flakyRow?.refreshTokenEnc).not.toBeNull();

    // The next run retries the one that met the outage and leaves the dropped one alone.
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 1, failed: 0 });
    const after = await rowOf(flaky);
    expect(openToken(ctx.testApp.config, after?.id ?? '', 'access', after?.accessTokenEnc ?? '')).toBe(
      fake.tokensOf(flaky)?.accessToken,
    );
  });

  it('stops a run early while TikTok is down, leaving the rest for the next run', async () => {
    const ids = [openId(), openId(), openId(), openId()];
    for (const id of ids) await connect(await createUser(), id);
    ctx.testApp.clock.advance(23.5 * HOUR);
    const before = fake.callsTo('/v2/oauth/token/').length;
    for (let i = 0; i < 3; i++) fake.failNext('/v2/oauth/token/', 503);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 0, failed: 3 });
    expect(fake.callsTo('/v2/oauth/token/').length - before).toBe(3);
    expect(await refreshExpiringTikTokTokens(ctx.testApp.services)).toEqual({ refreshed: 4, failed: 0 });
  });

  it('moves rows to the current key when the key rotates', async () => {
    const id = openId();
    await connect(await createUser(), id);
    const config = ctx.testApp.config;
    const rotated = {
      ...config,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOKEN_ENCRYPTION_KEY_ID: 'k2',
      TOKEN_ENCRYPTION_OLD_KEYS: `k1:${config.TOKEN_ENCRYPTION_KEY}`,
    };
    const services = { ...ctx.testApp.services, config: rotated };
    const before = await rowOf(id);
    expect(before?.encryptionKeyId).toBe('k1');
    // Rows under the old key still open with the rotated configuration.
    expect(openToken(rotated, before?.id ?? '', 'access', before?.accessTokenEnc ?? '')).toBe(
      fake.tokensOf(id)?.accessToken,
    );

    ctx.testApp.clock.advance(23.5 * HOUR);
    expect(await refreshExpiringTikTokTokens(services)).toEqual({ refreshed: 1, failed: 0 });
    const row = await rowOf(id);
    if (!row) throw new Error('row missing');
    expect(row.encryptionKeyId).toBe('k2');
    expect(keyIdOf(row.accessTokenEnc ?? '')).toBe('k2');
    expect(keyIdOf(row.refreshTokenEnc ?? '')).toBe('k2');
    expect(openToken(rotated, row.id, 'refresh', row.refreshTokenEnc ?? '')).toBe(fake.tokensOf(id)?.refreshToken);
    // The old configuration knows no key k2.
    expect(() => decryptSecret(config, row.accessTokenEnc ?? '', `social-account:${row.id}:access`)).toThrow(
      /no key with id "k2"/,
    );
    await db().socialAccount.deleteMany();
  });
});

describe('the refresh job', () => {
  it('is scheduled every ten minutes when TikTok is configured, and its worker runs the refresh', async () => {
    const { services } = ctx.testApp;
    const jobs = await startJobs(ctx.database.url, services);
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((s) => s.name === TIKTOK_REFRESH_QUEUE)?.cron).toBe('*/10 * * * *');
      const id = openId();
      await connect(await createUser(), id);
      const old = fake.tokensOf(id);
      ctx.testApp.clock.advance(23.5 * HOUR);

      expect(await runJobNow(jobs, TIKTOK_REFRESH_QUEUE)).toBe('completed');
      expect(fake.tokensOf(id)?.accessToken).not.toBe(old?.accessToken);
      const row = await rowOf(id);
      expect(openToken(services.config, row?.id ?? '', 'access', row?.accessTokenEnc ?? '')).toBe(
        fake.tokensOf(id)?.accessToken,
      );
    } finally {
      await jobs.stop();
    }
  });

  it('is unscheduled when TikTok is switched off', async () => {
    const off = await createTestApp(ctx.database.db, ctx.database.url);
    const jobs = await startJobs(ctx.database.url, off.services);
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.map((s) => s.name)).not.toContain(TIKTOK_REFRESH_QUEUE);
    } finally {
      await jobs.stop();
      await off.close();
    }
  });
});

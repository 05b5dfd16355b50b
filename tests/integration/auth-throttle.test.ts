import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../helpers/accounts.js';
import { createTestApp, setupTestApp } from '../helpers/app.js';
import { statusCounts } from '../helpers/status-counts.js';

/**
 * Failed sign-ins are throttled per client (address + IP) with growing waits, and per address across clients
 * with an hourly ceiling. The test app trusts the loopback proxy, so X-Forwarded-For names the client.
 */
const ctx = setupTestApp('auth-throttle');
const login = (email: string, password: string, ip: string, app = ctx.testApp.app) =>
  request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
const retryAfter = (res: request.Response) => Number(res.headers['retry-after']);

describe('one client guessing', () => {
  it('waits twice as long after each failure past the fifth, and cannot lock the owner out', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const attacker = '198.51.100.7';
    for (let i = 0; i < 5; i++) expect((await login(user.email, `wrong-${i}`, attacker)).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await login(user.email, `wrong-again-${round}`, attacker);
      expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
      waits.push(retryAfter(refused));
      // The right password from the attacker's address waits too: the check is not even made.
      expect((await login(user.email, TEST_PASSWORD, attacker)).status).toBe(429);
      // The owner, elsewhere, signs in all along.
      expect((await login(user.email, TEST_PASSWORD, '192.0.2.10')).status).toBe(200);
      ctx.testApp.clock.advance(retryAfter(refused) * 1000);
      expect((await login(user.email, `wrong-after-wait-${round}`, attacker)).status).toBe(401);
    }
    expect(waits).toEqual([30, 60, 120]);
    const failures = await ctx.database.db.auditEvent.count({
      where: { subjectId: user.id, action: 'auth.login_failed' },
    });
    expect(failures).toBe(8);
    // The right password, once the wait is over, clears the client's record.
    ctx.testApp.clock.advance(240_000);
    expect((await login(user.email, TEST_PASSWORD, attacker)).status).toBe(200);
    expect((await login(user.email, 'wrong-once-more', attacker)).status).toBe(401);
  });

  it('lets no more than five parallel guesses from one client reach the password check', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => login(user.email, `parallel-${i}`, '198.51.100.8')),
    );
    expect(statusCounts(results)).toEqual({ 401: 5, 429: 20 });
    expect(await ctx.database.db.auditEvent.count({ where: { subjectId: user.id, action: 'auth.login_failed' } })).toBe(
      5,
    );
  });
});

describe('one IPv6 network guessing', () => {
  it('counts every address of a /64 as one client', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    // One host with a /64 can pick a new address for each request.
    const inNetwork = (i: number) => `2001:db8:7:42:${i.toString(16)}::${i}`;
    for (let i = 1; i <= 5; i++) expect((await login(user.email, `v6-${i}`, inNetwork(i))).status).toBe(401);
    const refused = await login(user.email, 'v6-sixth', inNetwork(6));
    expect([refused.status, retryAfter(refused)]).toEqual([429, 30]);
    // The next network is another client, and the IPv4-mapped form of an address is that IPv4 address.
    expect((await login(user.email, 'v6-elsewhere', '2001:db8:7:43::1')).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await login(user.email, `v4-${i}`, '192.0.2.77')).status).toBe(401);
    expect((await login(user.email, 'v4-mapped', '::ffff:192.0.2.77')).status).toBe(429);
  });
});

describe('many clients guessing', () => {
  it('keeps the per-address ceiling across addresses, also for parallel guesses', async () => {
    const strict = await createTestApp(ctx.database.db, ctx.database.url, { env: { LOGIN_FAILURES_PER_HOUR: '10' } });
    try {
      const user = await createUser(strict, ctx.database.db, 'BRAND');
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(user.email, `botnet-${i}`, `203.0.113.${i + 1}`, strict.app)),
      );
      expect(statusCounts(results)).toEqual({ 401: 10, 429: 10 });
      // Past the ceiling the account is closed to everyone until the hour is over.
      const owner = await login(user.email, TEST_PASSWORD, '192.0.2.20', strict.app);
      expect(owner.status).toBe(429);
      expect(retryAfter(owner)).toBeGreaterThan(3_500);
      strict.clock.advance(retryAfter(owner) * 1000);
      expect((await login(user.email, TEST_PASSWORD, '192.0.2.20', strict.app)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

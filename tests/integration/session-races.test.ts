import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { signedInActor } from '../../server/modules/accounts/actor.js';
import { createApiToken } from '../../server/modules/accounts/api-tokens.js';
import { authenticateAdmin } from '../../server/modules/accounts/authenticate-admin.js';
import { changePassword } from '../../server/modules/accounts/change-password.js';
import { login } from '../../server/modules/accounts/login.js';
import { hashPassword } from '../../server/modules/accounts/password.js';
import { putUserProfile } from '../../server/modules/accounts/profiles.js';
import { REFRESH_GRACE_MS, refreshSession } from '../../server/modules/accounts/refresh-session.js';
import { registerUser } from '../../server/modules/accounts/register-user.js';
import { hashToken, newSecretToken } from '../../server/modules/accounts/secret-token.js';
import { issueSessionTokens, revokeAllSessions } from '../../server/modules/accounts/sessions.js';
import { verifySignup } from '../../server/modules/accounts/verify-signup.js';
import { newId } from '../../server/shared/ids.js';
import { createUser, lastMailedCode, TEST_PASSWORD, type TestUser } from '../helpers/accounts.js';
import { setupTestApp } from '../helpers/app.js';

/**
 * Refresh and "end every session" must not interleave: each takes the user's row lock first. These tests hold
 * that lock from another connection, as a concurrent refresh or revocation would, and check that the use case
 * waits for it and then sees what the other transaction did.
 */
const ctx = setupTestApp('session-races');

async function holdUserLock(userId: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ctx.database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM "User" WHERE id = $1 FOR UPDATE', [userId]);
  return client;
}

/** Resolves once another backend waits on a lock the holder has (PostgreSQL says so in pg_blocking_pids). */
async function someoneWaitsOn(holder: pg.Client): Promise<void> {
  const { rows } = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const waiting = await ctx.database.db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE ${rows[0].pid}::int = ANY(pg_blocking_pids(pid))`;
    if (waiting[0].n > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nobody waited for the user lock within 10 s');
}

describe('session races', () => {
  it('a revocation waits for a refresh in flight and revokes the token it minted', async () => {
    const { services } = ctx.testApp;
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const refreshing = await holdUserLock(user.id);
    let settled = false;
    const revoking = ctx.database.db
      .$transaction((tx) => revokeAllSessions(tx, services.clock, user.id))
      .finally(() => {
        settled = true;
      });
    await someoneWaitsOn(refreshing);
    expect(settled, 'the revocation did not wait for the user lock').toBe(false);
    // What a refresh does while it holds the lock: mint a new token of the family.
    const minted = newSecretToken('refresh');
    const id = newId('rtk');
    await refreshing.query(
      `INSERT INTO "RefreshToken" (id, "userId", "familyId", "tokenHash", "expiresAt") VALUES ($1, $2, $1, $3, now() + interval '1 day')`,
      [id, user.id, hashToken(minted)],
    );
    await refreshing.query('COMMIT');
    await refreshing.end();
    await revoking;
    const row = await ctx.database.db.refreshToken.findUniqueOrThrow({ where: { id } });
    expect(row.revokedAt).not.toBeNull();
  });

  it('a refresh waits for a revocation in flight and then fails', async () => {
    const services = { ...ctx.testApp.services, request: {} };
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const { refreshToken } = await issueSessionTokens(ctx.database.db, services, user);
    const revoking = await holdUserLock(user.id);
    let settled = false;
    const refreshing = refreshSession(services, refreshToken).then(
      () => 'refreshed',
      (error: Error) => error.message,
    );
    void refreshing.finally(() => {
      settled = true;
    });
    await someoneWaitsOn(revoking);
    expect(settled, 'the refresh did not wait for the user lock').toBe(false);
    await revoking.query('UPDATE "RefreshToken" SET "revokedAt" = now() WHERE "userId" = $1', [user.id]);
    await revoking.query('COMMIT');
    await revoking.end();
    expect(await refreshing).toBe('Your session has ended. Sign in again.');
    expect(await ctx.database.db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('a copied refresh token presented while its family rotates leaves the family with no live token', async () => {
    const services = { ...ctx.testApp.services, request: {} };
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const first = await issueSessionTokens(ctx.database.db, services, user);
    const second = await refreshSession(services, first.refreshToken);
    ctx.testApp.clock.advance(REFRESH_GRACE_MS + 1_000);
    // The copy and the holder's own refresh queue behind the user's lock, the copy first.
    const holder = await holdUserLock(user.id);
    const outcome = (token: string) =>
      refreshSession(services, token).then(
        () => 'refreshed',
        (error: Error) => error.message,
      );
    const copied = outcome(first.refreshToken);
    await someoneWaitsOn(holder);
    const current = outcome(second.refreshToken);
    await holder.query('COMMIT');
    await holder.end();
    expect(await copied).toBe('Your session has ended. Sign in again.');
    expect(await current).toBe('Your session has ended. Sign in again.');
    expect(await ctx.database.db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const owner = await ctx.database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    // The access tokens of the copied sign-in end with it.
    expect(owner.tokensValidAfter?.getTime()).toBe(ctx.testApp.clock.now().getTime());
  });
});

/**
 * A sign-in (or a re-authenticated change) that checked the old password before a reset committed must not write
 * after it: the reset would not end what it writes. The reset here runs on the connection holding the user's lock,
 * as resetPassword does under revokeAllSessions, while the door has read the old hash and waits for the lock.
 */
describe('a password check racing a password reset', () => {
  async function resetWhileHolding(holder: pg.Client, userId: string): Promise<string> {
    const passwordHash = await hashPassword('the owner took the account back');
    const now = ctx.testApp.clock.now();
    await holder.query('UPDATE "User" SET "passwordHash" = $2, "tokensValidAfter" = $3 WHERE id = $1', [
      userId,
      passwordHash,
      now,
    ]);
    await holder.query('UPDATE "RefreshToken" SET "revokedAt" = $2 WHERE "userId" = $1 AND "revokedAt" IS NULL', [
      userId,
      now,
    ]);
    await holder.query('UPDATE "ApiToken" SET "revokedAt" = $2 WHERE "userId" = $1 AND "revokedAt" IS NULL', [
      userId,
      now,
    ]);
    await holder.query('COMMIT');
    await holder.end();
    return passwordHash;
  }

  /** Starts `door` while a reset holds the user's lock, lets the reset commit once the door waits, and settles. */
  async function raceWithReset<T>(user: TestUser, door: () => Promise<T>) {
    const holder = await holdUserLock(user.id);
    let outcome: { value: T } | { error: { code?: string } } | undefined;
    const settled = door().then(
      (value) => {
        outcome = { value };
      },
      (error) => {
        outcome = { error };
      },
    );
    // The door has read the old hash by the time it waits for the lock; finishing first means it did not wait.
    await Promise.race([someoneWaitsOn(holder), settled]);
    const newHash = await resetWhileHolding(holder, user.id);
    await settled;
    return { outcome, newHash };
  }

  const services = () => ({ ...ctx.testApp.services, request: {} });
  const refusal = { error: expect.objectContaining({ code: 'INVALID_CREDENTIALS' }) };

  it('refuses the API sign-in and leaves no session', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'BRAND');
    const { outcome } = await raceWithReset(user, () =>
      login(services(), { email: user.email, password: TEST_PASSWORD }),
    );
    expect(outcome).toEqual(refusal);
    expect(await ctx.database.db.refreshToken.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  });

  it('refuses the back-office sign-in', async () => {
    const admin = await createUser(ctx.testApp, ctx.database.db, 'ADMIN');
    const { outcome } = await raceWithReset(admin, () => authenticateAdmin(services(), admin.email, TEST_PASSWORD));
    expect(outcome).toEqual({ value: null });
  });

  it('lets the right password through when only a logout elsewhere committed meanwhile', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const holder = await holdUserLock(user.id);
    const minting = createApiToken(services(), signedInActor(user), {
      name: 'ci',
      scopes: ['READ'],
      currentPassword: TEST_PASSWORD,
    });
    await Promise.race([someoneWaitsOn(holder), minting]);
    // What a logout on another device writes: the access-token cutoff, not the password.
    await holder.query('UPDATE "User" SET "tokensValidAfter" = $2 WHERE id = $1', [user.id, ctx.testApp.clock.now()]);
    await holder.query('COMMIT');
    await holder.end();
    await expect(minting).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('refuses to mint an API token', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const { outcome } = await raceWithReset(user, () =>
      createApiToken(services(), signedInActor(user), { name: 'ci', scopes: ['READ'], currentPassword: TEST_PASSWORD }),
    );
    expect(outcome).toEqual(refusal);
    expect(await ctx.database.db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a password change, so the reset password stays', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const { outcome, newHash } = await raceWithReset(user, () =>
      changePassword(services(), signedInActor(user), {
        currentPassword: TEST_PASSWORD,
        newPassword: 'the intruder keeps the account',
      }),
    );
    expect(outcome).toEqual(refusal);
    const { passwordHash } = await ctx.database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toBe(newHash);
  });

  it('refuses new payout details', async () => {
    const user = await createUser(ctx.testApp, ctx.database.db, 'CLIPPER');
    const { outcome } = await raceWithReset(user, () =>
      putUserProfile(services(), signedInActor(user), user.id, {
        displayName: 'Clipper',
        payoutDetails: 'IBAN of the intruder',
        currentPassword: TEST_PASSWORD,
      }),
    );
    expect(outcome).toEqual(refusal);
    expect(await ctx.database.db.clipperProfile.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a sign-up verification when another registration replaced the password meanwhile', async () => {
    const email = `race-${newId('usr').slice(-8)}@example.test`;
    await registerUser(services(), { email, password: 'the owner password', role: 'BRAND' });
    const code = await lastMailedCode(ctx.testApp, email);
    const { id } = await ctx.database.db.user.findUniqueOrThrow({ where: { email } });
    const holder = await holdUserLock(id);
    const verifying = verifySignup(services(), { email, code, password: 'the owner password' }).then(
      () => 'verified',
      (error: { code?: string }) => error.code,
    );
    await Promise.race([someoneWaitsOn(holder), verifying]);
    // What a second sign-up of the unverified address does: its password replaces the first.
    await holder.query('UPDATE "User" SET "passwordHash" = $2 WHERE id = $1', [id, await hashPassword('a stranger')]);
    await holder.query('COMMIT');
    await holder.end();
    expect(await verifying).toBe('OTP_INVALID');
    expect((await ctx.database.db.user.findUniqueOrThrow({ where: { id } })).emailVerifiedAt).toBeNull();
  });
});

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { refreshSession } from '../../server/modules/accounts/refresh-session.js';
import { hashToken, newSecretToken } from '../../server/modules/accounts/secret-token.js';
import { issueSessionTokens, revokeAllSessions } from '../../server/modules/accounts/sessions.js';
import { newId } from '../../server/shared/ids.js';
import { createUser } from '../helpers/accounts.js';
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
});

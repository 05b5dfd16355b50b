// Demo data for a fresh database (DESIGN.md §7): every status of the marketplace and money flow, so the back
// office, API and site have something real to show. `contentflow db seed` and the first start call it.
import type { PrismaClient } from '@prisma/client';
import { hashPassword, verifyPassword } from '../server/modules/accounts/password.js';
import { flushAudits, seedActivity } from './seed/activity.js';
import { seedApplications, seedCampaigns } from './seed/campaigns.js';
import type { SeedContext } from './seed/context.js';
import { seedMoney } from './seed/money.js';
import { seedSubmissions } from './seed/submissions.js';
import { seedFraudAndDispute } from './seed/trust.js';
import { DEMO_USERS, seedUsers } from './seed/users.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export const DEMO_PASSWORD = 'contentflow-demo';

// Serialises concurrent seeders (two replicas starting on an empty database): "contentflow seed".
const SEED_LOCK_KEY = 724_311_902;

export interface SeedResult {
  /** False when the database already had users (this call, or a concurrent one, found it seeded). */
  seeded: boolean;
  logins: DemoLogin[];
}

/** True while the database has no users at all (a fresh install). */
async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) === null;
}

/**
 * Demo accounts still active with DEMO_PASSWORD (published in the README): a server others can reach must not
 * serve them. One argon2 verification per demo account present; none on a database without them.
 */
export async function demoAccountsWithPublishedPassword(db: PrismaClient): Promise<string[]> {
  const users = await db.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) }, status: 'ACTIVE' },
    select: { email: true, passwordHash: true },
  });
  const open: string[] = [];
  for (const user of users) if (await verifyPassword(user.passwordHash, DEMO_PASSWORD)) open.push(user.email);
  return open;
}

/** The demo accounts, all with DEMO_PASSWORD. */
export function demoLogins(): DemoLogin[] {
  return DEMO_USERS.map((u) => ({ role: u.label, email: u.email, password: DEMO_PASSWORD }));
}

/**
 * Inserts the demo data in one transaction and returns the demo logins. Does nothing (and still returns the
 * logins) when the database already has users, so calling it twice is safe.
 */
export async function seedDemoData(
  db: PrismaClient,
  options: { log?: (line: string) => void; now?: Date } = {},
): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  if (!(await isDatabaseEmpty(db))) {
    log('seed: the database already has users; nothing inserted');
    return { seeded: false, logins: demoLogins() };
  }
  const started = Date.now();
  // argon2id is deliberately slow: hash once, share the hash between every demo user.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const inserted = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if (await tx.user.findFirst({ select: { id: true } })) return false;
      const ctx: SeedContext = { tx, now, log, audits: [] };
      const users = await seedUsers(ctx, passwordHash);
      const campaigns = await seedCampaigns(ctx, users);
      await seedApplications(ctx, users, campaigns);
      const submissions = await seedSubmissions(ctx, users, campaigns);
      const { disputeId } = await seedFraudAndDispute(ctx, users, submissions);
      const payouts = await seedMoney(ctx, users, submissions);
      await seedActivity(ctx, users, campaigns.starfall, payouts, disputeId);
      await flushAudits(ctx);
      return true;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  log(
    inserted
      ? `seed: demo data inserted in ${Date.now() - started} ms`
      : 'seed: another process seeded the database first; nothing inserted',
  );
  return { seeded: inserted, logins: demoLogins() };
}

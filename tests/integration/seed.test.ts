import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoLogins, seedDemoData } from '../../prisma/seed.js';
import { loadConfig } from '../../server/config.js';
import { authenticateAdmin } from '../../server/modules/accounts/authenticate-admin.js';
import { createServices } from '../../server/services.js';
import { createLogger } from '../../server/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('seed');
  await seedDemoData(database.db);
});
afterAll(() => database.drop());

async function statuses(sql: string): Promise<string[]> {
  const rows = await database.db.$queryRawUnsafe<{ s: string }[]>(sql);
  return rows.map((r) => r.s).sort();
}

describe('demo data', () => {
  it('has a record in every status an operator will meet', async () => {
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "Campaign"`)).toEqual([
      'DISCARDED',
      'FINISHED',
      'IN_PROGRESS',
      'PENDING_APPROVAL',
      'UNDER_REVIEW',
    ]);
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "Submission"`)).toEqual([
      'APPROVED',
      'PENDING_REVIEW',
      'REJECTED',
      'REMOVED',
    ]);
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "ViewSnapshot"`)).toEqual([
      'DISPUTED',
      'PENDING',
      'REJECTED',
      'VERIFIED',
    ]);
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "Application"`)).toEqual([
      'APPROVED',
      'PENDING',
      'REJECTED',
      'WITHDRAWN',
    ]);
    expect(await statuses(`SELECT DISTINCT state::text AS s FROM "Accrual"`)).toEqual(
      expect.arrayContaining(['AVAILABLE', 'IN_PAYOUT', 'PAID', 'PENDING']),
    );
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "Payout"`)).toEqual(['PAID', 'PENDING']);
    expect(await statuses(`SELECT DISTINCT status::text AS s FROM "Dispute"`)).toContain('OPEN');
    expect(await statuses(`SELECT DISTINCT "adminRole"::text AS s FROM "User" WHERE role = 'ADMIN'`)).toEqual([
      'FINANCE',
      'MODERATOR',
      'SUPERADMIN',
    ]);
    expect(await database.db.postLink.count()).toBeGreaterThan(0);
  });

  it('posts balanced journals that match the accruals and payouts', async () => {
    const unbalanced = await database.db.$queryRaw<unknown[]>`
      SELECT "journalId" FROM "LedgerEntry" GROUP BY "journalId" HAVING sum("amountCents") <> 0`;
    expect(unbalanced).toEqual([]);
    const [paid] = await database.db.$queryRaw<{ ledger: bigint; payouts: bigint }[]>`
      SELECT (SELECT sum("amountCents")::bigint FROM "LedgerEntry" WHERE account = 'CASH_OUT') AS ledger,
             (SELECT sum("amountCents")::bigint FROM "Payout" WHERE status = 'PAID') AS payouts`;
    expect(paid.ledger).toBe(paid.payouts);
    const [revenue] = await database.db.$queryRaw<{ ledger: bigint; commission: bigint }[]>`
      SELECT (SELECT sum("amountCents")::bigint FROM "LedgerEntry" WHERE account = 'PLATFORM_REVENUE') AS ledger,
             (SELECT sum("commissionCents")::bigint FROM "Accrual") AS commission`;
    expect(revenue.ledger).toBe(revenue.commission);
  });

  it('does nothing the second time', async () => {
    const before = await database.db.user.count();
    const again = await seedDemoData(database.db);
    expect(again.seeded).toBe(false);
    expect(await database.db.user.count()).toBe(before);
  });

  it('gives working logins for the printed password', async () => {
    const superadmin = demoLogins().find((l) => l.role === 'SUPERADMIN');
    expect(superadmin?.password).toBe(DEMO_PASSWORD);
    const services = createServices({
      config: loadConfig({ NODE_ENV: 'test' }),
      db: database.db,
      logger: createLogger('silent'),
    });
    const ctx = { ...services, request: {} };
    expect(await authenticateAdmin(ctx, superadmin?.email ?? '', DEMO_PASSWORD)).toMatchObject({
      adminRole: 'SUPERADMIN',
    });
  });
});

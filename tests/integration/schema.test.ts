import { Prisma } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/shared/ids.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('schema');
});
afterAll(() => database.drop());

const DOMAIN_MODELS = [
  'User',
  'BrandProfile',
  'ClipperProfile',
  'OtpChallenge',
  'RefreshToken',
  'ApiToken',
  'SocialAccount',
  'Campaign',
  'Application',
  'Submission',
  'PostLink',
  'ViewSnapshot',
  'FraudFlag',
  'Dispute',
  'Accrual',
  'Payout',
  'LedgerEntry',
  'AuditEvent',
  'Notification',
  'PushSubscription',
  'MessageThread',
  'Message',
];

async function submissionFixture(db: TestDatabase['db']) {
  const brand = await db.user.create({
    data: { id: newId('usr'), email: `${newId('usr')}@brand.test`, passwordHash: 'x', role: 'BRAND' },
  });
  const clipper = await db.user.create({
    data: { id: newId('usr'), email: `${newId('usr')}@clip.test`, passwordHash: 'x', role: 'CLIPPER' },
  });
  const campaign = await db.campaign.create({
    data: {
      id: newId('cmp'),
      brandId: brand.id,
      title: 'Launch',
      brief: 'Cut it',
      targetPlatforms: ['TIKTOK'],
      totalBudgetCents: 100_000n,
      cpmCents: 150,
    },
  });
  const submission = (clipperId = clipper.id) =>
    db.submission.create({ data: { id: newId('sub'), campaignId: campaign.id, clipperId } });
  return { submission };
}

describe('schema', () => {
  it('has a table for every domain model', async () => {
    const rows = await database.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    const tables = rows.map((r) => r.table_name);
    for (const model of DOMAIN_MODELS) expect(tables).toContain(model);
  });

  it('lets a platform post be claimed only once across the whole system', async () => {
    const { submission } = await submissionFixture(database.db);
    const first = await submission();
    const second = await submission();
    const link = (submissionId: string, url: string) => ({
      id: newId('pln'),
      submissionId,
      platform: 'TIKTOK' as const,
      url,
      platformPostId: '7301234567890123456',
    });
    await database.db.postLink.create({ data: link(first.id, 'https://www.tiktok.com/@a/video/7301234567890123456') });
    const duplicate = database.db.postLink.create({
      data: link(second.id, 'https://tiktok.com/@a/video/7301234567890123456?is_from_webapp=1'),
    });
    await expect(duplicate).rejects.toSatisfy(
      (e) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002',
    );
    // The same id on another platform is a different post.
    await database.db.postLink.create({
      data: { ...link(second.id, 'https://x.com/a/status/7301234567890123456'), platform: 'X' },
    });
    expect(await database.db.postLink.count()).toBe(2);
  });

  it('keeps money in integer cents, beyond 32-bit range', async () => {
    const { submission } = await submissionFixture(database.db);
    const sub = await submission();
    const accrual = await database.db.accrual.create({
      data: {
        id: newId('acr'),
        submissionId: sub.id,
        clipperId: sub.clipperId,
        viewsCounted: 9_000_000_000n,
        grossCents: 13_500_000_00n,
        commissionCents: 2_700_000_00n,
        netCents: 10_800_000_00n,
        holdUntil: new Date(),
      },
    });
    expect(accrual.grossCents).toBe(1_350_000_000n);
    expect(typeof accrual.netCents).toBe('bigint');
  });

  it('refuses rows that point at nothing', async () => {
    const orphan = database.db.submission.create({
      data: { id: newId('sub'), campaignId: 'cmp_missing', clipperId: 'usr_missing' },
    });
    await expect(orphan).rejects.toSatisfy(
      (e) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2003',
    );
  });
});

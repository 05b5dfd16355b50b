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
        grossCents: 1_350_000_000_000n,
        commissionCents: 270_000_000_000n,
        netCents: 1_080_000_000_000n,
        holdUntil: new Date(), // wall clock: this file has no app, only the schema
      },
    });
    expect(accrual.grossCents).toBe(1_350_000_000_000n);
    expect(typeof accrual.netCents).toBe('bigint');
    // Amounts that add up are 64-bit integers; per-unit rates (cpm, caps, bps) are integers. Never floats.
    const columns = await database.db.$queryRaw<{ table_name: string; column_name: string; data_type: string }[]>`
      SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_name ILIKE '%cents' OR column_name ILIKE '%bps')`;
    expect(columns.length).toBeGreaterThan(10);
    for (const c of columns) expect(['bigint', 'integer'], `${c.table_name}.${c.column_name}`).toContain(c.data_type);
    const sums = columns.filter((c) => /^(amount|gross|commission|net|total|reserved).*cents$/i.test(c.column_name));
    for (const c of sums) expect(c.data_type, `${c.table_name}.${c.column_name}`).toBe('bigint');
  });

  it('stores e-mail addresses lower-cased only', async () => {
    const mixed = database.db.user.create({
      data: { id: newId('usr'), email: 'Mixed@Case.test', passwordHash: 'x', role: 'BRAND' },
    });
    await expect(mixed).rejects.toThrow(/User_email_lowercase/);
  });

  it('refuses a reserved budget above the total and a fraud score outside 0–100', async () => {
    const brandId = newId('usr');
    await database.db.user.create({
      data: { id: brandId, email: `${brandId}@b.test`, passwordHash: 'x', role: 'BRAND' },
    });
    const overspent = database.db.campaign.create({
      data: {
        id: newId('cmp'),
        brandId,
        title: 't',
        brief: 'b',
        targetPlatforms: ['X'],
        totalBudgetCents: 100n,
        reservedBudgetCents: 101n,
        cpmCents: 1,
      },
    });
    await expect(overspent).rejects.toThrow(/Campaign_budget_valid/);
    const { submission } = await submissionFixture(database.db);
    const sub = await submission();
    const flag = database.db.fraudFlag.create({
      data: { id: newId('frd'), submissionId: sub.id, ruleId: 'r', score: 101, explanation: {} },
    });
    await expect(flag).rejects.toThrow(/FraudFlag_score_range/);
  });

  it('allows one message thread per campaign, brand and clipper, campaign-less ones included', async () => {
    const [brandId, clipperId] = [newId('usr'), newId('usr')];
    await database.db.user.createMany({
      data: [
        { id: brandId, email: `${brandId}@b.test`, passwordHash: 'x', role: 'BRAND' },
        { id: clipperId, email: `${clipperId}@c.test`, passwordHash: 'x', role: 'CLIPPER' },
      ],
    });
    const thread = () => database.db.messageThread.create({ data: { id: newId('thr'), brandId, clipperId } });
    await thread();
    await expect(thread()).rejects.toSatisfy(
      (e) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002',
    );
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

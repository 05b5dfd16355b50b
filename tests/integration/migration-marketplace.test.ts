import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrationFiles } from '../../server/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** The marketplace migration on a database that already held campaigns and submissions in the earlier shape. */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('migrate-marketplace', { migrated: false });
});
afterAll(() => database.drop());

describe('the marketplace migration', () => {
  it('turns raw asset lists and clip keys into confirmed uploads attached where they were', async () => {
    const files = readMigrationFiles();
    const at = files.findIndex((file) => file.name.endsWith('_marketplace'));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(database.url, { files: files.slice(0, at) });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const id = (prefix: string, n: number) => `${prefix}_${String(n).padStart(26, '0')}`;
      await client.query(`INSERT INTO "User" (id, email, "passwordHash", role, "updatedAt") VALUES
        ('${id('usr', 1)}', 'brand@old.example', 'x', 'BRAND', now()),
        ('${id('usr', 2)}', 'clipper@old.example', 'x', 'CLIPPER', now())`);
      await client.query(
        `INSERT INTO "Campaign" (id, "brandId", title, brief, "rawContentAssets", "targetPlatforms", "totalBudgetCents",
           "cpmCents", "updatedAt") VALUES ($1, $2, 'Old', 'Old brief', $3, '{TIKTOK}', 1000, 100, now())`,
        [
          id('cmp', 1),
          id('usr', 1),
          JSON.stringify([
            { key: 'campaigns/old/a.mp4', name: 'Take A', contentType: 'video/mp4' },
            { key: 'campaigns/old/b.png', name: 'Still', contentType: 'image/png' },
          ]),
        ],
      );
      await client.query(`INSERT INTO "Submission" (id, "campaignId", "clipperId", "editedContentKey", "updatedAt")
        VALUES ('${id('sub', 1)}', '${id('cmp', 1)}', '${id('usr', 2)}', 'submissions/old/cut.mp4', now())`);

      await applyMigrations(database.url, { files });
      const { rows } = await client.query(
        `SELECT "ownerId", purpose, key, filename, "contentType", status, "campaignId", "submissionId"
         FROM "Upload" ORDER BY key`,
      );
      expect(rows).toEqual([
        {
          ownerId: id('usr', 1),
          purpose: 'CAMPAIGN_ASSET',
          key: 'campaigns/old/a.mp4',
          filename: 'Take A',
          contentType: 'video/mp4',
          status: 'CONFIRMED',
          campaignId: id('cmp', 1),
          submissionId: null,
        },
        {
          ownerId: id('usr', 1),
          purpose: 'CAMPAIGN_ASSET',
          key: 'campaigns/old/b.png',
          filename: 'Still',
          contentType: 'image/png',
          status: 'CONFIRMED',
          campaignId: id('cmp', 1),
          submissionId: null,
        },
        {
          ownerId: id('usr', 2),
          purpose: 'SUBMISSION_CLIP',
          key: 'submissions/old/cut.mp4',
          filename: 'cut.mp4',
          contentType: 'video/mp4',
          status: 'CONFIRMED',
          campaignId: null,
          submissionId: id('sub', 1),
        },
      ]);
      const ids = await client.query(`SELECT id FROM "Upload"`);
      for (const row of ids.rows) expect(row.id).toMatch(/^upl_[0-9a-z]{26}$/);
    } finally {
      await client.end();
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MIGRATIONS_DIR,
  MigrationError,
  migrationStatus,
  readMigrationFiles,
} from '../../server/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let empty: TestDatabase;
beforeAll(async () => {
  empty = await createTestDatabase('migrate', { migrated: false });
});
afterAll(() => empty.drop());

describe('migrations', () => {
  it('reports every migration pending on an empty database', async () => {
    const states = await migrationStatus(empty.url);
    expect(states.length).toBe(readMigrationFiles().length);
    expect(states.every((s) => s.status === 'pending')).toBe(true);
  });

  it('applies each migration exactly once when several processes start together', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => applyMigrations(empty.url)));
    const applied = results.flat();
    expect(applied).toEqual(readMigrationFiles().map((f) => f.name));
    const states = await migrationStatus(empty.url);
    expect(states.every((s) => s.status === 'applied')).toBe(true);
    const rows = await empty.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations"`;
    expect(Number(rows[0].n)).toBe(readMigrationFiles().length);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const files = readMigrationFiles().map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    await expect(applyMigrations(empty.url, { files })).rejects.toBeInstanceOf(MigrationError);
    const states = await migrationStatus(empty.url, files);
    expect(states[0].status).toBe('changed');
  });

  it('rolls back a failing migration and records nothing', async () => {
    const broken = [
      ...readMigrationFiles(),
      { name: '99999999999999_broken', sql: 'CREATE TABLE ok_part (id int); SELECT 1/0;', checksum: 'x' },
    ];
    await expect(applyMigrations(empty.url, { files: broken })).rejects.toThrow(/99999999999999_broken failed/);
    const tables = await empty.db.$queryRaw<
      unknown[]
    >`SELECT 1 FROM information_schema.tables WHERE table_name = 'ok_part'`;
    expect(tables).toHaveLength(0);
    const states = await migrationStatus(empty.url, broken);
    expect(states.at(-1)?.status).toBe('pending');
  });
});

describe('migration authoring', () => {
  it('has a migration for the current schema (run `npm run db:new-migration -- <name>` after editing it)', () => {
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma'), 'utf8');
    const schema = readFileSync(path.join(MIGRATIONS_DIR, '..', 'schema.prisma'), 'utf8');
    expect(snapshot).toBe(schema);
  });
});

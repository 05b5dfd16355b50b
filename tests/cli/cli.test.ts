import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_DIR, readMigrationFiles } from '../../server/database/migrations.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/pg.js';

const BIN = path.resolve(import.meta.dirname, '../../cli/bin.js');
const contentflow = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, ...args], { reject: false, env: { LOG_LEVEL: 'silent', ...env }, extendEnv: true });

let migrated: TestDatabase;
let empty: TestDatabase;
beforeAll(async () => {
  [migrated, empty] = await Promise.all([
    createTestDatabase('cli'),
    createTestDatabase('cli_empty', { migrated: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([migrated.drop(), empty.drop()]);
});

describe('contentflow CLI', () => {
  it('prints help listing its command groups', async () => {
    const { exitCode, stdout } = await contentflow(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Usage: contentflow');
    for (const command of ['serve', 'db']) expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    const db = await contentflow(['db', '--help']);
    for (const command of ['migrate', 'status', 'seed'])
      expect(db.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('exits 2 on an unknown command', async () => {
    const { exitCode, stderr } = await contentflow(['bogus']);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/unknown command/);
  });

  it('reports every migration applied and none pending', async () => {
    const { exitCode, stdout } = await contentflow(['db', 'status'], { DATABASE_URL: migrated.url });
    expect(exitCode).toBe(0);
    const names = readMigrationFiles().map((f) => f.name);
    for (const name of names) expect(stdout).toMatch(new RegExp(`^applied\\s+${name}`, 'm'));
    expect(stdout).toContain(`${names.length} applied, 0 pending`);
  });

  it('reports pending migrations with exit code 3, then applies them', async () => {
    const before = await contentflow(['db', 'status', '--json'], { DATABASE_URL: empty.url });
    expect(before.exitCode).toBe(3);
    const report = JSON.parse(before.stdout);
    expect(report.pending).toBe(readMigrationFiles().length);

    const migrate = await contentflow(['db', 'migrate'], { DATABASE_URL: empty.url });
    expect(migrate.exitCode).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d+ migration/);

    const after = await contentflow(['db', 'status', '--json'], { DATABASE_URL: empty.url });
    expect(after.exitCode).toBe(0);
    expect(JSON.parse(after.stdout).pending).toBe(0);
  });

  it('seeds demo data once', async () => {
    const first = await contentflow(['db', 'seed'], { DATABASE_URL: migrated.url });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/seeded demo data \(\d+ demo users\)/);
    const again = await contentflow(['db', 'seed'], { DATABASE_URL: migrated.url });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('database already has users; nothing seeded');
  });

  it('says in one line what is wrong with the configuration', async () => {
    const { exitCode, stderr } = await contentflow(['db', 'status'], { DATABASE_URL: 'mysql://nope' });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('DATABASE_URL must be a postgresql:// URL');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('contentflow CLI without a usable database', () => {
  it('says so in one line', async () => {
    const { exitCode, stderr } = await contentflow(['db', 'status'], {
      DATABASE_URL: `postgresql://nobody@127.0.0.1:${await freePort()}/none`,
    });
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe(
      'contentflow: cannot use the database: nothing is listening there (ECONNREFUSED); check DATABASE_URL',
    );
  });
});

describe('authoring a migration offline', () => {
  it('turns a schema change into a SQL migration that applies, and then has nothing to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'contentflow-migration-'));
    try {
      const migrations = path.join(dir, 'migrations');
      cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
      const schema = path.join(dir, 'schema.prisma');
      writeFileSync(
        schema,
        `${readFileSync(path.join(MIGRATIONS_DIR, '..', 'schema.prisma'), 'utf8')}
model Probe {
  id    String @id
  label String
}
`,
      );
      const script = path.resolve(import.meta.dirname, '../../scripts/new-migration.ts');
      const author = (name: string) =>
        execa(process.execPath, ['--import', 'tsx', script, name, '--schema', schema, '--migrations', migrations], {
          reject: false,
          env: { DATABASE_URL: migrated.url },
        });
      const first = await author('add_probe');
      expect(first.exitCode, first.stderr).toBe(0);
      const added = readMigrationFiles(migrations).at(-1);
      expect(added?.name).toMatch(/^\d{14}_add_probe$/);
      expect(added?.sql).toContain('CREATE TABLE "Probe"');

      await applyMigrations(empty.url, { files: readMigrationFiles(migrations) });
      const probe = await empty.db.$queryRaw<
        unknown[]
      >`SELECT 1 FROM information_schema.tables WHERE table_name = 'Probe'`;
      expect(probe).toHaveLength(1);

      const again = await author('add_probe_again');
      expect(again.exitCode).toBe(0);
      expect(again.stdout).toContain('has not changed since the latest migration');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, each in its own transaction, under an advisory
 * lock so concurrent starts (replicas, test workers) never race. Applied migrations are recorded in a
 * `_prisma_migrations`-compatible table, so `prisma migrate deploy/status` keep working where they can run.
 */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

// Arbitrary constant shared by every ContentFlow process: "contentflow migrations".
const LOCK_KEY = 724_311_901;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationState {
  name: string;
  status: 'applied' | 'pending' | 'changed' | 'missing-file';
  appliedAt?: Date;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

async function appliedRows(client: pg.Client): Promise<AppliedRow[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists.rows[0].present) return [];
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  return rows;
}

export async function migrationStatus(databaseUrl: string, files = readMigrationFiles()): Promise<MigrationState[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = new Map((await appliedRows(client)).map((r) => [r.migration_name, r]));
    const states: MigrationState[] = files.map((f) => {
      const row = applied.get(f.name);
      if (!row) return { name: f.name, status: 'pending' };
      applied.delete(f.name);
      const appliedAt = row.finished_at ?? undefined;
      return { name: f.name, status: row.checksum === f.checksum ? 'applied' : 'changed', appliedAt };
    });
    for (const row of applied.values()) {
      states.push({ name: row.migration_name, status: 'missing-file', appliedAt: row.finished_at ?? undefined });
    }
    return states;
  } finally {
    await client.end();
  }
}

export async function applyMigrations(
  databaseUrl: string,
  options: { files?: MigrationFile[]; log?: (line: string) => void } = {},
): Promise<string[]> {
  const files = options.files ?? readMigrationFiles();
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const appliedNow: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const applied = new Map((await appliedRows(client)).map((r) => [r.migration_name, r.checksum]));
    for (const file of files) {
      const checksum = applied.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new MigrationError(
            `migration ${file.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      log(`applying migration ${file.name}`);
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${file.name} failed: ${(error as Error).message}`);
      }
      appliedNow.push(file.name);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

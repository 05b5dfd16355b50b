import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type RunningPostgres, startEmbeddedPostgres } from '../../server/database/embedded-postgres.js';
import { applyMigrations } from '../../server/database/migrations.js';
import { adminUrlOf, createDatabase, dropDatabase, freePort, withDatabaseName } from '../helpers/pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/**
 * One PostgreSQL for the run: the server in DATABASE_URL when set, else an embedded one in a temp dir.
 * Migrations are applied once into a template database; each test file clones it (tests/helpers/pg.ts).
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs')], { cwd: root, stdio: 'inherit' });

  let embedded: RunningPostgres | undefined;
  let tempDir: string | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = adminUrlOf(process.env.DATABASE_URL);
  } else {
    tempDir = mkdtempSync(path.join(tmpdir(), 'contentflow-test-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'postgres'), port: await freePort() });
    adminUrl = embedded.url('postgres');
    // Ctrl+C on `npm test` exits without running the teardown below; the database must not outlive the run.
    const { pid } = embedded;
    const dir = tempDir;
    process.once('exit', () => {
      try {
        process.kill(pid, 'SIGINT');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    });
  }

  const template = `cf_template_${process.pid}`;
  const teardown = async () => {
    await dropDatabase(adminUrl, template).catch(() => {});
    await embedded?.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    await dropDatabase(adminUrl, template);
    await createDatabase(adminUrl, template);
    await applyMigrations(withDatabaseName(adminUrl, template));
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return teardown;
}

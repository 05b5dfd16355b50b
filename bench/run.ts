// `npm run bench`: performance as ratios against a baseline measured in the same run, on loopback only.
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase } from '../server/database/connect.js';
import { startEmbeddedPostgres } from '../server/database/embedded-postgres.js';
import { applyMigrations } from '../server/database/migrations.js';
import { type Comparison, compare, load, report, startTarget } from './harness.js';

const options = { seconds: Number(process.env.BENCH_SECONDS ?? 5), connections: 10 };

const tempDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'contentflow-bench-'));
const embedded = tempDir
  ? await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'postgres'), port: 54_399 })
  : undefined;
try {
  const adminUrl = process.env.DATABASE_URL ?? embedded?.url('postgres') ?? '';
  await ensureDatabase(adminUrl, 'contentflow_bench');
  const url = new URL(adminUrl);
  url.pathname = '/contentflow_bench';
  const databaseUrl = url.toString();
  await applyMigrations(databaseUrl);

  const [app, raw] = await Promise.all([startTarget('app', databaseUrl), startTarget('raw', databaseUrl)]);
  try {
    const comparisons: Comparison[] = [];
    for (const probe of ['/healthz', '/readyz']) {
      const baseline = await load(`raw ${probe}`, `${raw.url}${probe}`, options);
      const subject = await load(`app ${probe}`, `${app.url}${probe}`, options);
      comparisons.push(compare(`GET ${probe}`, subject, baseline));
    }
    report('foundation', comparisons);
  } finally {
    app.stop();
    raw.stop();
  }
} finally {
  await embedded?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

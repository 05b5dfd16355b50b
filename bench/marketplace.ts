// The marketplace suite: `GET /api/v1/campaigns` over 100k campaigns against a raw node:http + pg baseline, and
// the submission lists' latency at 1M submissions over their latency at 1k (one database, measured, then grown).
import pg from 'pg';
import { applyMigrations } from '../server/database/migrations.js';
import { encodeCursor } from '../server/shared/pagination.js';
import { bearerFor } from './config.js';
import {
  type Comparison,
  compareLatency,
  compareThroughput,
  type LoadOptions,
  load,
  type Measurement,
  report,
  startTarget,
} from './harness.js';
import {
  analyze,
  type BenchWorld,
  benchWorld,
  DEFAULT_SHAPE,
  recreateDatabase,
  seedCampaigns,
  seedSubmissions,
} from './seed-marketplace.js';

type BenchUser = BenchWorld['admin'] | BenchWorld['brand'] | BenchWorld['clipper'];

const DATABASE = 'contentflow_bench_marketplace';
const SMALL = 1_000;
const LARGE = 1_000_000;
/** Low concurrency for the submission lists: latency, not saturation. */
const LATENCY_CONNECTIONS = 2;

// The submission-list SELECTs Prisma issues (captured with query logging), for EXPLAIN ANALYZE at each size.
const explained = (world: BenchWorld, middle: { createdAt: Date; id: string }) => {
  const at = middle.createdAt.toISOString().replace('T', ' ').replace('Z', '');
  return {
    'campaign submissions (brand)': `SELECT s.* FROM "Submission" s LEFT JOIN "Campaign" j0 ON j0.id = s."campaignId"
      WHERE (j0."brandId" = '${world.brand.id}' AND j0.id IS NOT NULL) AND s."campaignId" = '${world.hotCampaignId}'
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 21`,
    'all submissions (admin)': `SELECT s.* FROM "Submission" s ORDER BY s."createdAt" DESC, s.id DESC LIMIT 21`,
    'all submissions (admin), cursor half-way': `SELECT s.* FROM "Submission" s
      WHERE (s."createdAt" < '${at}' OR (s."createdAt" = '${at}' AND s.id < '${middle.id}'))
      ORDER BY s."createdAt" DESC, s.id DESC LIMIT 21`,
    'open campaigns (clipper)': `SELECT c.* FROM "Campaign" c WHERE c.status IN ('IN_PROGRESS')
      ORDER BY c."createdAt" DESC, c.id DESC LIMIT 21`,
  };
};

/** The newest-first submission half-way down the list, as the cursor of the page after it. */
async function middleOf(databaseUrl: string): Promise<{ createdAt: Date; id: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT "createdAt"::text AS at, id FROM "Submission"
      ORDER BY "createdAt" DESC, id DESC OFFSET (SELECT count(*) / 2 FROM "Submission") LIMIT 1`);
    return { createdAt: new Date(`${rows[0].at.replace(' ', 'T')}Z`), id: rows[0].id };
  } finally {
    await client.end();
  }
}

async function explain(
  databaseUrl: string,
  world: BenchWorld,
  middle: { createdAt: Date; id: string },
): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const plans: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(explained(world, middle))) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      plans[name] = rows.map((row) => row['QUERY PLAN'] as string);
    }
    return plans;
  } finally {
    await client.end();
  }
}

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return Math.round(performance.now() - started);
};

export async function runMarketplace(adminUrl: string, seconds: number): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  const world = benchWorld(DEFAULT_SHAPE);
  const seedingMs: Record<string, number> = {};

  console.log(`marketplace: seeding ${DEFAULT_SHAPE.campaigns} campaigns and ${SMALL} submissions…`);
  seedingMs.migrate = await timed(async () => {
    await recreateDatabase(adminUrl, DATABASE);
    await applyMigrations(databaseUrl);
  });
  seedingMs.usersAndCampaigns = await timed(() => seedCampaigns(databaseUrl));
  // A fifth of the first thousand go to the hot campaign, so both sizes list full pages of it.
  seedingMs.submissions1k = await timed(() => seedSubmissions(databaseUrl, { from: 1, count: SMALL, hotShare: 0.2 }));
  seedingMs.analyze1k = await timed(() => analyze(databaseUrl));

  const [app, raw] = await Promise.all([startTarget('app', databaseUrl), startTarget('raw', databaseUrl)]);
  try {
    // A fresh token per measurement: access tokens live 15 minutes.
    const measure = async (name: string, target: string, path: string, user: BenchUser, options: LoadOptions) =>
      load(name, `${target}${path}`, { ...options, headers: await bearerFor(user) });
    const throughput: LoadOptions = { seconds, connections: 10 };
    const latency: LoadOptions = { seconds, connections: LATENCY_CONNECTIONS };
    const warmUp: LoadOptions = { seconds: Math.min(2, seconds), connections: 10 };
    const brandList = `/api/v1/campaigns/${world.hotCampaignId}/submissions`;

    // Warm both targets (JIT, pools, PostgreSQL's cache) before anything is recorded.
    await measure('warm-up', raw.url, '/api/v1/campaigns', world.clipper, warmUp);
    await measure('warm-up', app.url, '/api/v1/campaigns', world.clipper, warmUp);
    await measure('warm-up', app.url, brandList, world.brand, warmUp);
    await measure('warm-up', app.url, '/api/v1/submissions', world.admin, warmUp);

    const comparisons: Comparison[] = [];
    const rawCampaigns = await measure('raw campaigns', raw.url, '/api/v1/campaigns', world.clipper, throughput);
    const appCampaigns = await measure('app campaigns', app.url, '/api/v1/campaigns', world.clipper, throughput);
    comparisons.push(
      compareThroughput('GET /campaigns (clipper, 100k campaigns) app/raw req/s', appCampaigns, rawCampaigns, 0.6),
    );

    const sizeUp = async (label: string) => {
      const middle = await middleOf(databaseUrl);
      const deep = `/api/v1/submissions?cursor=${encodeCursor([middle.createdAt.toISOString(), middle.id])}`;
      const measured: Record<string, Measurement> = {
        brand: await measure(`${label} brand`, app.url, brandList, world.brand, latency),
        admin: await measure(`${label} admin`, app.url, '/api/v1/submissions', world.admin, latency),
        deep: await measure(`${label} admin deep`, app.url, deep, world.admin, latency),
      };
      return { measured, plans: await explain(databaseUrl, world, middle) };
    };
    const small = await sizeUp('1k');

    console.log(`marketplace: growing to ${LARGE} submissions…`);
    seedingMs.submissionsTo1M = await timed(() =>
      seedSubmissions(databaseUrl, { from: SMALL + 1, count: LARGE - SMALL, hotShare: 0.01 }),
    );
    seedingMs.analyze1M = await timed(() => analyze(databaseUrl));
    await measure('warm-up', app.url, brandList, world.brand, warmUp);
    await measure('warm-up', app.url, '/api/v1/submissions', world.admin, warmUp);

    const large = await sizeUp('1M');
    const plans = { [SMALL]: small.plans, [LARGE]: large.plans };
    comparisons.push(
      compareLatency(
        `GET /campaigns/{id}/submissions (brand) 1M/1k mean latency, ${LATENCY_CONNECTIONS} conn`,
        large.measured.brand as Measurement,
        small.measured.brand as Measurement,
        1.5,
      ),
      compareLatency(
        `GET /submissions (admin) 1M/1k mean latency, ${LATENCY_CONNECTIONS} conn`,
        large.measured.admin as Measurement,
        small.measured.admin as Measurement,
        1.5,
      ),
      compareLatency(
        `GET /submissions?cursor=<half-way> (admin) 1M/1k mean latency, ${LATENCY_CONNECTIONS} conn`,
        large.measured.deep as Measurement,
        small.measured.deep as Measurement,
        1.5,
      ),
    );
    const seedingTotal = Object.values(seedingMs).reduce((a, b) => a + b, 0);
    console.log(`seeding: ${JSON.stringify(seedingMs)} (total ${(seedingTotal / 1000).toFixed(1)} s)`);
    report('marketplace', comparisons, {
      seconds,
      shape: { ...DEFAULT_SHAPE, submissions: [SMALL, LARGE] },
      seedingMs: { ...seedingMs, total: seedingTotal },
      plans,
    });
  } finally {
    app.stop();
    raw.stop();
  }
}

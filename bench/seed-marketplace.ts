// Bulk seeding of a marketplace for the benchmarks: `INSERT … SELECT … FROM generate_series` over one pg client,
// so 100k campaigns and 1M submissions take seconds to minutes rather than hours through the app.
// Ids look like ours (server/shared/ids.ts): prefix, 10 base32 chars of the creation millisecond, then 16 of a
// counter, so they match /^[a-z]{3}_[0-9a-z]{26}$/ and sort by creation time.
import pg from 'pg';

export interface MarketplaceShape {
  brands: number;
  clippers: number;
  campaigns: number;
}

export const DEFAULT_SHAPE: MarketplaceShape = { brands: 1_000, clippers: 10_000, campaigns: 100_000 };

/** The users and the campaign the benchmark acts as and on; their ids follow from the seeding formulas. */
export interface BenchWorld {
  admin: { id: string; role: 'ADMIN'; adminRole: 'SUPERADMIN' };
  brand: { id: string; role: 'BRAND'; adminRole: null };
  clipper: { id: string; role: 'CLIPPER'; adminRole: null };
  /** The newest campaign, IN_PROGRESS, of `brand`; it gets a fixed share of the submissions. */
  hotCampaignId: string;
}

// Users are created one millisecond apart from this instant; campaigns spread over two years before SPAN_END,
// submissions over the year before it.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const USERS_FROM = Date.UTC(2024, 0, 1);
const SPAN_END = Date.UTC(2026, 10, 1);
const YEAR_MS = 365 * 24 * 3_600_000;

// Base32 digits of n as one expression (12 digits, most significant first), so the SQL functions get inlined.
function base32Digits(count: number): string {
  const digits = [];
  for (let i = count - 1; i >= 0; i--) digits.push(`substr('${ALPHABET}', ((n >> ${5 * i}) & 31)::int + 1, 1)`);
  return digits.join(' || ');
}

const FUNCTIONS = `
CREATE OR REPLACE FUNCTION pg_temp.b32(n bigint, len int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT right(${base32Digits(12)}, len)
$$;
CREATE OR REPLACE FUNCTION pg_temp.sid(prefix text, ms bigint, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT prefix || '_' || pg_temp.b32(ms, 10) || lpad(pg_temp.b32(n, 12), 16, '0')
$$;
CREATE OR REPLACE FUNCTION pg_temp.ts(ms bigint) RETURNS timestamp(3) LANGUAGE sql IMMUTABLE AS $$
  SELECT (to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC')::timestamp(3)
$$;
-- Users: the admin is 0, brands 1..B, clippers B+1..B+C.
CREATE OR REPLACE FUNCTION pg_temp.uid(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.sid('usr', ${USERS_FROM} + n, n)
$$;
-- Campaign g (1..N): created at a deterministic instant (so submissions can compute its id), g ordered by time.
CREATE OR REPLACE FUNCTION pg_temp.cmp_ms(g bigint, total bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT ${SPAN_END - 2 * YEAR_MS} + (g - 1) * ((${2 * YEAR_MS})::bigint / total) + (g * 2654435761) % ((${2 * YEAR_MS})::bigint / total)
$$;
CREATE OR REPLACE FUNCTION pg_temp.cid(g bigint, total bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_temp.sid('cmp', pg_temp.cmp_ms(g, total), g)
$$;
`;

const b32 = (n: number, len: number) => {
  let out = '';
  for (let i = 0; i < len; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
};
const sid = (prefix: string, ms: number, n: number) => `${prefix}_${b32(ms, 10)}${b32(n, 12).padStart(16, '0')}`;
const uid = (n: number) => sid('usr', USERS_FROM + n, n);

export function benchWorld(shape: MarketplaceShape = DEFAULT_SHAPE): BenchWorld {
  const step = Math.floor((2 * YEAR_MS) / shape.campaigns);
  const g = shape.campaigns;
  // Same formula as pg_temp.cmp_ms; g * 2654435761 stays below 2^53 for any campaign count we seed.
  const cmpMs = SPAN_END - 2 * YEAR_MS + (g - 1) * step + ((g * 2654435761) % step);
  return {
    admin: { id: uid(0), role: 'ADMIN', adminRole: 'SUPERADMIN' },
    brand: { id: uid(1), role: 'BRAND', adminRole: null },
    clipper: { id: uid(shape.brands + 1), role: 'CLIPPER', adminRole: null },
    hotCampaignId: sid('cmp', cmpMs, g),
  };
}

async function withClient<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'");
    await client.query(FUNCTIONS);
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Users (brands with a company name, clippers with a display name, one admin) and the campaigns. */
export async function seedCampaigns(databaseUrl: string, shape: MarketplaceShape = DEFAULT_SHAPE): Promise<void> {
  const { brands, clippers, campaigns } = shape;
  await withClient(databaseUrl, async (client) => {
    await client.query('SELECT setseed(0.42)');
    await client.query(`
      INSERT INTO "User" (id, email, "passwordHash", role, "adminRole", "emailVerifiedAt", "createdAt", "updatedAt")
      SELECT pg_temp.uid(n),
             CASE WHEN n = 0 THEN 'admin@bench.example'
                  WHEN n <= ${brands} THEN 'brand-' || n || '@bench.example'
                  ELSE 'clipper-' || n || '@bench.example' END,
             '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$not-a-real-hash-benchmark-users-never-sign-in',
             (CASE WHEN n = 0 THEN 'ADMIN' WHEN n <= ${brands} THEN 'BRAND' ELSE 'CLIPPER' END)::"UserRole",
             (CASE WHEN n = 0 THEN 'SUPERADMIN' END)::"AdminRole",
             pg_temp.ts(${USERS_FROM} + n), pg_temp.ts(${USERS_FROM} + n), pg_temp.ts(${USERS_FROM} + n)
      FROM generate_series(0, ${brands + clippers}) AS n`);
    await client.query(`
      INSERT INTO "BrandProfile" (id, "userId", "companyName", website, "createdAt", "updatedAt")
      SELECT pg_temp.sid('bpr', ${USERS_FROM} + n, n), pg_temp.uid(n),
             (ARRAY['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'])[1 + n % 8] || ' ' || n || ' Ltd',
             'https://brand-' || n || '.example', now(), now()
      FROM generate_series(1, ${brands}) AS n`);
    await client.query(`
      INSERT INTO "ClipperProfile" (id, "userId", "displayName", "createdAt", "updatedAt")
      SELECT pg_temp.sid('cpr', ${USERS_FROM} + n, n), pg_temp.uid(n), 'Clipper ' || n, now(), now()
      FROM generate_series(${brands + 1}, ${brands + clippers}) AS n`);
    // Most campaigns are in progress; the newest (the hot one) belongs to brand 1 and is in progress.
    await client.query(`
      INSERT INTO "Campaign" (id, "brandId", title, brief, "targetPlatforms", "totalBudgetCents", "reservedBudgetCents",
        "cpmCents", "maxPayoutPerSubmissionCents", "minViews", "applicationMode", status, "startsAt", "endsAt",
        "createdAt", "updatedAt")
      SELECT pg_temp.cid(g, ${campaigns}),
             pg_temp.uid(CASE WHEN g = ${campaigns} THEN 1 ELSE 1 + floor(random() * ${brands})::bigint END),
             (ARRAY['Summer drop', 'Launch week', 'Product teaser', 'Behind the scenes', 'Podcast highlights'])[1 + g % 5]
               || ' #' || g,
             'Cut 15–60 second vertical clips from our footage. Keep the hook in the first two seconds, credit the '
               || 'channel in the caption, no music we do not own, and tag the brand. Campaign ' || g
               || ' pays per thousand verified views once a clip is approved and posted.',
             string_to_array((ARRAY['TIKTOK', 'TIKTOK,YOUTUBE', 'INSTAGRAM,TIKTOK', 'YOUTUBE',
                    'TIKTOK,YOUTUBE,INSTAGRAM,X'])[1 + (g / 7) % 5], ',')::"SocialPlatform"[],
             budget, floor(budget * random() * 0.5)::bigint,
             100 + floor(random() * 4900)::int,
             CASE WHEN g % 3 = 0 THEN 50000 END,
             (g % 4) * 1000,
             (CASE WHEN g % 5 = 0 THEN 'REVIEW' ELSE 'OPEN' END)::"ApplicationMode",
             (CASE WHEN g = ${campaigns} THEN 'IN_PROGRESS'
                   WHEN r < 0.70 THEN 'IN_PROGRESS' WHEN r < 0.80 THEN 'FINISHED' WHEN r < 0.88 THEN 'PENDING_APPROVAL'
                   WHEN r < 0.94 THEN 'UNDER_REVIEW' ELSE 'DISCARDED' END)::"CampaignStatus",
             pg_temp.ts(pg_temp.cmp_ms(g, ${campaigns})),
             CASE WHEN g % 4 <> 0 THEN pg_temp.ts(pg_temp.cmp_ms(g, ${campaigns}) + (30 + g % 60) * 86400000::bigint) END,
             pg_temp.ts(pg_temp.cmp_ms(g, ${campaigns})), pg_temp.ts(pg_temp.cmp_ms(g, ${campaigns}))
      FROM (SELECT g, random() AS r, (1000 + floor(random() * 99000))::bigint * 1000 AS budget
            FROM generate_series(1, ${campaigns}) AS g) AS s`);
  });
}

/**
 * Submissions `from`..`from + count - 1`, each with one post link: `hotShare` of them go to the hot campaign,
 * the rest to random campaigns, by random clippers, created over the year before SPAN_END.
 *
 * A bulk load: the secondary indexes of Submission and PostLink are dropped and rebuilt from their own
 * definitions (one sort each instead of a million random insertions), rows go in creation order (the primary
 * keys grow at their right edge), and foreign-key triggers are off while inserting; the references are checked
 * afterwards in one pass instead.
 */
export async function seedSubmissions(
  databaseUrl: string,
  range: { from: number; count: number; hotShare: number },
  shape: MarketplaceShape = DEFAULT_SHAPE,
): Promise<void> {
  const { brands, clippers, campaigns } = shape;
  const batch = 250_000;
  await withClient(databaseUrl, async (client) => {
    await client.query(`SELECT setseed(${(range.from % 1000) / 1000})`);
    const indexes: Array<{ indexname: string; indexdef: string }> = (
      await client.query(`SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename IN ('Submission', 'PostLink') AND indexname NOT LIKE '%_pkey'`)
    ).rows;
    const bulk = range.count >= 100_000;
    if (bulk) {
      for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
      await client.query('SET session_replication_role = replica');
    }
    for (let start = range.from; start < range.from + range.count; start += batch) {
      const end = Math.min(start + batch, range.from + range.count) - 1;
      await client.query(`
        WITH s AS (
          INSERT INTO "Submission" (id, "campaignId", "clipperId", caption, status, "rejectionReasonCode", "reviewedAt",
            "createdAt", "updatedAt")
          SELECT pg_temp.sid('sub', ms, g),
                 pg_temp.cid(CASE WHEN random() < ${range.hotShare} THEN ${campaigns}
                                  ELSE 1 + floor(random() * ${campaigns})::bigint END, ${campaigns}),
                 pg_temp.uid(${brands + 1} + floor(random() * ${clippers})::bigint),
                 'My take on the brief, clip ' || g || ' #ad',
                 (CASE WHEN r < 0.60 THEN 'PENDING_REVIEW' WHEN r < 0.85 THEN 'APPROVED' WHEN r < 0.97 THEN 'REJECTED'
                       ELSE 'REMOVED' END)::"SubmissionStatus",
                 CASE WHEN r >= 0.85 AND r < 0.97 THEN 'OFF_BRIEF' END,
                 CASE WHEN r >= 0.60 THEN pg_temp.ts(ms + 86400000) END,
                 pg_temp.ts(ms), pg_temp.ts(ms)
          FROM (SELECT g, random() AS r, ${SPAN_END - YEAR_MS} + floor(random() * ${YEAR_MS})::bigint AS ms
                FROM generate_series(${start}, ${end}) AS g ORDER BY ms) AS t
          RETURNING id, "createdAt"
        )
        INSERT INTO "PostLink" (id, "submissionId", platform, url, "platformPostId", "createdAt")
        SELECT 'pln_' || substr(id, 5), id, 'TIKTOK', 'https://www.tiktok.com/@clipper/video/' || substr(id, 5),
               substr(id, 5), "createdAt"
        FROM s ORDER BY id`);
    }
    if (bulk) {
      await client.query('SET session_replication_role = DEFAULT');
      for (const { indexdef } of indexes) await client.query(indexdef);
      const dangling = await client.query(`SELECT
        (SELECT count(*) FROM "Submission" s WHERE NOT EXISTS (SELECT 1 FROM "Campaign" c WHERE c.id = s."campaignId"))
        + (SELECT count(*) FROM "Submission" s WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = s."clipperId"))
        AS n`);
      if (Number(dangling.rows[0].n) > 0) throw new Error(`seeding left ${dangling.rows[0].n} dangling references`);
    }
  });
}

export async function analyze(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, (client) => client.query('ANALYZE'));
}

/** Drops and recreates the benchmark's own database (never any other). */
export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^contentflow_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

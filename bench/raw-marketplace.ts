// The raw baseline of `GET /api/v1/campaigns` for a clipper: node:http + pg, no framework, no ORM. It does the work
// the request needs and nothing else: verify the HS256 access token (node:crypto), read the user row (the app
// re-reads it on every request), one keyset SELECT of the open campaigns joined to the brand profile, and the same
// JSON page as the app (items + nextCursor).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';

const USER_SQL = 'SELECT id, role::text, "adminRole"::text, status::text, "tokensValidAfter" FROM "User" WHERE id = $1';

const CAMPAIGNS_SQL = `
SELECT c.id, c."brandId", bp."companyName", c.title, c.brief, c."targetPlatforms"::text[] AS "targetPlatforms",
       c."totalBudgetCents", c."reservedBudgetCents", c."cpmCents", c."maxPayoutPerSubmissionCents", c."minViews",
       c."applicationMode"::text AS "applicationMode", c.status::text AS status, c."startsAt", c."endsAt", c."createdAt"
FROM "Campaign" c LEFT JOIN "BrandProfile" bp ON bp."userId" = c."brandId"
WHERE c.status IN ('IN_PROGRESS')
ORDER BY c."createdAt" DESC, c.id DESC
LIMIT $1`;

const PAGE_SIZE = 20;

interface CampaignRow {
  id: string;
  brandId: string;
  companyName: string | null;
  title: string;
  brief: string;
  targetPlatforms: string[];
  totalBudgetCents: string;
  reservedBudgetCents: string;
  cpmCents: number;
  maxPayoutPerSubmissionCents: number | null;
  minViews: number;
  applicationMode: string;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
  createdAt: Date;
}

/** The user id and issue time (ms) of a valid token, or null. */
function verify(token: string, secret: string): { sub: string; issuedAtMs: number } | null {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (alg !== 'HS256' || claims.iss !== 'contentflow' || claims.aud !== 'contentflow-api') return null;
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) return null;
  return { sub: claims.sub, issuedAtMs: typeof claims.iat_ms === 'number' ? claims.iat_ms : claims.iat * 1000 };
}

const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

export function rawCampaignsHandler(pool: pg.Pool, secret: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const claims = verify(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '', secret);
    if (!claims) return send(res, 401, { title: 'Unauthenticated' });
    const user = (await pool.query(USER_SQL, [claims.sub])).rows[0];
    if (user?.status !== 'ACTIVE') return send(res, 401, { title: 'Unauthenticated' });
    if (user.tokensValidAfter && claims.issuedAtMs <= user.tokensValidAfter.getTime()) {
      return send(res, 401, { title: 'Unauthenticated' });
    }
    if (user.role !== 'CLIPPER') return send(res, 501, { title: 'The raw target serves clippers only' });
    const rows: CampaignRow[] = (await pool.query(CAMPAIGNS_SQL, [PAGE_SIZE + 1])).rows;
    const more = rows.length > PAGE_SIZE;
    const kept = more ? rows.slice(0, PAGE_SIZE) : rows;
    const last = kept.at(-1);
    send(res, 200, {
      items: kept.map((row) => ({
        id: row.id,
        brandId: row.brandId,
        brandName: row.companyName,
        title: row.title,
        brief: row.brief,
        targetPlatforms: row.targetPlatforms,
        totalBudgetCents: Number(row.totalBudgetCents),
        remainingBudgetCents: Number(BigInt(row.totalBudgetCents) - BigInt(row.reservedBudgetCents)),
        cpmCents: row.cpmCents,
        maxPayoutPerSubmissionCents: row.maxPayoutPerSubmissionCents,
        minViews: row.minViews,
        applicationMode: row.applicationMode,
        status: row.status,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        createdAt: row.createdAt,
      })),
      nextCursor:
        more && last
          ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url')
          : null,
    });
  };
}

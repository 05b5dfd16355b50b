import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '@prisma/client';
import pg from 'pg';

export type Db = PrismaClient;
/** The client or an open transaction: use cases that compose take this, so callers decide the transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

// The pool under each client, for readRows.
const pools = new WeakMap<object, pg.Pool>();

/** One Prisma client per process, talking to PostgreSQL through the pg driver adapter (no native engine). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

const TIMESTAMP = 1114;
const INT8 = 20;
/** Values as Prisma reads them: BIGINT as BigInt, TIMESTAMP(3) (Prisma stores UTC) as UTC dates. */
const PRISMA_LIKE_TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Dates as UTC TIMESTAMP text, as Prisma writes them (pg would render them in the process's time zone). */
const asParameter = (value: unknown) =>
  value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', '') : value;

/**
 * A read on the hottest paths (every signed-in request, the campaign browse list): the same SQL as
 * `db.$queryRaw`, sent straight to the pool under the client, which skips ~0.2 ms of Prisma's per-query work.
 * Inside a transaction (no pool known) it is `$queryRaw`. Only for columns of type TIMESTAMP, not TIMESTAMPTZ.
 */
export async function readRows<T>(db: DbClient, query: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return db.$queryRaw<T[]>(query);
  const result = await pool.query({
    text: query.text,
    values: query.values.map(asParameter),
    types: PRISMA_LIKE_TYPES,
  });
  return result.rows as T[];
}

import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '@prisma/client';

export type Db = PrismaClient;
/** The client or an open transaction: use cases that compose take this, so callers decide the transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/** One Prisma client per process, talking to PostgreSQL through the pg driver adapter (no native engine). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

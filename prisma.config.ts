// Prisma CLI configuration. The JS engine with the pg driver adapter keeps the CLI offline:
// no native schema engine is downloaded (see docs/adr/0001-stack.md).
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

const connectionString = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString }),
});

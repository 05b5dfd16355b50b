// Authors a migration offline: `npm run db:new-migration -- <name> [--schema <file>] [--migrations <dir>]`.
// Prisma's own `migrate dev` cannot run here (JS engine + adapter), so we diff the schema as of the latest
// migration (prisma/migrations/schema.snapshot.prisma) against prisma/schema.prisma into a new SQL file.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { connectDatabase } from '../server/database/connect.js';
import { MIGRATIONS_DIR } from '../server/database/migrations.js';

const root = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { schema: { type: 'string' }, migrations: { type: 'string' } },
});
const schema = path.resolve(values.schema ?? path.join(root, 'prisma/schema.prisma'));
const migrationsDir = path.resolve(values.migrations ?? MIGRATIONS_DIR);
const snapshot = path.join(migrationsDir, 'schema.snapshot.prisma');

const name = positionals[0];
if (!name || !/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name>   (lower_snake_case, e.g. add_payout_batches)');
  process.exit(2);
}
if (existsSync(snapshot) && readFileSync(snapshot, 'utf8') === readFileSync(schema, 'utf8')) {
  console.log('prisma/schema.prisma has not changed since the latest migration; nothing to do');
  process.exit(0);
}

// The diff engine wants a reachable database even for a schema-to-schema diff; the embedded one will do.
const database = await connectDatabase(loadConfig(), (line) => console.error(line));
try {
  const require = createRequire(import.meta.url);
  const sql = execFileSync(
    process.execPath,
    [
      require.resolve('prisma/build/index.js'),
      'migrate',
      'diff',
      '--script',
      ...(existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty']),
      '--to-schema-datamodel',
      schema,
    ],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  ).toString();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  copyFileSync(schema, snapshot);
  console.log(
    `wrote ${path.relative(root, dir)}/migration.sql (${sql.split('\n').length} lines); review it, then commit it with the schema`,
  );
} finally {
  await database.embedded?.stop();
}

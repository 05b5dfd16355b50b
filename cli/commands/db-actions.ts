import { seedDemoData } from '../../prisma/seed.js';
import { applyMigrations, migrationStatus } from '../../server/database/migrations.js';
import { createDb } from '../../server/db.js';
import { withDatabase } from '../database.js';
import { EXIT } from '../run.js';

export function migrate(): Promise<number> {
  return withDatabase(async ({ url }) => {
    const applied = await applyMigrations(url, { log: (line) => console.log(line) });
    console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
    return EXIT.OK;
  });
}

export function status(opts: { json?: boolean }): Promise<number> {
  return withDatabase(async ({ url }) => {
    const states = await migrationStatus(url);
    const pending = states.filter((s) => s.status !== 'applied');
    if (opts.json) {
      console.log(JSON.stringify({ migrations: states, pending: pending.length }, null, 2));
    } else {
      for (const s of states) {
        console.log(`${s.status.padEnd(12)} ${s.name}${s.appliedAt ? `  (${s.appliedAt.toISOString()})` : ''}`);
      }
      const applied = states.length - pending.length;
      console.log(`${applied} applied, ${pending.length} pending`);
    }
    return pending.length ? EXIT.PENDING_MIGRATIONS : EXIT.OK;
  });
}

export function seed(): Promise<number> {
  return withDatabase(async ({ url }) => {
    await applyMigrations(url);
    const db = createDb(url, { max: 2 });
    try {
      const { seeded, logins } = await seedDemoData(db, { log: (line) => console.log(line) });
      console.log(
        seeded ? `seeded demo data (${logins.length} demo users)` : 'database already has users; nothing seeded',
      );
      return EXIT.OK;
    } finally {
      await db.$disconnect();
    }
  });
}

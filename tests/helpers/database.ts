import { inject } from 'vitest';
import { createDb, type Db } from '../../server/db.js';
import { createDatabase, dropDatabase, uniqueDbName, withDatabaseName } from './pg.js';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template (milliseconds, not a migration run). */
export async function createTestDatabase(label = 'test', options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = uniqueDbName(label);
  await createDatabase(adminUrl, name, options.migrated === false ? undefined : inject('pgTemplate'));
  const url = withDatabaseName(adminUrl, name);
  const db = createDb(url, { max: 4 });
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}

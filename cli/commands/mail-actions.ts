import { migrationStatus } from '../../server/database/migrations.js';
import { createDb } from '../../server/db.js';
import { listDevMail } from '../../server/modules/notifications/list-dev-mail.js';
import { AppError } from '../../server/shared/errors.js';
import { withDatabase } from '../database.js';
import { EXIT } from '../run.js';

export function list(opts: { to?: string; limit: number; json?: boolean }): Promise<number> {
  const { limit } = opts;
  return withDatabase(async ({ url }) => {
    if ((await migrationStatus(url)).some((m) => m.status !== 'applied')) {
      throw new AppError(
        'CONFLICT',
        'the database has pending migrations: run `contentflow db migrate` or start the server first',
      );
    }
    const db = createDb(url, { max: 1 });
    try {
      const messages = await listDevMail(db, { to: opts.to, limit });
      if (opts.json) {
        console.log(JSON.stringify(messages, null, 2));
      } else if (messages.length === 0) {
        console.log('no messages');
      } else {
        for (const m of messages) {
          console.log(`── ${m.createdAt.toISOString()}  to ${m.to}\n   ${m.subject}\n\n${m.text}\n`);
        }
      }
      return EXIT.OK;
    } finally {
      await db.$disconnect();
    }
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createMailer } from '../../server/modules/notifications/mailer.js';
import { createDevSms } from '../../server/modules/notifications/sms.js';
import { createLogger } from '../../server/shared/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('dev-mailbox');
});
afterAll(async () => {
  await database?.drop();
});

const CODE = '482913';

/** Sends one code by mail and one by SMS through the development channels of `env`, and returns the log. */
async function logOf(env: Record<string, string>): Promise<string> {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(line) });
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const mailer = createMailer(config, database.db, logger);
  const to = `someone-${lines.length}-${Math.random().toString(36).slice(2)}@example.test`;
  await mailer.send({ to, subject: 'Your sign-up code', text: `Your code is ${CODE}.` });
  await createDevSms(config, logger).send('+15550100', `Your code is ${CODE}.`);
  await mailer.close();
  // Printed or not, the message is in the development mailbox (for superadmins in the back office).
  expect((await database.db.devMail.findFirstOrThrow({ where: { to } })).text).toContain(CODE);
  return lines.join('\n');
}

describe('development mail and SMS in the log', () => {
  it('print codes on a developer machine: development mode (the default) listening on loopback', async () => {
    const local: Record<string, string>[] = [
      {},
      { NODE_ENV: 'development', HOST: '::1' },
      { HOST: 'localhost' },
      { HOST: '127.0.0.2' },
    ];
    for (const env of local) {
      const log = await logOf(env);
      expect(log.match(new RegExp(CODE, 'g'))?.length, JSON.stringify(env)).toBe(2);
    }
  });

  it('never print codes elsewhere: another mode, or reachable from other machines', async () => {
    const elsewhere: Record<string, string>[] = [
      { HOST: '0.0.0.0' },
      { HOST: '::' },
      { HOST: '10.0.0.5' },
      { HOST: 'ops.internal' },
      { NODE_ENV: 'test', HOST: '127.0.0.1' },
    ];
    for (const env of elsewhere) {
      const log = await logOf(env);
      expect(log, JSON.stringify(env)).not.toContain(CODE);
      // The log still says a message went out, so a developer knows where to look.
      expect(log).toContain('dev mailbox');
      expect(log).toContain('dev sms');
    }
  });
});

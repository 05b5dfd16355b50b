import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Services } from './modules/context.js';
import { createMailer } from './modules/notifications/mailer.js';
import { createDevSms } from './modules/notifications/sms.js';
import { createStorage } from './modules/storage/create-storage.js';
import { systemClock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** The production wiring of the use cases' dependencies; tests swap the clock, the mailer or fetch. */
export function createServices(
  base: { config: Config; db: Db; logger: Logger },
  overrides: Partial<Pick<Services, 'clock' | 'mailer' | 'sms' | 'fetch' | 'storage'>> = {},
): Services {
  const clock = overrides.clock ?? systemClock;
  return {
    ...base,
    clock,
    mailer: overrides.mailer ?? createMailer(base.config, base.db, base.logger),
    sms: overrides.sms ?? createDevSms(base.config, base.logger),
    fetch: overrides.fetch ?? globalThis.fetch,
    storage: overrides.storage ?? createStorage(base.config, clock),
  };
}

import type { Config } from './config.js';
import type { Db } from './db.js';
import type { Services } from './modules/context.js';
import { createMailer } from './modules/notifications/mailer.js';
import { createDevSms } from './modules/notifications/sms.js';
import { systemClock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** The production wiring of the use cases' dependencies; tests swap the clock, the mailer or fetch. */
export function createServices(
  base: { config: Config; db: Db; logger: Logger },
  overrides: Partial<Pick<Services, 'clock' | 'mailer' | 'sms' | 'fetch'>> = {},
): Services {
  return {
    ...base,
    clock: overrides.clock ?? systemClock,
    mailer: overrides.mailer ?? createMailer(base.config, base.db, base.logger),
    sms: overrides.sms ?? createDevSms(base.logger),
    fetch: overrides.fetch ?? globalThis.fetch,
  };
}

import type { Config } from '../config.js';
import type { Db } from '../db.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Mailer } from './notifications/mailer.js';
import type { SmsSender } from './notifications/sms.js';
import type { StorageDriver } from './storage/storage-driver.js';
import type { IdempotencyClaim } from './system/idempotency.js';

/** What every use case may reach besides its input: the database and the outside world, all injectable. */
export interface Services {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  sms: SmsSender;
  /** The HTTP client for third parties (TikTok); tests point the URLs at local fakes. */
  fetch: typeof fetch;
  /** Object storage for uploads: S3 or the local-disk driver (server/modules/storage). */
  storage: StorageDriver;
}

/** Where a call came from, for audit events and per-client limits. */
export interface RequestInfo {
  requestId?: string;
  ip?: string;
  userAgent?: string;
}

export interface Ctx extends Services {
  request: RequestInfo;
  /**
   * The caller's Idempotency-Key, held for this request (API create routes sent with the header). The use case
   * settles it inside the transaction that makes its effect (system/idempotency.ts: settleIdempotencyClaim).
   */
  idempotency?: IdempotencyClaim;
}

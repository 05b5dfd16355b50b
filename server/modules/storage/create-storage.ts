import { createHmac } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Clock } from '../../shared/clock.js';
import { LocalDiskStorage } from './local-disk-driver.js';
import { S3Storage } from './s3-driver.js';
import type { StorageDriver } from './storage-driver.js';

/**
 * The key of the local driver's URL signatures: STORAGE_SIGNING_SECRET when set, else one derived from JWT_SECRET
 * under its own label, so a leaked download URL says nothing about tokens and production needs no extra secret
 * (JWT_SECRET must already be a real one there).
 */
export function storageSigningKey(config: Pick<Config, 'STORAGE_SIGNING_SECRET' | 'JWT_SECRET'>): Buffer {
  if (config.STORAGE_SIGNING_SECRET) return Buffer.from(config.STORAGE_SIGNING_SECRET, 'utf8');
  return createHmac('sha256', config.JWT_SECRET).update('contentflow:storage-url-signing:v1').digest();
}

/** S3 when S3_BUCKET is configured (config.ts then requires the keys); otherwise files under STORAGE_DIR. */
export function createStorage(config: Config, clock: Clock): StorageDriver {
  if (config.S3_BUCKET) {
    return new S3Storage({
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      accessKeyId: config.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: config.S3_SECRET_ACCESS_KEY ?? '',
      clock,
    });
  }
  return new LocalDiskStorage({
    root: config.STORAGE_DIR,
    publicUrl: config.publicUrl,
    signingKey: storageSigningKey(config),
    clock,
  });
}

/**
 * Object storage as the use cases see it: presigned URLs that let the browser move the bytes directly, and a HEAD
 * to check what arrived. Two drivers implement it: S3 (any S3-API service) and a local directory served by the
 * app itself (server/http/storage-files.ts), so development needs no extra service.
 */
export interface PresignedPut {
  url: string;
  method: 'PUT';
  /** Headers the uploader must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface PresignedGet {
  url: string;
  expiresAt: Date;
}

export interface StoredObject {
  sizeBytes: number;
  contentType: string;
}

export interface StorageDriver {
  /** Which driver this is, for logs and the operations overview. */
  readonly kind: 's3' | 'local';
  /** A URL accepting one PUT of exactly `sizeBytes` bytes of `contentType` to `key`, until it expires. */
  presignPut(input: {
    key: string;
    contentType: string;
    sizeBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPut>;
  /** What is stored under `key`, or null when nothing is. */
  head(key: string): Promise<StoredObject | null>;
  /** Removes what is stored under `key`; nothing stored is not an error. */
  delete(key: string): Promise<void>;
  /** A URL that downloads `key` as an attachment named `filename`, until it expires. */
  presignGet(input: {
    key: string;
    expiresInSeconds: number;
    filename: string;
    contentType: string;
  }): Promise<PresignedGet>;
}

/**
 * Object keys we generate: `uploads/<ownerId>/<uploadId>/<safe-filename>`. Every segment starts with a letter or
 * digit, so `.`, `..`, hidden files and absolute paths cannot be expressed at all.
 */
export const OBJECT_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

export function isSafeObjectKey(key: string): boolean {
  return key.length <= 512 && OBJECT_KEY_PATTERN.test(key);
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266), safe for any filename. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

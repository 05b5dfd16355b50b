import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import {
  isSafeObjectKey,
  type PresignedGet,
  type PresignedPut,
  type StorageDriver,
  type StoredObject,
} from './storage-driver.js';

/** What a verified local URL allows: one method on one key, for one content type (and exact size for a PUT). */
export interface SignedGrant {
  method: 'PUT' | 'GET';
  key: string;
  contentType: string;
  sizeBytes?: number;
  filename?: string;
  expiresAtMs: number;
}

export interface LocalDiskOptions {
  /** Directory holding the objects; `.tmp/` and `.meta/` inside it cannot clash with keys (keys never start with a dot). */
  root: string;
  /** Base of the URLs handed out: the app serves them at `/storage/<key>`. */
  publicUrl: string;
  /** HMAC-SHA256 key for the URLs. */
  signingKey: Buffer;
  clock: Clock;
}

/**
 * Objects in a local directory, with URLs on the app itself signed like S3's presigned ones: method, key, content
 * type, exact size (uploads) or download name, and expiry, under HMAC-SHA256. For one machine and development;
 * several replicas need the S3 driver (docs/adr/0005-object-storage.md).
 */
export class LocalDiskStorage implements StorageDriver {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(private readonly options: LocalDiskOptions) {
    this.root = path.resolve(options.root);
  }

  async presignPut(input: {
    key: string;
    contentType: string;
    sizeBytes: number;
    expiresInSeconds: number;
  }): Promise<PresignedPut> {
    const expiresAtMs = this.options.clock.now().getTime() + input.expiresInSeconds * 1000;
    const grant: SignedGrant = { method: 'PUT', ...input, expiresAtMs };
    const query = { type: input.contentType, size: String(input.sizeBytes), expires: String(expiresAtMs) };
    return {
      url: this.url(grant, query),
      method: 'PUT',
      headers: { 'Content-Type': input.contentType },
      expiresAt: new Date(expiresAtMs),
    };
  }

  async presignGet(input: {
    key: string;
    expiresInSeconds: number;
    filename: string;
    contentType: string;
  }): Promise<PresignedGet> {
    const expiresAtMs = this.options.clock.now().getTime() + input.expiresInSeconds * 1000;
    const grant: SignedGrant = { method: 'GET', ...input, expiresAtMs };
    const query = { type: input.contentType, name: input.filename, expires: String(expiresAtMs) };
    return { url: this.url(grant, query), expiresAt: new Date(expiresAtMs) };
  }

  async head(key: string): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    const meta = await fs.readFile(this.metaPathOf(key), 'utf8').catch(() => null);
    const contentType = meta ? String((JSON.parse(meta) as { contentType?: unknown }).contentType ?? '') : '';
    return { sizeBytes: stat.size, contentType: contentType || 'application/octet-stream' };
  }

  async delete(key: string): Promise<void> {
    const gone = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    };
    await fs.unlink(this.pathOf(key)).catch(gone);
    await fs.unlink(this.metaPathOf(key)).catch(gone);
  }

  /**
   * Checks a request to `/storage/<key>` against its signature and expiry. Tampering with any signed part, or a
   * URL for another method, fails the signature; the compare is constant-time.
   */
  verify(method: 'PUT' | 'GET', key: string, query: Record<string, unknown>): SignedGrant {
    if (!isSafeObjectKey(key)) throw new AppError('NOT_FOUND', 'No such file.');
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    const [type, expires, sig] = [text('type'), text('expires'), text('sig')];
    const size = method === 'PUT' ? text('size') : undefined;
    const name = method === 'GET' ? text('name') : undefined;
    const wellFormed =
      type !== undefined &&
      /^\d{1,15}$/.test(expires ?? '') &&
      /^[0-9a-f]{64}$/.test(sig ?? '') &&
      (method === 'GET' ? name !== undefined : /^\d{1,10}$/.test(size ?? ''));
    if (!wellFormed) throw new AppError('FORBIDDEN', 'This link is not valid.');
    const grant: SignedGrant = {
      method,
      key,
      contentType: type,
      sizeBytes: size === undefined ? undefined : Number(size),
      filename: name,
      expiresAtMs: Number(expires),
    };
    const expected = this.signature(grant);
    if (!timingSafeEqual(Buffer.from(sig as string, 'hex'), expected)) {
      throw new AppError('FORBIDDEN', 'This link is not valid.');
    }
    if (this.options.clock.now().getTime() >= grant.expiresAtMs) {
      throw new AppError('FORBIDDEN', 'This link has expired; ask for a new one.');
    }
    return grant;
  }

  /**
   * Stores exactly `grant.sizeBytes` bytes from `body` under the grant's key, write-once: the bytes go to a temp
   * file first and are linked into place only when complete, so a reader never sees half a file and a second
   * upload cannot replace a checked one. More bytes than signed abort the write; fewer leave nothing behind.
   */
  async write(grant: SignedGrant, body: Readable): Promise<void> {
    const limit = grant.sizeBytes ?? 0;
    const file = this.pathOf(grant.key);
    const tmp = path.join(this.root, '.tmp', randomBytes(16).toString('hex'));
    await fs.mkdir(path.dirname(tmp), { recursive: true });
    await fs.mkdir(path.dirname(file), { recursive: true });
    if (await exists(file)) throw new AppError('CONFLICT', 'A file was already uploaded with this link.');
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > limit) done(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${limit} bytes.`));
        else done(null, chunk);
      },
    });
    // Piped rather than pipelined from the body: on an oversized body the request stays open, so the caller can
    // still answer 413 (and close the connection) instead of resetting it.
    const interrupted = () => {
      if (!body.readableEnded) counter.destroy(new AppError('BAD_REQUEST', 'The upload was interrupted.'));
    };
    body.once('error', interrupted);
    body.once('close', interrupted);
    body.pipe(counter);
    try {
      await pipeline(counter, createWriteStream(tmp, { flags: 'wx' }));
      if (received !== limit) {
        throw new AppError('BAD_REQUEST', `The file has ${received} bytes; this link is for exactly ${limit}.`);
      }
      const meta = this.metaPathOf(grant.key);
      await fs.mkdir(path.dirname(meta), { recursive: true });
      // The content type is signed into the URL, so every writer of this key writes the same sidecar.
      await fs.writeFile(meta, JSON.stringify({ contentType: grant.contentType }));
      await fs.link(tmp, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new AppError('CONFLICT', 'A file was already uploaded with this link.');
        throw error;
      });
    } finally {
      body.unpipe(counter);
      body.off('error', interrupted);
      body.off('close', interrupted);
      await fs.rm(tmp, { force: true });
    }
  }

  /** The stored bytes under `key` and their size, or null. */
  async open(key: string): Promise<{ sizeBytes: number; stream: Readable } | null> {
    const file = this.pathOf(key);
    const handle = await fs.open(file, 'r').catch(() => null);
    if (!handle) return null;
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return null;
    }
    // The stream owns the handle and closes it when done or destroyed.
    return { sizeBytes: stat.size, stream: handle.createReadStream() };
  }

  private url(grant: SignedGrant, query: Record<string, string>): string {
    const base = this.options.publicUrl.replace(/\/+$/, '');
    const sig = this.signature(grant).toString('hex');
    return `${base}/storage/${this.checkedKey(grant.key)}?${new URLSearchParams({ ...query, sig })}`;
  }

  private signature(grant: SignedGrant): Buffer {
    // A JSON array is an unambiguous encoding of the signed parts: no separator can be smuggled into a field.
    const signed = JSON.stringify([
      'contentflow-storage-v1',
      grant.method,
      grant.key,
      grant.contentType,
      grant.sizeBytes ?? null,
      grant.filename ?? null,
      grant.expiresAtMs,
    ]);
    return createHmac('sha256', this.options.signingKey).update(signed).digest();
  }

  private checkedKey(key: string): string {
    if (!isSafeObjectKey(key)) throw new AppError('INTERNAL', 'Invalid object key.', { internal: `bad key ${key}` });
    return key;
  }

  /** The file of a key, refusing anything that would resolve outside the storage directory. */
  private pathOf(key: string): string {
    const file = path.resolve(this.root, this.checkedKeyForIo(key));
    if (!file.startsWith(this.root + path.sep)) throw new AppError('NOT_FOUND', 'No such file.');
    return file;
  }

  private metaPathOf(key: string): string {
    return path.join(this.root, '.meta', `${this.checkedKeyForIo(key)}.json`);
  }

  private checkedKeyForIo(key: string): string {
    if (!isSafeObjectKey(key)) throw new AppError('NOT_FOUND', 'No such file.');
    return key;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

import { pipeline } from 'node:stream/promises';
import { type Request, type Response, Router } from 'express';
import type { Services } from '../modules/context.js';
import { LocalDiskStorage } from '../modules/storage/local-disk-driver.js';
import { attachmentDisposition } from '../modules/storage/storage-driver.js';
import { mediaType } from '../modules/storage/upload-rules.js';
import { AppError } from '../shared/errors.js';

/** The object key of a request to `/storage/<key>`: the raw path, decoded once; the driver decides if it is valid. */
function keyOf(req: Request): string {
  try {
    return decodeURIComponent(req.path.replace(/^\/+/, ''));
  } catch {
    throw new AppError('NOT_FOUND', 'No such file.');
  }
}

/** Refuses before reading the body; the connection closes so an unread body is not parsed as the next request. */
function refuse(res: Response, error: AppError): never {
  res.setHeader('Connection', 'close');
  throw error;
}

/**
 * The local driver's URLs (server/modules/storage/local-disk-driver.ts): PUT stores exactly the signed bytes of the
 * signed type, GET answers them as an attachment. Mounted at /storage only when the local driver is in use, and
 * outside /api so the JSON body limit does not apply; errors are problem+json from the app's error handler.
 */
export function storageFilesRouter(services: Pick<Services, 'storage' | 'clock'>): Router | undefined {
  const storage = services.storage;
  if (!(storage instanceof LocalDiskStorage)) return undefined;
  const router = Router();

  router.put(/.*/, async (req, res) => {
    const grant = storage.verify('PUT', keyOf(req), req.query as Record<string, unknown>);
    if (mediaType(req.get('content-type')) !== grant.contentType) {
      refuse(res, new AppError('BAD_REQUEST', `Content-Type must be ${grant.contentType}, as this link was made for.`));
    }
    const declared = req.get('content-length');
    if (declared !== undefined && Number(declared) !== grant.sizeBytes) {
      const tooBig = Number(declared) > (grant.sizeBytes ?? 0);
      refuse(
        res,
        new AppError(
          tooBig ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
          `The body must be exactly ${grant.sizeBytes} bytes, as this link was made for.`,
        ),
      );
    }
    try {
      await storage.write(grant, req);
    } catch (error) {
      // A body cut short by us was not read to the end; close rather than reuse the connection.
      if (!req.readableEnded) res.setHeader('Connection', 'close');
      throw error;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).end();
  });

  router.get(/.*/, async (req, res) => {
    const grant = storage.verify('GET', keyOf(req), req.query as Record<string, unknown>);
    const file = await storage.open(grant.key);
    if (!file) throw new AppError('NOT_FOUND', 'No such file.');
    const secondsLeft = Math.max(0, Math.floor((grant.expiresAtMs - services.clock.now().getTime()) / 1000));
    res.status(200);
    res.setHeader('Content-Type', grant.contentType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('Content-Disposition', attachmentDisposition(grant.filename ?? 'file'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The file is someone's private upload, opened by a signed link: no shared caches, and none beyond the link.
    res.setHeader('Cache-Control', `private, max-age=${secondsLeft}`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.method === 'HEAD') {
      file.stream.destroy();
      res.end();
      return;
    }
    await pipeline(file.stream, res);
  });

  return router;
}

import { z } from 'zod';
import { CONTENT_TYPES, MAX_UPLOAD_BYTES, UPLOAD_PURPOSES } from './upload-rules.js';

/** Input shapes of the upload use cases; the HTTP routes validate with these. */
export const uploadId = z.string().regex(/^upl_[0-9a-z]{26}$/, 'an upload id (upl_…)');

export const uploadParams = z.object({ id: uploadId }).strict();

export const createUploadInput = z
  .object({
    purpose: z.enum(UPLOAD_PURPOSES),
    // Shown back as the download's name; path separators and control characters have no place in it.
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      // The control characters (Unicode Cc: C0, DEL, C1) spelled out rather than \p{Cc}, which needs the `u` flag: the
      // API document carries the pattern's source only, and every client must read it the same way.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
      .regex(/^[^/\\\x00-\x1f\x7f-\x9f]+$/, 'no slashes or control characters'),
    contentType: z.enum(CONTENT_TYPES),
    // The exact size of the file; per-type maximums are checked by the use case (upload-rules.ts).
    sizeBytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES),
  })
  .strict();

export type CreateUploadInput = z.infer<typeof createUploadInput>;

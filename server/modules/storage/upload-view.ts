import type { Upload } from '@prisma/client';
import { z } from 'zod';
import { CONTENT_TYPES, UPLOAD_PURPOSES } from './upload-rules.js';

/** An upload as its owner and permitted viewers see it: never the storage key (URLs are handed out per request). */
export interface UploadView {
  id: string;
  purpose: Upload['purpose'];
  filename: string;
  contentType: string;
  /** The declared size while pending; the checked size (the same) once confirmed. */
  sizeBytes: number;
  status: Upload['status'];
  createdAt: Date;
  confirmedAt: Date | null;
}

export const UPLOAD_VIEW_SELECT = {
  id: true,
  purpose: true,
  filename: true,
  contentType: true,
  declaredBytes: true,
  sizeBytes: true,
  status: true,
  createdAt: true,
  confirmedAt: true,
} as const;

export function toUploadView(
  row: Pick<
    Upload,
    | 'id'
    | 'purpose'
    | 'filename'
    | 'contentType'
    | 'declaredBytes'
    | 'sizeBytes'
    | 'status'
    | 'createdAt'
    | 'confirmedAt'
  >,
): UploadView {
  return {
    id: row.id,
    purpose: row.purpose,
    filename: row.filename,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes ?? row.declaredBytes,
    status: row.status,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
  };
}

/** The content types an upload may have (upload-rules.ts), named for the API documentation. */
export const contentTypeSchema = z.enum(CONTENT_TYPES).meta({ id: 'ContentType' });

/** UploadView as JSON reaches a client (dates as ISO 8601), for the API documentation. */
export const uploadViewSchema = z
  .object({
    id: z.string(),
    purpose: z.enum(UPLOAD_PURPOSES).meta({ id: 'UploadPurpose' }),
    filename: z.string(),
    contentType: contentTypeSchema,
    sizeBytes: z.number().int(),
    status: z.enum(['PENDING', 'CONFIRMED']),
    createdAt: z.iso.datetime(),
    confirmedAt: z.iso.datetime().nullable(),
  })
  .strict()
  .meta({ id: 'Upload' });

/** What POST /uploads answers: the pending upload and where to PUT the bytes. */
export const createdUploadSchema = z
  .object({
    upload: uploadViewSchema,
    put: z
      .object({
        url: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.iso.datetime(),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'CreatedUpload' });

export const downloadUrlSchema = z
  .object({ url: z.string(), expiresAt: z.iso.datetime() })
  .strict()
  .meta({ id: 'DownloadUrl' });

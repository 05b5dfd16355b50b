import type { FieldIssue } from '../../shared/errors.js';
import type { UserRole } from '../accounts/actor.js';

/** What may be uploaded, and how big. Sizes must fit the INT column `Upload.declaredBytes`. */
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export const ALLOWED_CONTENT_TYPES = {
  'video/mp4': { kind: 'video', maxBytes: GiB },
  'video/quicktime': { kind: 'video', maxBytes: GiB },
  'video/webm': { kind: 'video', maxBytes: GiB },
  'image/jpeg': { kind: 'image', maxBytes: 20 * MiB },
  'image/png': { kind: 'image', maxBytes: 20 * MiB },
} as const;

export type AllowedContentType = keyof typeof ALLOWED_CONTENT_TYPES;
export const CONTENT_TYPES = Object.keys(ALLOWED_CONTENT_TYPES) as [AllowedContentType, ...AllowedContentType[]];
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(ALLOWED_CONTENT_TYPES).map((t) => t.maxBytes));

export type UploadPurpose = 'CAMPAIGN_ASSET' | 'SUBMISSION_CLIP';
export const UPLOAD_PURPOSES = ['CAMPAIGN_ASSET', 'SUBMISSION_CLIP'] as const;

/** Who uploads what: brands upload raw footage and stills for campaigns, clippers upload their edited clips. */
export const PURPOSE_RULES: Record<UploadPurpose, { role: UserRole; kinds: ReadonlyArray<'video' | 'image'> }> = {
  CAMPAIGN_ASSET: { role: 'BRAND', kinds: ['video', 'image'] },
  SUBMISSION_CLIP: { role: 'CLIPPER', kinds: ['video'] },
};

/** Presigned URLs live at most 15 minutes (docs/adr/0005-object-storage.md); config may only shorten that. */
export const MAX_URL_TTL_SECONDS = 15 * 60;

export function urlTtlSeconds(configured: number): number {
  return Math.max(1, Math.min(configured, MAX_URL_TTL_SECONDS));
}

/** The media type without parameters, lower-cased: `Video/MP4; codecs=x` → `video/mp4`. */
export function mediaType(value: string | undefined | null): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Problems with a requested upload's type and size for its purpose; empty when it is acceptable. */
export function uploadIssues(input: { purpose: UploadPurpose; contentType: string; sizeBytes: number }): FieldIssue[] {
  const type = ALLOWED_CONTENT_TYPES[input.contentType as AllowedContentType];
  if (!type) return [{ path: 'contentType', message: `must be one of ${CONTENT_TYPES.join(', ')}` }];
  const issues: FieldIssue[] = [];
  if (!PURPOSE_RULES[input.purpose].kinds.includes(type.kind)) {
    issues.push({ path: 'contentType', message: `a ${input.purpose} must be a video` });
  }
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1) {
    issues.push({ path: 'sizeBytes', message: 'must be a whole number of bytes, at least 1' });
  } else if (input.sizeBytes > type.maxBytes) {
    issues.push({ path: 'sizeBytes', message: `must be at most ${type.maxBytes} bytes for ${input.contentType}` });
  }
  return issues;
}

/**
 * A filename reduced to what is safe inside an object key and a URL path (letters, digits, `.`, `_`, `-`); the
 * original name is kept in the database for the download's Content-Disposition.
 */
export function safeFilename(filename: string): string {
  const cleaned = filename
    // Accented letters keep their base letter (é → e) rather than becoming a dash.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(-100)
    .replace(/^[^A-Za-z0-9]+/, '');
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : 'file';
}

export function uploadKey(ownerId: string, uploadId: string, filename: string): string {
  return `uploads/${ownerId}/${uploadId}/${safeFilename(filename)}`;
}

import type { Prisma, Upload, UploadPurpose } from '@prisma/client';
import { AppError, type FieldIssue } from '../../shared/errors.js';

type Tx = Prisma.TransactionClient;

export interface ClaimUploadsInput {
  /** Who must own every upload (the brand creating the campaign, the clipper submitting). */
  ownerId: string;
  /** A list (issues name `field.<index>`) or one id (issues name `field`). */
  uploadIds: readonly string[] | string;
  purpose: UploadPurpose;
  /** The caller's input field, named in the issues: `assetUploadIds`, `clipUploadId`. */
  field: string;
  /** On edits: uploads already attached to this campaign (or submission) may be claimed again. */
  campaignId?: string;
  submissionId?: string;
}

const PURPOSE_NAMES: Record<UploadPurpose, string> = {
  CAMPAIGN_ASSET: 'a campaign asset',
  SUBMISSION_CLIP: 'a submission clip',
};

/**
 * Checks, inside the caller's transaction, that uploads may be attached: each must exist, belong to `ownerId`, be
 * CONFIRMED, have `purpose`, and not be attached to another campaign or submission. The rows stay locked
 * (FOR UPDATE) until the transaction ends, so two requests cannot attach the same upload twice. Any problem is a
 * VALIDATION_FAILED naming `field` (and the index for a list); an upload of someone else reads as unknown.
 */
export async function claimUploads(tx: Tx, input: ClaimUploadsInput): Promise<Upload[]> {
  const single = typeof input.uploadIds === 'string';
  const ids = typeof input.uploadIds === 'string' ? [input.uploadIds] : [...input.uploadIds];
  if (ids.length === 0) return [];
  // Sorted, so concurrent claims of overlapping sets take their locks in the same order and cannot deadlock.
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT id FROM "Upload" WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.upload.findMany({ where: { id: { in: sorted } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const issues: FieldIssue[] = [];
  ids.forEach((id, index) => {
    const path = single ? input.field : `${input.field}.${index}`;
    const row = byId.get(id);
    const problem =
      ids.indexOf(id) !== index
        ? 'is listed twice'
        : !row || row.ownerId !== input.ownerId
          ? 'is not one of your uploads'
          : row.purpose !== input.purpose
            ? `must be ${PURPOSE_NAMES[input.purpose]}`
            : row.status !== 'CONFIRMED'
              ? 'is not confirmed yet'
              : attachedElsewhere(row, input)
                ? 'is already attached elsewhere'
                : null;
    if (problem) issues.push({ path, message: problem });
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'Some uploads cannot be attached.', { issues });
  return ids.map((id) => byId.get(id) as Upload);
}

function attachedElsewhere(row: Upload, input: ClaimUploadsInput): boolean {
  if (row.campaignId && row.campaignId !== input.campaignId) return true;
  if (row.submissionId && row.submissionId !== input.submissionId) return true;
  return false;
}

/**
 * Makes `uploadIds` exactly the campaign's assets: attaches them and detaches the campaign's others, which become
 * free to attach again. Call after claimUploads in the same transaction.
 */
export async function attachToCampaign(tx: Tx, campaignId: string, uploadIds: readonly string[]): Promise<void> {
  await tx.upload.updateMany({
    where: { campaignId, id: { notIn: [...uploadIds] } },
    data: { campaignId: null },
  });
  if (uploadIds.length > 0) {
    await tx.upload.updateMany({ where: { id: { in: [...uploadIds] } }, data: { campaignId } });
  }
}

/** Makes `uploadId` the submission's clip (null: none), detaching a previous one. Call after claimUploads. */
export async function attachToSubmission(tx: Tx, submissionId: string, uploadId: string | null): Promise<void> {
  await tx.upload.updateMany({
    where: { submissionId, ...(uploadId ? { id: { not: uploadId } } : {}) },
    data: { submissionId: null },
  });
  if (uploadId) await tx.upload.update({ where: { id: uploadId }, data: { submissionId } });
}

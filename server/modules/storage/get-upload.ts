import { type Actor, requireUser } from '../accounts/actor.js';
import type { Ctx } from '../context.js';
import { findVisibleUpload } from './upload-access.js';
import { toUploadView, type UploadView } from './upload-view.js';

/** One upload, for its owner, an admin, or someone who may see what it is attached to (upload-access.ts). */
export async function getUpload(ctx: Ctx, actor: Actor, uploadId: string): Promise<UploadView> {
  const user = requireUser(actor);
  const { upload } = await findVisibleUpload(ctx.db, user, uploadId);
  return toUploadView(upload);
}

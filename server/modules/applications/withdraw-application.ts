import { AppError } from '../../shared/errors.js';
import { type Actor, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { APPLICATION_SELECT, findVisibleApplication, toApplicationView } from './application-view.js';

/** The clipper steps back from a campaign; submissions already made stay as they are. */
export async function withdrawApplication(ctx: Ctx, actor: Actor, applicationId: string) {
  const user = requireUser(actor);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const application = await findVisibleApplication(tx, user, applicationId);
    if (application.clipperId !== user.userId) {
      throw new AppError('FORBIDDEN', 'Only the clipper who applied can withdraw.');
    }
    if (application.status !== 'PENDING' && application.status !== 'APPROVED') {
      throw new AppError('CONFLICT', `This application is ${application.status}; there is nothing to withdraw.`);
    }
    await tx.application.update({ where: { id: applicationId }, data: { status: 'WITHDRAWN', updatedAt: now } });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'application.withdrawn',
        subjectType: 'Application',
        subjectId: applicationId,
        before: { status: application.status },
        after: { status: 'WITHDRAWN' },
      },
      now,
    );
  });
  const row = await ctx.db.application.findUniqueOrThrow({ where: { id: applicationId }, select: APPLICATION_SELECT });
  return toApplicationView(row);
}

import { AppError } from '../../shared/errors.js';
import { type Actor, isAdmin, MODERATING_ROLES, requireUser } from '../accounts/actor.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { OPEN_TO_CLIPPERS } from '../campaigns/campaign-access.js';
import type { Ctx } from '../context.js';
import { APPLICATION_SELECT, findVisibleApplication, toApplicationView } from './application-view.js';

/** The campaign's brand (or a moderator) approves or rejects a pending application. */
export async function decideApplication(
  ctx: Ctx,
  actor: Actor,
  applicationId: string,
  input: { decision: 'APPROVE' | 'REJECT' },
) {
  const user = requireUser(actor);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const application = await findVisibleApplication(tx, user, applicationId);
    const mayDecide = isAdmin(user, ...MODERATING_ROLES) || user.userId === application.campaign.brandId;
    if (!mayDecide) throw new AppError('FORBIDDEN', 'Only the campaign’s brand decides on applications.');
    if (application.status !== 'PENDING') {
      throw new AppError('CONFLICT', `This application is ${application.status}, not waiting for a decision.`);
    }
    if (!OPEN_TO_CLIPPERS.includes(application.campaign.status)) {
      throw new AppError('CONFLICT', 'The campaign is no longer in progress.');
    }
    const status = input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    await tx.application.update({ where: { id: applicationId }, data: { status, decidedAt: now, updatedAt: now } });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: status === 'APPROVED' ? 'application.approved' : 'application.rejected',
        subjectType: 'Application',
        subjectId: applicationId,
        before: { status: 'PENDING' },
        after: { status },
      },
      now,
    );
  });
  const row = await ctx.db.application.findUniqueOrThrow({ where: { id: applicationId }, select: APPLICATION_SELECT });
  return toApplicationView(row);
}

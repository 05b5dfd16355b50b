import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { type Actor, type AdminRole, MODERATING_ROLES, requireAdmin } from './actor.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { lockUser, revokeAllSessions } from './sessions.js';

/**
 * Locks the target's row and reads it inside the caller's transaction: the decision (already suspended? an
 * admin?) and the change see the same row, so parallel clicks change it once and audit it once.
 */
async function loadTarget(tx: DbClient, actor: Actor, userId: string, roles: readonly AdminRole[]) {
  const admin = requireAdmin(actor, ...roles);
  await lockUser(tx, userId);
  const target = await tx.user.findUnique({ where: { id: userId }, select: ME_SELECT });
  if (!target) throw new AppError('NOT_FOUND', 'No such user.');
  if (target.id === admin.userId) throw new AppError('FORBIDDEN', 'You cannot change your own account this way.');
  // Only a superadmin acts on other admins.
  if (target.role === 'ADMIN' && admin.adminRole !== 'SUPERADMIN') {
    throw new AppError('FORBIDDEN', 'Only a superadmin can change an admin account.');
  }
  return target;
}

/** Suspends a user (moderators and superadmins): sign-in refused, every session and API token ended at once. */
export async function suspendUser(ctx: Ctx, actor: Actor, userId: string, input: { reason: string }): Promise<Me> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(tx, actor, userId, MODERATING_ROLES);
    if (target.status === 'SUSPENDED') throw new AppError('CONFLICT', 'The user is already suspended.');
    const updated = await tx.user.update({ where: { id: userId }, data: { status: 'SUSPENDED' }, select: ME_SELECT });
    await revokeAllSessions(tx, ctx.clock, userId);
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'user.suspended',
        subjectType: 'User',
        subjectId: userId,
        before: { status: target.status },
        after: { status: 'SUSPENDED', reason: input.reason },
      },
      now,
    );
    return toMe(updated);
  });
}

/** Lifts a suspension (moderators and superadmins). */
export async function reactivateUser(ctx: Ctx, actor: Actor, userId: string): Promise<Me> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(tx, actor, userId, MODERATING_ROLES);
    if (target.status === 'ACTIVE') throw new AppError('CONFLICT', 'The user is not suspended.');
    const updated = await tx.user.update({ where: { id: userId }, data: { status: 'ACTIVE' }, select: ME_SELECT });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'user.reactivated',
        subjectType: 'User',
        subjectId: userId,
        before: { status: target.status },
        after: { status: 'ACTIVE' },
      },
      now,
    );
    return toMe(updated);
  });
}

/** Gives an admin account another admin role (superadmins only). */
export async function setAdminRole(
  ctx: Ctx,
  actor: Actor,
  userId: string,
  input: { adminRole: AdminRole },
): Promise<Me> {
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const target = await loadTarget(tx, actor, userId, ['SUPERADMIN']);
    if (target.role !== 'ADMIN') throw new AppError('CONFLICT', 'Only admin accounts have an admin role.');
    const updated = await tx.user.update({
      where: { id: userId },
      data: { adminRole: input.adminRole },
      select: ME_SELECT,
    });
    await recordAuditEvent(
      tx,
      actor,
      ctx.request,
      {
        action: 'user.admin_role_changed',
        subjectType: 'User',
        subjectId: userId,
        before: { adminRole: target.adminRole },
        after: { adminRole: input.adminRole },
      },
      now,
    );
    return toMe(updated);
  });
}

import type { Db } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { ALL_SCOPES, type UserActor } from './actor.js';
import { assertNotLockedOut, recordFailedLogin } from './login-throttle.js';
import { spendDecoyVerification, verifyPassword } from './password.js';

export interface AdminIdentity {
  id: string;
  email: string;
  adminRole: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN';
  /** When this back-office session began (ms); a later logout-everywhere, reset or suspension ends it. */
  signedInAt: number;
}

/** Thrown for a locked account; its message is AdminJS's translation key for the login page. */
export class AdminLoginLocked extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('tooManyRequests');
  }
}

/**
 * Checks back-office credentials: an ACTIVE user with role ADMIN and the right password, else null. Failures
 * count towards the same per-account lockout as API sign-ins, and both outcomes are audited.
 */
export async function authenticateAdmin(ctx: Ctx, email: string, password: string): Promise<AdminIdentity | null> {
  const address = email.trim().toLowerCase();
  try {
    await assertNotLockedOut(ctx, address);
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      throw new AdminLoginLocked(error.retryAfterSeconds ?? 3_600);
    }
    throw error;
  }
  const user = await ctx.db.user.findUnique({
    where: { email: address },
    select: { id: true, email: true, role: true, adminRole: true, status: true, passwordHash: true },
  });
  if (!user) {
    await spendDecoyVerification(password);
    await recordFailedLogin(ctx, null, address, 'back-office');
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) await recordFailedLogin(ctx, user.id, address, 'back-office');
  if (!ok || user.role !== 'ADMIN' || user.status !== 'ACTIVE' || !user.adminRole) return null;
  const actor: UserActor = {
    kind: 'user',
    userId: user.id,
    role: 'ADMIN',
    adminRole: user.adminRole,
    via: 'session',
    scopes: ALL_SCOPES,
  };
  await recordAuditEvent(
    ctx.db,
    actor,
    ctx.request,
    {
      action: 'auth.login',
      subjectType: 'User',
      subjectId: user.id,
      after: { door: 'back-office' },
    },
    ctx.clock.now(),
  );
  return { id: user.id, email: user.email, adminRole: user.adminRole, signedInAt: ctx.clock.now().getTime() };
}

/**
 * The admin role of an active admin whose back-office session began after their sessions were last ended
 * (password change or reset, suspension), or null: the session must end.
 */
export async function getAdminStanding(
  db: Db,
  userId: string,
  signedInAt: number,
): Promise<{ adminRole: AdminIdentity['adminRole'] } | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { role: true, adminRole: true, status: true, tokensValidAfter: true },
  });
  if (user?.role !== 'ADMIN' || user.status !== 'ACTIVE' || !user.adminRole) return null;
  if (user.tokensValidAfter && signedInAt <= user.tokensValidAfter.getTime()) return null;
  return { adminRole: user.adminRole };
}

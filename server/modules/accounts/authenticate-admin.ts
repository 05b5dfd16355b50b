import type { Db } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx } from '../context.js';
import { signedInActor } from './actor.js';
import { verifyCredentials } from './login-throttle.js';
import { passwordStillHolds } from './password-proof.js';

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
 * Checks back-office credentials: an ACTIVE user with role ADMIN and the right password, else null. The password
 * check, lockout and failure audit are the API sign-in's; a successful sign-in is audited here.
 */
export async function authenticateAdmin(ctx: Ctx, email: string, password: string): Promise<AdminIdentity | null> {
  let checked: Awaited<ReturnType<typeof verifyCredentials>>;
  try {
    checked = await verifyCredentials(ctx, email.trim().toLowerCase(), password, 'back-office');
  } catch (error) {
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      throw new AdminLoginLocked(error.retryAfterSeconds ?? 3_600);
    }
    throw error;
  }
  if (!checked) return null;
  const { user, proof } = checked;
  const { adminRole } = user;
  if (user.role !== 'ADMIN' || user.status !== 'ACTIVE' || !adminRole) return null;
  const signedIn = await ctx.db.$transaction(async (tx) => {
    // A reset that committed since the check ends this sign-in before it starts.
    if (!(await passwordStillHolds(tx, proof))) return false;
    await recordAuditEvent(
      tx,
      signedInActor(user),
      ctx.request,
      { action: 'auth.login', subjectType: 'User', subjectId: user.id, after: { door: 'back-office' } },
      ctx.clock.now(),
    );
    return true;
  });
  if (!signedIn) return null;
  // The session dates from before the check, so one ended later (getAdminStanding) cannot have been missed.
  return { id: user.id, email: user.email, adminRole, signedInAt: proof.checkedAt.getTime() };
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

import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Ctx, Services } from '../context.js';
import { type Actor, requireUser, type UserActor } from './actor.js';
import { confirmPassword } from './login-throttle.js';
import { type PasswordProof, requirePasswordStillHolds } from './password-proof.js';
import { type OwnProfile, PROFILE_SELECT, type PublicProfile, toOwnProfile, toPublicProfile } from './profile-dto.js';
import { brandProfileInput, clipperProfileInput } from './schemas.js';
import { lockUser } from './sessions.js';

/** Public fields of a brand's or clipper's profile, for any signed-in user. */
export async function getUserProfile(
  services: Pick<Services, 'db'>,
  actor: Actor,
  userId: string,
): Promise<{ userId: string; role: string; profile: PublicProfile | null }> {
  requireUser(actor);
  const user = await services.db.user.findUnique({
    where: { id: userId },
    select: { ...PROFILE_SELECT, status: true },
  });
  // Admins have no public profile, and suspended users are not shown.
  if (!user || user.role === 'ADMIN' || user.status !== 'ACTIVE') throw new AppError('NOT_FOUND', 'No such profile.');
  return { userId, role: user.role, profile: toPublicProfile(user) };
}

/**
 * Creates or replaces the owner's profile; the fields depend on the owner's role. New payout details (set,
 * replaced or removed) are where money goes, so they take the current password, are audited (without the
 * details) and are told to the owner by e-mail.
 */
export async function putUserProfile(ctx: Ctx, actor: Actor, userId: string, input: unknown): Promise<OwnProfile> {
  const caller = requireUser(actor);
  if (caller.userId !== userId) throw new AppError('FORBIDDEN', 'You can only edit your own profile.');
  const now = ctx.clock.now();
  const db = ctx.db;
  if (caller.role === 'BRAND') {
    const data = brandProfileInput.parse(input);
    await db.brandProfile.upsert({
      where: { userId },
      create: { id: newId('bpr', now.getTime()), userId, ...data },
      update: { website: null, billingContactName: null, billingContactEmail: null, ...data },
    });
  } else if (caller.role === 'CLIPPER') {
    await putClipperProfile(ctx, caller, clipperProfileInput.parse(input));
  } else {
    throw new AppError('FORBIDDEN', 'Admin accounts have no profile.');
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: PROFILE_SELECT });
  return toOwnProfile(user) as OwnProfile;
}

const currentPayoutDetails = async (db: DbClient, userId: string) =>
  (await db.clipperProfile.findUnique({ where: { userId }, select: { payoutDetails: true } }))?.payoutDetails ?? null;

async function putClipperProfile(
  ctx: Ctx,
  caller: UserActor,
  input: ReturnType<typeof clipperProfileInput.parse>,
): Promise<void> {
  const { currentPassword, ...data } = input;
  const { userId } = caller;
  const now = ctx.clock.now();
  const payoutDetails = data.payoutDetails ?? null;
  let proof: PasswordProof | undefined;
  if ((await currentPayoutDetails(ctx.db, userId)) !== payoutDetails) {
    if (!currentPassword) throw passwordNeeded();
    proof = await confirmPassword(ctx, userId, currentPassword, 'payout-details');
  }
  const changed = await ctx.db.$transaction(async (tx) => {
    // Decided again under the row lock: a parallel request may have changed the details since the check above.
    // A reset since the password check also refuses the change.
    if (proof) await requirePasswordStillHolds(tx, proof);
    else await lockUser(tx, userId);
    const changed = (await currentPayoutDetails(tx, userId)) !== payoutDetails;
    if (changed && !proof) throw passwordNeeded();
    await tx.clipperProfile.upsert({
      where: { userId },
      create: { id: newId('cpr', now.getTime()), userId, ...data },
      update: { bio: null, payoutDetails: null, ...data },
    });
    if (changed) {
      await recordAuditEvent(
        tx,
        caller,
        ctx.request,
        {
          action: 'user.payout_details_changed',
          subjectType: 'User',
          subjectId: userId,
          after: { set: !!payoutDetails },
        },
        now,
      );
    }
    return changed;
  });
  if (!changed) return;
  const { email } = await ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  ctx.mailer.sendInBackground({
    to: email,
    subject: 'Your ContentFlow payout details were changed',
    text:
      'The bank details your payouts go to were just changed. If this was not you, reset your password at once ' +
      'and contact support before the next payout.',
  });
}

const passwordNeeded = () =>
  new AppError('INVALID_CREDENTIALS', 'Enter your current password to change your payout details.');

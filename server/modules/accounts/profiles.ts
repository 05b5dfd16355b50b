import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Services } from '../context.js';
import { type Actor, requireUser } from './actor.js';
import { type OwnProfile, PROFILE_SELECT, type PublicProfile, toOwnProfile, toPublicProfile } from './profile-dto.js';
import { brandProfileInput, clipperProfileInput } from './schemas.js';

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

/** Creates or replaces the owner's profile; the fields depend on the owner's role. */
export async function putUserProfile(
  services: Pick<Services, 'db' | 'clock'>,
  actor: Actor,
  userId: string,
  input: unknown,
): Promise<OwnProfile> {
  const caller = requireUser(actor);
  if (caller.userId !== userId) throw new AppError('FORBIDDEN', 'You can only edit your own profile.');
  const now = services.clock.now();
  const db = services.db;
  if (caller.role === 'BRAND') {
    const data = brandProfileInput.parse(input);
    await db.brandProfile.upsert({
      where: { userId },
      create: { id: newId('bpr', now.getTime()), userId, ...data },
      update: { website: null, billingContactName: null, billingContactEmail: null, ...data },
    });
  } else if (caller.role === 'CLIPPER') {
    const data = clipperProfileInput.parse(input);
    await db.clipperProfile.upsert({
      where: { userId },
      create: { id: newId('cpr', now.getTime()), userId, ...data },
      update: { bio: null, payoutDetails: null, ...data },
    });
  } else {
    throw new AppError('FORBIDDEN', 'Admin accounts have no profile.');
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: PROFILE_SELECT });
  return toOwnProfile(user) as OwnProfile;
}

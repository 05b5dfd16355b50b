import { AppError } from '../../shared/errors.js';
import type { Services } from '../context.js';
import { type Actor, requireUser } from './actor.js';
import { ME_SELECT, type Me, toMe } from './me.js';
import { type OwnProfile, PROFILE_SELECT, toOwnProfile } from './profile-dto.js';

/** The caller's account with their full profile (private fields included). */
export async function getMe(
  services: Pick<Services, 'db'>,
  actor: Actor,
): Promise<Me & { profile: OwnProfile | null }> {
  const { userId } = requireUser(actor);
  const user = await services.db.user.findUnique({
    where: { id: userId },
    select: { ...ME_SELECT, ...PROFILE_SELECT },
  });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return { ...toMe(user), profile: toOwnProfile(user) };
}

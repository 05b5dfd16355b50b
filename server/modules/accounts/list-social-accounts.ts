import type { Services } from '../context.js';
import { type Actor, requireUser } from './actor.js';
import { SOCIAL_ACCOUNT_VIEW, type SocialAccountView } from './social-account-records.js';

/**
 * The caller's connected social accounts, oldest first. Tokens are never selected: they leave the database
 * only to be sent to the platform that issued them.
 */
export async function listSocialAccounts(services: Pick<Services, 'db'>, actor: Actor): Promise<SocialAccountView[]> {
  const user = requireUser(actor);
  return services.db.socialAccount.findMany({
    where: { userId: user.userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: SOCIAL_ACCOUNT_VIEW,
  });
}

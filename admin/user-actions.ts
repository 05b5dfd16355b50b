import type { Action, ActionResponse } from 'adminjs';
import { MODERATING_ROLES } from '../server/modules/accounts/actor.js';
import { reactivateUser, suspendUser } from '../server/modules/accounts/manage-users.js';
import type { Services } from '../server/modules/context.js';
import { recordAction } from './record-action.js';

/** Suspend and reactivate on the User resource, through the same use cases as the API. */
export function userActions(services: Services): Record<string, Partial<Action<ActionResponse>>> {
  return {
    suspend: recordAction(services, {
      roles: MODERATING_ROLES,
      from: ['ACTIVE'],
      icon: 'Slash',
      question: 'Suspend this user? Sign-in is refused and every session ends at once.',
      done: 'User suspended; their sessions ended.',
      run: (ctx, actor, id, _form, admin) =>
        suspendUser(ctx, actor, id, { reason: `Suspended in the back office by ${admin.email}` }),
    }),
    reactivate: recordAction(services, {
      roles: MODERATING_ROLES,
      from: ['SUSPENDED'],
      icon: 'CheckCircle',
      question: 'Lift the suspension? The user can sign in again.',
      done: 'User reactivated.',
      run: (ctx, actor, id) => reactivateUser(ctx, actor, id),
    }),
  };
}

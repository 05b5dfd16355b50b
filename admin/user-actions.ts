import type { Action, ActionContext, ActionResponse, CurrentAdmin } from 'adminjs';
import { type AdminRole, signedInActor, type UserActor } from '../server/modules/accounts/actor.js';
import { reactivateUser, suspendUser } from '../server/modules/accounts/manage-users.js';
import type { Ctx, Services } from '../server/modules/context.js';
import { AppError } from '../server/shared/errors.js';
import type { WithRequestInfo } from './request-guards.js';

const MAY_SUSPEND: AdminRole[] = ['MODERATOR', 'SUPERADMIN'];

/** The signed-in operator as the use cases see them (the session is refreshed from the database per request). */
function actorOf(admin: CurrentAdmin | undefined): UserActor {
  if (!admin?.id) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return signedInActor({ id: String(admin.id), role: 'ADMIN', adminRole: admin.adminRole as AdminRole });
}

const mayChangeStatus = (context: ActionContext, status: 'ACTIVE' | 'SUSPENDED') =>
  MAY_SUSPEND.includes(context.currentAdmin?.adminRole as AdminRole) && context.record?.params.status === status;

/** A record action that calls a use case and reports its refusal as a notice, never as a crash page. */
function statusAction(
  services: Services,
  options: {
    from: 'ACTIVE' | 'SUSPENDED';
    icon: string;
    guard: string;
    done: string;
    run: (ctx: Ctx, actor: UserActor, id: string, admin: CurrentAdmin) => Promise<unknown>;
  },
): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    component: false,
    icon: options.icon,
    guard: options.guard,
    // Hidden and refused (AdminJS's API too) unless the operator's role allows it and the status fits.
    isAccessible: (context) => mayChangeStatus(context, options.from),
    handler: async (request, _response, context) => {
      const { record, currentAdmin, resource, h } = context;
      if (!record || request.method !== 'post') return { record: record?.toJSON(currentAdmin) };
      const ctx: Ctx = { ...services, request: (request as WithRequestInfo).requestInfo ?? {} };
      let notice: { message: string; type: 'success' | 'error' } = { message: options.done, type: 'success' };
      try {
        await options.run(ctx, actorOf(currentAdmin), String(record.id()), currentAdmin as CurrentAdmin);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        notice = { message: error.publicMessage, type: 'error' };
      }
      const fresh = await resource.findOne(String(record.id()), context);
      return {
        record: (fresh ?? record).toJSON(currentAdmin),
        notice,
        redirectUrl: h.recordActionUrl({
          resourceId: resource.id(),
          recordId: String(record.id()),
          actionName: 'show',
        }),
      };
    },
  };
}

/** Suspend and reactivate on the User resource, through the same use cases as the API. */
export function userActions(services: Services): Record<string, Partial<Action<ActionResponse>>> {
  return {
    suspend: statusAction(services, {
      from: 'ACTIVE',
      icon: 'Slash',
      guard: 'Suspend this user? Sign-in is refused and every session ends at once.',
      done: 'User suspended; their sessions ended.',
      run: (ctx, actor, id, admin) =>
        suspendUser(ctx, actor, id, { reason: `Suspended in the back office by ${admin.email}` }),
    }),
    reactivate: statusAction(services, {
      from: 'SUSPENDED',
      icon: 'CheckCircle',
      guard: 'Lift the suspension? The user can sign in again.',
      done: 'User reactivated.',
      run: (ctx, actor, id) => reactivateUser(ctx, actor, id),
    }),
  };
}

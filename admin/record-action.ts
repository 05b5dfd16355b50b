import type { Action, ActionContext, ActionResponse, CurrentAdmin } from 'adminjs';
import { type AdminRole, signedInActor, type UserActor } from '../server/modules/accounts/actor.js';
import type { Ctx, Services } from '../server/modules/context.js';
import { AppError } from '../server/shared/errors.js';
import type { WithRequestInfo } from './request-guards.js';

/** The signed-in operator as the use cases see them (the session is refreshed from the database per request). */
function actorOf(admin: CurrentAdmin | undefined): UserActor {
  if (!admin?.id) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return signedInActor({ id: String(admin.id), role: 'ADMIN', adminRole: admin.adminRole as AdminRole });
}

export interface RecordActionOptions {
  icon: string;
  guard: string;
  done: string;
  /** Admin roles the action shows for. */
  roles: readonly AdminRole[];
  /** Record statuses the action applies to. */
  from: string[];
  run: (ctx: Ctx, actor: UserActor, id: string, admin: CurrentAdmin) => Promise<unknown>;
}

/**
 * A record action that calls a use case and reports its refusal as a notice, never as a crash page. Hidden and
 * refused (AdminJS's API too) unless the operator's role allows it and the record's status fits; the use case
 * checks again.
 */
export function recordAction(services: Services, options: RecordActionOptions): Partial<Action<ActionResponse>> {
  const fits = (context: ActionContext) =>
    options.roles.includes(context.currentAdmin?.adminRole as AdminRole) &&
    options.from.includes(String(context.record?.params.status));
  return {
    actionType: 'record',
    component: false,
    icon: options.icon,
    guard: options.guard,
    isAccessible: fits,
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

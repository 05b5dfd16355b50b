import type { Action, ActionContext, ActionResponse, CurrentAdmin } from 'adminjs';
import { type AdminRole, signedInActor, type UserActor } from '../server/modules/accounts/actor.js';
import type { Ctx, Services } from '../server/modules/context.js';
import { AppError } from '../server/shared/errors.js';
import { unstorableText } from '../server/shared/storable-text.js';
import { COMPONENTS } from './component-loader.js';
import type { WithRequestInfo } from './request-guards.js';

/** The signed-in operator as the use cases see them (the session is refreshed from the database per request). */
function actorOf(admin: CurrentAdmin | undefined): UserActor {
  if (!admin?.id) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  return signedInActor({ id: String(admin.id), role: 'ADMIN', adminRole: admin.adminRole as AdminRole });
}

const UNEXPECTED = 'Something went wrong on our side; reload the record to see its state and try again.';

/** The confirmed form: text fields only (the reason, where asked). */
export type ActionForm = Record<string, string | undefined>;

export interface RecordActionOptions {
  icon: string;
  /** The question the confirm step asks. */
  question: string;
  /** Label of a reason field the operator must fill before confirming; none when unset. */
  reasonLabel?: string;
  done: string;
  /** Admin roles the action shows for. */
  roles: readonly AdminRole[];
  /** Record statuses the action applies to. */
  from: readonly string[];
  run: (ctx: Ctx, actor: UserActor, id: string, form: ActionForm, admin: CurrentAdmin) => Promise<unknown>;
}

/** The form's text fields, refused whole when any text cannot be stored: PostgreSQL would answer an error. */
function formOf(payload: unknown): ActionForm {
  if (unstorableText(payload).length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The form contains a character that cannot be stored; remove it.');
  }
  const form: ActionForm = {};
  for (const [key, value] of Object.entries((payload ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') form[key] = value;
  }
  return form;
}

/**
 * A record action that calls a use case and reports its refusal as a notice, never as a crash page (an unexpected
 * failure is logged and shown as a generic notice, its details kept from the page). Hidden and
 * refused (AdminJS's API too) unless the operator's role allows it and the record's status fits; the use case
 * checks again. Its page is the confirm step (components/confirm-action.tsx), which POSTs; a GET only reads the
 * record, so a link, a prefetch or AdminJS's own GET-calling dialog can never change anything.
 */
export function recordAction(services: Services, options: RecordActionOptions): Partial<Action<ActionResponse>> {
  const fits = (context: ActionContext) =>
    options.roles.includes(context.currentAdmin?.adminRole as AdminRole) &&
    options.from.includes(String(context.record?.params.status));
  return {
    actionType: 'record',
    component: COMPONENTS.confirmAction,
    icon: options.icon,
    custom: { question: options.question, reasonLabel: options.reasonLabel },
    isAccessible: fits,
    handler: async (request, _response, context) => {
      const { record, currentAdmin, resource, h } = context;
      if (!record || request.method !== 'post') return { record: record?.toJSON(currentAdmin) };
      const ctx: Ctx = { ...services, request: (request as WithRequestInfo).requestInfo ?? {} };
      const id = String(record.id());
      try {
        await options.run(ctx, actorOf(currentAdmin), id, formOf(request.payload), currentAdmin as CurrentAdmin);
      } catch (error) {
        if (!(error instanceof AppError)) {
          ctx.logger.error({ err: error, action: context.action.name, recordId: id }, 'back-office action failed');
        }
        const message = error instanceof AppError ? error.publicMessage : UNEXPECTED;
        // The operator stays on the confirm step to correct the form or cancel.
        return { record: record.toJSON(currentAdmin), notice: { message, type: 'error' } };
      }
      const fresh = await resource.findOne(id, context);
      return {
        record: (fresh ?? record).toJSON(currentAdmin),
        notice: { message: options.done, type: 'success' },
        redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: id, actionName: 'show' }),
      };
    },
  };
}

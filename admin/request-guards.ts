import { ForbiddenError, NotFoundError } from 'adminjs';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Config } from '../server/config.js';
import type { Db } from '../server/db.js';
import { getAdminStanding } from '../server/modules/accounts/authenticate-admin.js';
import type { RequestInfo } from '../server/modules/context.js';
import { AppError } from '../server/shared/errors.js';
import { readCookie } from '../server/web/cookies.js';
import { requestInfoOf } from '../server/web/request-info.js';
import { isOwnOrigin, isUnsafe } from '../server/web/request-origin.js';
import { mayOpen } from './resources.js';

interface AdminSessionData {
  adminUser?: { id: string; adminRole?: string; signedInAt?: number };
  destroy(callback: (err?: unknown) => void): void;
}

/**
 * A back-office session outlives the moment it was opened: re-read the operator on every request, so a suspended
 * or demoted admin, or one whose password changed since, loses access at once, and a role change applies to the
 * next click.
 */
export function freshAdminSession(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const session = (req as unknown as { session?: AdminSessionData }).session;
    const admin = session?.adminUser;
    if (!session || !admin) return next();
    try {
      // Sessions from before sign-in times were recorded count as ended.
      const standing = await getAdminStanding(db, admin.id, admin.signedInAt ?? 0);
      if (standing) {
        admin.adminRole = standing.adminRole;
        return next();
      }
      session.destroy(() => next());
    } catch (error) {
      next(error);
    }
  };
}

/**
 * CSRF defence beyond SameSite: a write carrying the back-office session cookie must come from our own pages
 * (Origin or Referer), as API writes with cookies must.
 */
export function sameOriginWrites(config: Config): RequestHandler {
  return (req, _res, next) => {
    if (isUnsafe(req) && readCookie(req, 'cf_admin') && !isOwnOrigin(req, config)) {
      next(new AppError('FORBIDDEN', 'Cross-site request refused.'));
      return;
    }
    next();
  };
}

/** The addresses of one resource: its pages and AdminJS's API for it (records, actions, search). */
export const RESOURCE_PATHS = ['/resources/:resourceId', '/api/resources/:resourceId'];

/**
 * Refuses a resource's pages and API to roles it is not open to (admin/resources.ts), before AdminJS runs: its
 * own refusals come back as a 200 with a notice, and its page shell would load for any name. Signed-out visitors
 * pass on to AdminJS, which sends them to the login page.
 */
export const resourceScope: RequestHandler = (req, _res, next) => {
  const admin = (req as unknown as { session?: AdminSessionData }).session?.adminUser;
  if (admin && !mayOpen(admin.adminRole, String(req.params.resourceId))) {
    next(new AppError('FORBIDDEN', 'This part of the back office is not open to your role.'));
    return;
  }
  next();
};

/** Where a back-office request came from, for audit events; AdminJS hands actions a copy of the request's own fields. */
export interface WithRequestInfo {
  requestInfo?: RequestInfo;
}

export const attachRequestInfo: RequestHandler = (req, _res, next) => {
  (req as typeof req & WithRequestInfo).requestInfo = requestInfoOf(req);
  next();
};

/**
 * AdminJS's own refusals as the product's errors: it throws NotFoundError for a bulk action's ids that name no
 * record (or none at all) and ForbiddenError for actions a role may not run, which would otherwise answer a 500.
 */
export const adminRefusals: ErrorRequestHandler = (error, _req, _res, next) => {
  if (error instanceof NotFoundError) next(new AppError('NOT_FOUND', 'No such record.'));
  else if (error instanceof ForbiddenError) next(new AppError('FORBIDDEN', 'This action is not open to your role.'));
  else next(error);
};

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { AdminDeps } from './setup.js';

export interface AdminMount {
  router: Router;
  close(): Promise<void>;
}

/**
 * Builds the AdminJS back office. AdminJS reads ADMIN_JS_TMP_DIR when its modules load, and Express 5 will not
 * serve files from its default dot-folder, so the variable is set first and AdminJS is imported afterwards.
 */
export async function buildAdmin(deps: AdminDeps): Promise<AdminMount> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  process.env.ADMIN_JS_TMP_DIR ??= path.join(root, 'admin', 'bundle');
  const { createAdminRouter } = await import('./setup.js');
  return createAdminRouter(deps);
}

import path from 'node:path';
import { ComponentLoader } from 'adminjs';

/** The back office's own React components; AdminJS bundles them for the browser (see admin/index.ts). */
export const componentLoader = new ComponentLoader();

const dir = path.join(import.meta.dirname, 'components');

/** Component ids to name in AdminJS options. */
export const COMPONENTS = {
  dashboard: componentLoader.add('OperationsDashboard', path.join(dir, 'dashboard')),
  confirmAction: componentLoader.add('ConfirmAction', path.join(dir, 'confirm-action')),
};

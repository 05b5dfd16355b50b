import { setupTestApp } from '../helpers/app.js';
import { marketplaceRows } from '../helpers/authz-marketplace-rows.js';
import { runMatrix } from '../helpers/authz-matrix.js';

/**
 * The marketplace half of the authorization matrix (campaigns, applications, submissions, uploads, dashboards);
 * authorization-matrix.test.ts checks that together the two halves cover every registry route.
 */
const ctx = setupTestApp('authz-matrix-marketplace');

runMatrix(ctx, marketplaceRows(ctx));

import { Router } from 'express';
import type { Db } from '../db.js';
import { checkDatabase } from '../modules/system/check-database.js';

export interface Readiness {
  /** False once shutdown begins, so load balancers stop sending traffic before we close. */
  accepting: boolean;
}

export function healthRouter(db: Db, readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const database = await checkDatabase(db);
    const ready = readiness.accepting && database.ok;
    if (!database.ok) req.log.warn({ err: database.error }, 'readiness: database unreachable');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not-ready',
      checks: { database: database.ok ? 'ok' : 'unreachable', accepting: readiness.accepting },
    });
  });
  return router;
}

import { AppError } from '../server/shared/errors.js';
import { explainStartupError } from '../server/startup-errors.js';

export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, PENDING_MIGRATIONS: 3 } as const;

/** Runs a command's action: known errors become one line on stderr and an exit code, never a stack trace. */
export async function runAction(action: () => Promise<unknown>, options: { keepAlive?: boolean } = {}) {
  try {
    const code = await action();
    if (!options.keepAlive) process.exit(typeof code === 'number' ? code : EXIT.OK);
  } catch (error) {
    const message = error instanceof AppError ? error.publicMessage : explainStartupError(error);
    process.stderr.write(`contentflow: ${message ?? (error as Error)?.stack ?? String(error)}\n`);
    process.exit(EXIT.FAILURE);
  }
}

import type { Command } from 'commander';
import { runAction } from '../run.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database migrations, status and demo data');

  db.command('migrate')
    .description('apply pending migrations (safe to run while other instances start)')
    .action(() => runAction(async () => (await import('./db-actions.js')).migrate()));

  db.command('status')
    .description('list migrations and whether each is applied; exits 3 when some are pending')
    .option('--json', 'print JSON instead of a table')
    .action((opts: { json?: boolean }) => runAction(async () => (await import('./db-actions.js')).status(opts)));

  db.command('seed')
    .description('load demo data into an empty database (does nothing when users exist)')
    .action(() => runAction(async () => (await import('./db-actions.js')).seed()));
}

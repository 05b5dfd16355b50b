import { Command } from 'commander';
import { registerDbCommands } from './commands/db.js';
import { registerMailCommands } from './commands/mail.js';
import { EXIT, runAction } from './run.js';

/**
 * `contentflow`: command groups are declared here and their actions imported lazily, so `--help` stays fast.
 * Exit codes: 0 ok, 1 failure, 2 usage error, 3 pending migrations (db status).
 */
const program = new Command('contentflow')
  .description('ContentFlow operations: server, database, and (as they land) campaigns, views and payouts.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
  });

program
  .command('serve')
  .description('start the server (API, back office, site) — the same as `npm start`')
  .action(() => runAction(async () => (await import('../server/serve.js')).serve(), { keepAlive: true }));

registerDbCommands(program);
registerMailCommands(program);

await program.parseAsync(process.argv);

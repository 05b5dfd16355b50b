import { type Command, InvalidArgumentError } from 'commander';
import { runAction } from '../run.js';

export function registerMailCommands(program: Command): void {
  const mail = program.command('mail').description('the development mailbox (used when SMTP_URL is not set)');

  mail
    .command('list')
    .description('newest messages first, e.g. to read a sign-up code')
    .option('--to <address>', 'only messages to this address')
    .option('--limit <n>', 'how many (1-100)', parseLimit, 10)
    .option('--json', 'print JSON')
    .action((opts: { to?: string; limit: number; json?: boolean }) =>
      runAction(async () => (await import('./mail-actions.js')).list(opts)),
    );
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
  return n;
}

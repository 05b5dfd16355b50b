import { loadConfig } from './config.js';
import { type RunningServer, startServer } from './runtime.js';
import { explainStartupError } from './startup-errors.js';

/** `npm start` and `contentflow serve`: start everything, print where it is, stop cleanly on SIGINT/SIGTERM. */
export async function serve(): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let running: RunningServer;
  try {
    const config = loadConfig();
    running = await startServer(config, { print });
  } catch (error) {
    const explained = explainStartupError(error);
    process.stderr.write(`contentflow: ${explained ?? String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  }

  print(`\nContentFlow is running at ${running.url}`);
  print(`  site          ${running.url}/`);
  print(`  back office   ${running.url}/admin`);
  print(`  API           ${running.url}/api/v1`);
  print(`  health        ${running.url}/healthz`);
  if (running.demoLogins.length) {
    print('\nDemo logins (back office: the admins; API: brands and clippers)');
    for (const login of running.demoLogins) print(`  ${login.role.padEnd(20)} ${login.email}`);
    print(`  ${'password'.padEnd(20)} ${running.demoLogins[0]?.password}`);
  }
  print('\nPress Ctrl+C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`\n${signal} received, stopping…`);
    await running.stop();
    print('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

import { loadConfig } from './config.js';
import { type RunningServer, startServer } from './runtime.js';
import { explainStartupError } from './startup-errors.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

function printWelcome(running: RunningServer): void {
  print(`\nContentFlow is running at ${running.url}`);
  print(`  site          ${running.url}/`);
  print(`  back office   ${running.url}/admin`);
  print(`  API           ${running.url}/api/v1`);
  print(`  API docs      ${running.url}/api/docs`);
  print(`  health        ${running.url}/healthz`);
  if (running.demoLogins.length) {
    print('\nDemo logins (back office: the admins; API: brands and clippers)');
    for (const login of running.demoLogins) print(`  ${login.role.padEnd(20)} ${login.email}`);
    print(`  ${'password'.padEnd(20)} ${running.demoLogins[0]?.password}`);
  }
  print('\nPress Ctrl+C to stop.');
}

/**
 * One Ctrl+C can arrive twice: the terminal signals the whole process group, and npm forwards its own copy to the
 * server. A repeat this soon after the first signal is that same stop, not a request to give up waiting.
 */
const SAME_STOP_MS = 1_000;

/**
 * `npm start` and `contentflow serve`: start everything, print where it is, stop cleanly on SIGINT/SIGTERM.
 * Signals are handled from the first instant, so a stop during start-up still shuts the database down;
 * a second signal (later than SAME_STOP_MS) gives up waiting.
 */
export async function serve(): Promise<void> {
  let running: RunningServer | undefined;
  let stopRequested: string | undefined;
  let stopRequestedAt = 0;

  const stop = async (signal: string) => {
    if (!running) return;
    print(`\n${signal} received, stopping…`);
    await running.stop();
    print('stopped');
    process.exit(0);
  };
  const onSignal = (signal: string) => {
    if (stopRequested) {
      if (performance.now() - stopRequestedAt < SAME_STOP_MS) return;
      print(`\n${signal} again: exiting without waiting`);
      process.exit(130);
    }
    stopRequested = signal;
    stopRequestedAt = performance.now();
    void stop(signal);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    running = await startServer(loadConfig(), { print });
  } catch (error) {
    const explained = explainStartupError(error);
    process.stderr.write(`contentflow: ${explained ?? String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  }
  if (stopRequested) return stop(stopRequested);
  printWelcome(running);
}

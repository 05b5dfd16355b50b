import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/pg.js';
import { baseEnv, ROOT, untilRunning } from '../helpers/process.js';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase('ctrlc');
  dataDir = mkdtempSync(path.join(tmpdir(), 'contentflow-ctrlc-'));
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Ctrl+C in a terminal signals the whole foreground process group: npm and the server it runs. npm also forwards
 * the signal to its child, so the server receives SIGINT twice for one key press — unless the kernel merges the
 * two because the forwarded one came before the first was delivered. The test makes the forwarded copy arrive a
 * moment later, as it does on a busy machine, so the outcome does not depend on scheduling.
 */
/** `npm start` as a newcomer types it, in a process group of its own like a shell's foreground job. */
async function npmStart(drainMs: number) {
  const env = baseEnv(
    { dataDir, pgPort: await freePort() },
    {
      DATABASE_URL: database.url,
      PORT: '0',
      // A stop that takes a while, as with the embedded database, so signals arrive while it runs.
      SHUTDOWN_DRAIN_MS: String(drainMs),
      npm_config_update_notifier: 'false',
    },
  );
  const npm = execa('npm', ['start'], { cwd: ROOT, env, extendEnv: false, reject: false, all: true, detached: true });
  const { url } = await untilRunning(npm);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
  const { stdout } = await execa('ps', ['-o', 'pid=,args=', '--ppid', String(npm.pid)]);
  const serverPid = Number(/^\s*(\d+)\s+node .*server\/main\.ts/m.exec(stdout)?.[1]);
  expect(serverPid, stdout).toBeGreaterThan(0);
  return { npm, url, serverPid, ctrlC: () => process.kill(-(npm.pid as number), 'SIGINT') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm start stopped with Ctrl+C', () => {
  it('drains and stops cleanly when the signal reaches it both from the terminal and from npm', async () => {
    const { npm, url, serverPid, ctrlC } = await npmStart(1500);
    const started = Date.now();
    ctrlC();
    await sleep(50);
    process.kill(serverPid, 'SIGINT');
    // Still draining: not ready, but answering.
    const readiness = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 'no answer',
    );
    expect(readiness).toBe(503);
    const result = await npm;
    const stopped = { exitCode: result.exitCode, ms: Date.now() - started, output: String(result.all ?? '') };
    expect(stopped.output).toContain('SIGINT received, stopping');
    expect(stopped.output).not.toContain('exiting without waiting');
    expect(stopped.output).toMatch(/^stopped$/m);
    expect(stopped.exitCode, stopped.output).toBe(0);
    expect(stopped.ms).toBeGreaterThanOrEqual(1500);
    expect(stopped.ms).toBeLessThan(15_000);
  }, 90_000);

  it('still gives up waiting on a second Ctrl+C pressed later', async () => {
    const { npm, ctrlC } = await npmStart(30_000);
    ctrlC();
    await sleep(1_500);
    const pressedAgain = Date.now();
    ctrlC();
    const result = await npm;
    expect(String(result.all)).toContain('SIGINT again: exiting without waiting');
    expect(result.exitCode).not.toBe(0);
    expect(Date.now() - pressedAgain).toBeLessThan(5_000);
  }, 90_000);
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/pg.js';
import { baseEnv, GUARD, type ProcessEnv, ROOT, startApp, stopAllApps, untilRunning } from '../helpers/process.js';

/** The README's API examples, run as written (only the port differs) against `npm start`. */
function readmeBlocks(section: string): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${section}\n`);
  const body = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

let where: ProcessEnv;
beforeAll(async () => {
  where = { dataDir: mkdtempSync(path.join(tmpdir(), 'contentflow-readme-')), pgPort: await freePort() };
});
afterAll(async () => {
  await stopAllApps();
  rmSync(where.dataDir, { recursive: true, force: true });
});

describe('README: API authentication', () => {
  it('runs every curl example against npm start', async () => {
    const blocks = readmeBlocks('API authentication');
    expect(blocks).toHaveLength(2);
    const { url } = await untilRunning(startApp(where));
    for (const block of blocks) {
      // The CLI runs from source with the outbound guard, as `runCli` does; npx would add npm's own process.
      const cli = `node --import tsx --import ${GUARD} cli/main.ts`;
      const script = `set -euo pipefail\n${block.replaceAll('http://127.0.0.1:3000', url).replaceAll('npx contentflow', cli)}`;
      const run = await execa('bash', ['-c', script], {
        cwd: ROOT,
        // The CLI works on this app's embedded database.
        env: baseEnv(where, {}),
        extendEnv: false,
        reject: false,
        all: true,
      });
      expect(run.exitCode, run.all).toBe(0);
      // The lines marked "# 401" print the status they show.
      const marked = block.split('\n').filter((line) => line.includes('# 401')).length;
      expect(run.all?.match(/^401$/gm)?.length ?? 0, run.all).toBe(marked);
    }
  }, 120_000);
});

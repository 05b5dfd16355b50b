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

/** Runs one README block as written, with the port and the CLI swapped in; its exit code and output. */
async function runBlock(block: string, url: string) {
  // The CLI runs from source with the outbound guard, as `runCli` does; npx would add npm's own process.
  const cli = `node --import tsx --import ${GUARD} cli/main.ts`;
  const script = `set -euo pipefail\n${block.replaceAll('http://127.0.0.1:3000', url).replaceAll('npx contentflow', cli)}`;
  // The CLI works on this app's embedded database.
  return execa('bash', ['-c', script], {
    cwd: ROOT,
    env: baseEnv(where, {}),
    extendEnv: false,
    reject: false,
    all: true,
  });
}

describe('README: API authentication', () => {
  it('runs every curl example against npm start', async () => {
    const blocks = readmeBlocks('API authentication');
    expect(blocks).toHaveLength(2);
    const { url } = await untilRunning(startApp(where));
    for (const block of blocks) {
      const run = await runBlock(block, url);
      expect(run.exitCode, run.all).toBe(0);
      // The lines marked "# 401" print the status they show.
      const marked = block.split('\n').filter((line) => line.includes('# 401')).length;
      expect(run.all?.match(/^401$/gm)?.length ?? 0, run.all).toBe(marked);
    }
  }, 120_000);
});

describe('README: marketplace walkthrough', () => {
  it('runs the brand ↔ clipper loop with curl against npm start', async () => {
    const [block, ...rest] = readmeBlocks('Marketplace walkthrough');
    expect(rest).toHaveLength(0);
    // PORT=0: upload URLs must name the port actually bound, or the walkthrough's upload step cannot reach it.
    const { url } = await untilRunning(startApp(where));
    const run = await runBlock(block as string, url);
    expect(run.exitCode, run.all).toBe(0);
    const lines = (run.all ?? '').split('\n');
    // Approved, found, downloaded, joined, submitted (link normalised), approved, counted.
    expect(lines, run.all).toEqual(
      expect.arrayContaining([
        'IN_PROGRESS',
        expect.stringMatching(/^Launch week clips \d+: 250 cents per 1,000 views$/),
        'footage downloaded',
        'APPROVED',
        expect.stringMatching(/^PENDING_REVIEW https:\/\/www\.tiktok\.com\/@quickcuts\/video\/7\d+$/),
        '{"PENDING_REVIEW":0,"APPROVED":1,"REJECTED":0,"REMOVED":0}',
      ]),
    );
  }, 120_000);
});

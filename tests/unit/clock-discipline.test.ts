import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Files that run against a test app with a ManualClock (tests/e2e and tests/cli drive real processes instead).
const FOLDERS = ['tests/integration', 'tests/helpers'];
const WALL_CLOCK = /\bDate\.now\(\)|\bnew Date\(\)/;
// A wall-clock read that is meant (timing a real process, a deadline for a real wait) says so on its line or above.
const MARKER = /wall clock/i;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Lines reading the wall clock without saying why, as `line: code`. */
function unmarkedWallClockReads(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) =>
    WALL_CLOCK.test(line) && !MARKER.test(line) && !MARKER.test(lines[i - 1] ?? '') ? [`${i + 1}: ${line.trim()}`] : [],
  );
}

describe('tests move time only through the app clock', () => {
  // Samples spelled out of parts, so this file does not read as a wall-clock reader itself.
  const dateNow = ['Date', 'now()'].join('.');
  const newDate = ['new', 'Date()'].join(' ');

  it('spots a wall-clock read, and lets one through that says why', () => {
    expect(unmarkedWallClockReads(`const at = ${newDate};\nconst t = ${dateNow} + 5;`)).toHaveLength(2);
    expect(unmarkedWallClockReads(`// wall clock: a real process\nconst t = ${dateNow};`)).toEqual([]);
    expect(unmarkedWallClockReads('const at = new Date(clock.now().getTime() + DAY);')).toEqual([]);
  });

  it('has no unexplained wall-clock read where a ManualClock runs', () => {
    const offenders = FOLDERS.flatMap((folder) => files(path.join(root, folder))).flatMap((file) =>
      unmarkedWallClockReads(readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}:${hit}`),
    );
    expect(offenders).toEqual([]);
  });
});

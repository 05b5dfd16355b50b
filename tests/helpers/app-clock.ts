import type { ManualClock } from '../../server/shared/clock.js';

let current: ManualClock | undefined;

/** Called by createTestApp: the clock rows made by the helpers take their times from. */
export function setAppClock(clock: ManualClock): void {
  current = clock;
}

/**
 * "Now" for rows the helpers insert: the test app's clock, never the wall clock, so a test that moves time moves
 * it for everything (a row stamped by the wall clock would fall behind a clock the test moved forward).
 */
export function appNow(): Date {
  if (!current) throw new Error('No test app in this file yet: create one (setupTestApp) before inserting rows.');
  return current.now();
}

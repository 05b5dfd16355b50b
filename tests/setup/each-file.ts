import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import { installOutboundGuard } from './outbound-guard.js';

// AdminJS reads this when it is first imported (before any test code runs): each test worker bundles the back
// office's components into a folder of its own, reused by later runs of this checkout rather than piling up.
const checkout = createHash('sha256')
  .update(path.resolve(import.meta.dirname, '../..'))
  .digest('hex')
  .slice(0, 8);
process.env.ADMIN_JS_TMP_DIR = path.join(
  tmpdir(),
  `contentflow-admin-${checkout}-${process.env.VITEST_POOL_ID ?? '0'}`,
);

// Outbound network fails loudly: tests may only talk to this machine (databases, the app, local fakes).
installOutboundGuard();

/** An unexpected console.error fails the test that caused it. */
const consoleError = vi.spyOn(console, 'error');
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length) {
    throw new Error(`Unexpected console.error: ${calls.map((c) => c.map(String).join(' ')).join('\n')}`);
  }
});

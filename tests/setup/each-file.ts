import { afterEach, vi } from 'vitest';
import { installOutboundGuard } from './outbound-guard.js';

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

import net from 'node:net';
import { afterEach, vi } from 'vitest';

/**
 * Outbound network fails loudly: tests may only talk to this machine (databases, the app, local fakes).
 * Every TCP connection in the test process goes through net.Socket#connect, so one guard covers pg, fetch and http.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string;
  const host =
    typeof first === 'object' && first !== null ? first.host : typeof first === 'number' ? args[1] : undefined;
  const isUnixSocket = typeof first === 'string' || (typeof first === 'object' && first !== null && !!first.path);
  if (!isUnixSocket && typeof host === 'string' && !LOOPBACK.test(host)) {
    throw new Error(`Blocked outbound connection to ${host} in tests: use a local fake`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

/** An unexpected console.error fails the test that caused it. */
const consoleError = vi.spyOn(console, 'error');
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length)
    throw new Error(`Unexpected console.error: ${calls.map((c) => c.map(String).join(' ')).join('\n')}`);
});

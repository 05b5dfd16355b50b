import net from 'node:net';

/**
 * Refuses TCP connections to anything but this machine. Every connection in Node (pg, fetch, http, SMTP) goes
 * through net.Socket#connect, so one guard covers them all. `onBlocked` sees each attempt before it throws.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The host a Socket#connect call targets, whichever of its forms is used: (options), (port, host) or the
 * internal ([options, callback]) that net.connect, http agents and fetch use. Undefined for a unix socket.
 */
export function connectTarget(args: unknown[]): string | undefined {
  const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; path?: string } | number | string;
  if (typeof first === 'string') return undefined; // a path: unix socket
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  if (first && typeof first === 'object') return first.path ? undefined : (first.host ?? 'localhost');
  return undefined;
}

type Connect = (...args: unknown[]) => unknown;

/** Wraps a connect function so it refuses targets beyond loopback (exported for its own test). */
export function guardConnect(original: Connect, onBlocked: (host: string) => void): Connect {
  return function guardedConnect(this: unknown, ...args: unknown[]) {
    const host = connectTarget(args);
    if (host !== undefined && !LOOPBACK.test(host)) {
      onBlocked(host);
      throw new Error(`Blocked outbound connection to ${host} in tests: use a local fake`);
    }
    return original.apply(this, args);
  };
}

export function installOutboundGuard(onBlocked: (host: string) => void = () => {}): void {
  const original = net.Socket.prototype.connect as unknown as Connect;
  net.Socket.prototype.connect = guardConnect(original, onBlocked) as unknown as typeof net.Socket.prototype.connect;
}

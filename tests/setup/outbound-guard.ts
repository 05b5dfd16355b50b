import net from 'node:net';

/**
 * Refuses TCP connections to anything but this machine. Every connection in Node (pg, fetch, http, SMTP) goes
 * through net.Socket#connect, so one guard covers them all. `onBlocked` sees each attempt before it throws.
 */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

export function installOutboundGuard(onBlocked: (host: string) => void = () => {}): void {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string;
    const host =
      typeof first === 'object' && first !== null ? first.host : typeof first === 'number' ? args[1] : undefined;
    const isUnixSocket = typeof first === 'string' || (typeof first === 'object' && first !== null && !!first.path);
    if (!isUnixSocket && typeof host === 'string' && !LOOPBACK.test(host)) {
      onBlocked(host);
      throw new Error(`Blocked outbound connection to ${host} in tests: use a local fake`);
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

import { isIP } from 'node:net';
import type { Config } from '../../config.js';

/** An address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || /^::ffff:127\./.test(name);
}

/**
 * Whether the development mail and SMS channels may print what they send — sign-up, sign-in and reset codes —
 * to the log. Only on a developer's own machine: development mode (what `npm start` runs without NODE_ENV) and a
 * server listening on loopback, where the person reading the console is the one signing up. Anywhere else the
 * log is read by more people than the mailbox, so codes stay in DevMail, which only superadmins can open.
 */
export function mayPrintCodes(config: Pick<Config, 'NODE_ENV' | 'HOST'>): boolean {
  return config.NODE_ENV === 'development' && isLoopbackHost(config.HOST);
}

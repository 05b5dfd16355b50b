import type { Config } from '../../config.js';
import { isLoopbackHost } from '../../shared/loopback.js';

/**
 * Whether the development mail and SMS channels may print what they send — sign-up, sign-in and reset codes —
 * to the log. Only on a developer's own machine: development mode (what `npm start` runs without NODE_ENV) and a
 * server listening on loopback, where the person reading the console is the one signing up. Anywhere else the
 * log is read by more people than the mailbox, so codes stay in DevMail, which only superadmins can open.
 */
export function mayPrintCodes(config: Pick<Config, 'NODE_ENV' | 'HOST'>): boolean {
  return config.NODE_ENV === 'development' && isLoopbackHost(config.HOST);
}

import type { Config } from '../../config.js';
import type { Logger } from '../../shared/logger.js';
import { mayPrintCodes } from './dev-output.js';

/**
 * Text messages (one-time codes by SMS). No provider is wired yet: the message is logged, its text only where
 * `mayPrintCodes` allows.
 */
export interface SmsSender {
  readonly kind: 'dev-log';
  send(to: string, text: string): Promise<void>;
}

export function createDevSms(config: Pick<Config, 'NODE_ENV' | 'HOST'>, logger: Logger): SmsSender {
  const printText = mayPrintCodes(config);
  return {
    kind: 'dev-log',
    async send(to, text) {
      logger.info(
        { sms: { to } },
        `dev sms: to ${to}: ${printText ? text : '(text withheld: not a local development server)'}`,
      );
    },
  };
}

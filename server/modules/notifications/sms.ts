import type { Logger } from '../../shared/logger.js';

/** Text messages (one-time codes by SMS). No provider is wired yet; development prints the message. */
export interface SmsSender {
  readonly kind: 'dev-log';
  send(to: string, text: string): Promise<void>;
}

export function createDevSms(logger: Logger): SmsSender {
  return {
    kind: 'dev-log',
    async send(to, text) {
      logger.info({ sms: { to } }, `dev sms: to ${to}: ${text}`);
    },
  };
}

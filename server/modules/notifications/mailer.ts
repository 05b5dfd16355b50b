import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Db } from '../../db.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import { mayPrintCodes } from './dev-output.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing e-mail: SMTP when SMTP_URL is set, else the development mailbox. */
export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: MailMessage): Promise<void>;
  /**
   * Sends without making the caller wait: answers that must not reveal whether an address exists take the same
   * time either way. Failures are logged; `drain` waits for what is in flight (shutdown, tests).
   */
  sendInBackground(message: MailMessage): void;
  drain(): Promise<void>;
  close(): Promise<void>;
}

type Transport = Pick<Mailer, 'kind' | 'send'> & { close(): void };

export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'NODE_ENV' | 'HOST'>,
  db: Db,
  logger: Logger,
): Mailer {
  const transport = config.SMTP_URL
    ? smtp(config.SMTP_URL, config.MAIL_FROM)
    : devMailbox(db, logger, mayPrintCodes(config));
  const inFlight = new Set<Promise<void>>();
  const drain = async () => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };
  return {
    kind: transport.kind,
    send: (message) => transport.send(message),
    sendInBackground(message) {
      const delivery = transport
        .send(message)
        .catch((error) => logger.error({ err: error, mail: { subject: message.subject } }, 'mail delivery failed'))
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    drain,
    async close() {
      await drain();
      transport.close();
    },
  };
}

function smtp(url: string, from: string): Transport {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
    close: () => transport.close(),
  };
}

/**
 * Stores each message in DevMail (superadmins read it in the back office) and logs that it did; the text, which
 * holds codes, is printed only where `mayPrintCodes` allows.
 */
function devMailbox(db: Db, logger: Logger, printText: boolean): Transport {
  return {
    kind: 'dev-mailbox',
    async send({ to, subject, text }) {
      await db.devMail.create({ data: { id: newId('dml'), to, subject, text } });
      const body = printText ? `\n${text}` : ' (text in DevMail)';
      logger.info({ mail: { to, subject } }, `dev mailbox: to ${to}: ${subject}${body}`);
    },
    close: () => {},
  };
}

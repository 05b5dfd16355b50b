import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Db } from '../../db.js';
import { newId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing e-mail: SMTP when SMTP_URL is set, else the development mailbox. */
export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, db: Db, logger: Logger): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : devMailbox(db, logger);
}

function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
    close: () => transport.close(),
  };
}

/** Stores each message in DevMail (browsable in the back office) and prints it, so codes can be read locally. */
function devMailbox(db: Db, logger: Logger): Mailer {
  return {
    kind: 'dev-mailbox',
    async send({ to, subject, text }) {
      await db.devMail.create({ data: { id: newId('dml'), to, subject, text } });
      logger.info({ mail: { to, subject } }, `dev mailbox: to ${to}: ${subject}\n${text}`);
    },
    close: () => {},
  };
}

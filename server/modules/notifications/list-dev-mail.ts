import type { Db } from '../../db.js';

export interface DevMailView {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** The development mailbox, newest first: what would have been e-mailed without SMTP (sign-up and reset codes). */
export function listDevMail(db: Db, filter: { to?: string; limit: number }): Promise<DevMailView[]> {
  return db.devMail.findMany({
    where: filter.to ? { to: filter.to.trim().toLowerCase() } : {},
    orderBy: { id: 'desc' },
    take: filter.limit,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}

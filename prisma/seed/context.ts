import type { ActorType, Prisma } from '@prisma/client';

/** The interactive-transaction client every seed step writes through. */
export type Tx = Prisma.TransactionClient;

/** One audit row waiting to be written; steps collect them and `seedActivity` inserts them at the end. */
export interface PendingAudit {
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Prisma.InputJsonValue;
  after: Prisma.InputJsonValue;
}

export interface SeedContext {
  tx: Tx;
  now: Date;
  log: (line: string) => void;
  audits: PendingAudit[];
}

const DAY_MS = 86_400_000;

/** `now` shifted by a (possibly fractional, possibly negative) number of days. */
export function daysFromNow(ctx: SeedContext, days: number): Date {
  return new Date(ctx.now.getTime() + Math.round(days * DAY_MS));
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + Math.round(days * DAY_MS));
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + Math.round(hours * 3_600_000));
}

/** `$1,234.56` from integer cents (display only: notifications, memos). */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  const dollars = (abs / 100n).toLocaleString('en-US');
  return `${sign}$${dollars}.${(abs % 100n).toString().padStart(2, '0')}`;
}

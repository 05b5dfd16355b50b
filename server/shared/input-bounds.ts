import { z } from 'zod';

/**
 * Bounds of what the database stores, for request schemas and cursors: a value past them is the caller's mistake
 * (a 422 naming the field), never a PostgreSQL error answering a 500.
 */

/** The largest value of an INT4 column (Prisma `Int`); money that can exceed it lives in BIGINT columns. */
export const INT4_MAX = 2_147_483_647;

/**
 * Instants the product deals in: 2000 to the end of 9999, UTC. PostgreSQL refuses year 0, JavaScript and
 * PostgreSQL disagree on far years, and no campaign, session or cursor needs either.
 */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');
const IN_RANGE = 'must lie between the years 2000 and 9999 (UTC)';

const inRange = (text: string) => {
  const at = Date.parse(text);
  return at >= EARLIEST_INSTANT.getTime() && at <= LATEST_INSTANT.getTime();
};

/** An ISO 8601 instant with an offset or Z, within range, as a Date. */
export const instantInput = () =>
  z.iso
    .datetime({ offset: true })
    .refine(inRange, IN_RANGE)
    .transform((value) => new Date(value));

/** An ISO 8601 instant in UTC (as our cursors carry them), within range, kept as text. */
export const instantText = () => z.iso.datetime().refine(inRange, IN_RANGE);

/** An integer an INT4 column can hold, from `min`. */
export const int4 = (min = 0) => z.number().int().min(min).max(INT4_MAX);

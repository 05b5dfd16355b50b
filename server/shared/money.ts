import { z } from 'zod';

/**
 * Money on the wire (docs/adr/0012-money-on-the-wire.md): integer cents as JSON integers, everywhere. The database
 * keeps cents in BIGINT; JSON numbers are exact up to 2^53 − 1 cents (about $90 trillion), far above any sum the
 * marketplace holds (a campaign's budget is at most $100M), so a sum is converted once, here, and refused past
 * the bound rather than rounded.
 */
export const MAX_WIRE_CENTS = Number.MAX_SAFE_INTEGER;

/** A BigInt (cents, a view count) as a JSON integer; past 2^53 − 1 it would be rounded, so it is refused. */
export function toJsonInteger(value: bigint): number {
  if (value > BigInt(MAX_WIRE_CENTS) || value < -BigInt(MAX_WIRE_CENTS)) {
    throw new RangeError(`${value} exceeds what a JSON number carries exactly (2^53 - 1)`);
  }
  return Number(value);
}

/** JSON.stringify's replacer for every answer: BigInt as an exact JSON integer (the app and stored answers alike). */
export const bigintAsJsonInteger = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? toJsonInteger(value) : value;

/** Cents from the database (BigInt, a number, or a missing sum) as the JSON integer the API answers. */
export function centsToWire(cents: bigint | number | null | undefined): number {
  const value = cents ?? 0;
  if (typeof value === 'bigint') return toJsonInteger(value);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Cents ${value} are not a safe integer`);
  return value;
}

/** The answer schema of every money field: the `Cents` component of the API document. */
export const centsSchema = z
  .number()
  .int()
  .min(-MAX_WIRE_CENTS)
  .max(MAX_WIRE_CENTS)
  .meta({ id: 'Cents', description: 'An amount in integer cents (USD), exact below 2^53.' });

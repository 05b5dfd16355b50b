import { describe, expect, it } from 'vitest';
import { asSent } from '../../server/modules/system/idempotency.js';
import {
  bigintAsJsonInteger,
  centsSchema,
  centsToWire,
  MAX_WIRE_CENTS,
  toJsonInteger,
} from '../../server/shared/money.js';

describe('money on the wire: integer cents, exact or refused', () => {
  it('answers database cents (BigInt, number, a missing sum) as JSON integers', () => {
    expect(centsToWire(8611n)).toBe(8611);
    expect(centsToWire(250)).toBe(250);
    expect(centsToWire(null)).toBe(0);
    expect(centsToWire(undefined)).toBe(0);
    expect(JSON.stringify({ amountCents: centsToWire(10_000_000_000n) })).toBe('{"amountCents":10000000000}');
  });

  it('is exact up to 2^53 - 1 and refuses anything past it rather than rounding', () => {
    expect(MAX_WIRE_CENTS).toBe(2 ** 53 - 1);
    expect(toJsonInteger(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toJsonInteger(2n ** 53n)).toThrow(RangeError);
    expect(() => toJsonInteger(-(2n ** 53n))).toThrow(RangeError);
    expect(() => centsToWire(2 ** 53)).toThrow(RangeError);
    expect(() => centsToWire(12.5)).toThrow(RangeError);
  });

  it('documents the same bound it enforces', () => {
    expect(centsSchema.safeParse(MAX_WIRE_CENTS).success).toBe(true);
    expect(centsSchema.safeParse(MAX_WIRE_CENTS + 2).success).toBe(false);
    expect(centsSchema.safeParse('8611').success).toBe(false);
  });
});

describe('stored idempotent answers', () => {
  it('carry BigInt as the same JSON integers the app sends, so a replay matches the first answer', () => {
    const answer = { id: 'cmp_1', budgetCents: 123_456_789_012n, views: 42n, nested: [{ paidCents: 5n }] };
    const fromApp = JSON.parse(JSON.stringify(answer, bigintAsJsonInteger));
    expect(asSent(answer)).toEqual(fromApp);
    expect(asSent(answer)).toEqual({ id: 'cmp_1', budgetCents: 123456789012, views: 42, nested: [{ paidCents: 5 }] });
  });
});

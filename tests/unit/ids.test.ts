import { describe, expect, it } from 'vitest';
import { newId } from '../../server/shared/ids.js';

describe('newId', () => {
  it('is prefixed, 26 base32 characters, and sorts in creation order even within one millisecond', () => {
    const at = Date.UTC(2026, 10, 26);
    const ids = Array.from({ length: 200 }, () => newId('usr', at));
    for (const id of ids) expect(id).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order when the clock goes back, and starts fresh randomness when time moves on', () => {
    const at = Date.UTC(2026, 10, 27);
    const a = newId('cmp', at);
    const b = newId('cmp', at - 5_000);
    const c = newId('cmp', at + 1);
    expect(a < b && b < c).toBe(true);
    expect(c.slice(4, 14)).not.toBe(a.slice(4, 14));
  });
});

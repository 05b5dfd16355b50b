import { randomBytes } from 'node:crypto';

// Crockford base32: sortable, case-insensitive, no ambiguous letters.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type IdPrefix =
  | 'usr'
  | 'bpr'
  | 'cpr'
  | 'otp'
  | 'rtk'
  | 'atk'
  | 'soc'
  | 'cmp'
  | 'app'
  | 'sub'
  | 'pln'
  | 'vsn'
  | 'frd'
  | 'dsp'
  | 'acr'
  | 'pay'
  | 'led'
  | 'jnl'
  | 'aud'
  | 'ntf'
  | 'psh'
  | 'thr'
  | 'msg'
  | 'dml'
  | 'oas'
  | 'idm'
  | 'req';

/** A prefixed, time-ordered id such as `cmp_01hx…`: 10 chars of milliseconds then 16 of randomness. */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${prefix}_${time}${rand}`;
}

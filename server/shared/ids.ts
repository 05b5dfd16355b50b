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
  | 'upl'
  | 'req';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A prefixed, time-ordered id such as `cmp_01hx…`: 10 chars of milliseconds then 16 of randomness. Ids made in
 * the same millisecond (or with a clock that went back) continue from the previous one, so creation order is
 * id order within a process.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    now = lastTime;
    random = [...lastRandom];
    let i = random.length - 1;
    while (i >= 0 && random[i] === 31) random[i--] = 0;
    if (i >= 0) random[i] = (random[i] as number) + 1;
  } else {
    random = [...randomBytes(16)].map((b) => b % 32);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${random.map((d) => ALPHABET[d]).join('')}`;
}

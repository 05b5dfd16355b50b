import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db.js';
import { createUser } from '../helpers/accounts.js';
import { createTestApp, setupTestApp, type TestApp } from '../helpers/app.js';

/**
 * The routes that answer "accepted" whether or not an address has an account must also take the same time. Two
 * checks: the same database work runs on both paths (statements counted, deterministic, always), and timed
 * alternately in one run (so machine load hits both alike) the per-round ratios stay near one. Timings on a
 * shared 2-core machine are a measurement, not a unit test: `npm test` runs a few rounds and checks the work;
 * `npm run test:timing` (AUTH_TIMING_ROUNDS=40) also holds the ratios to the tolerance. Every request uses a fresh
 * address, as someone probing a list would.
 */
const ctx = setupTestApp('auth-timing');
const TIMED_ROUNDS = Number(process.env.AUTH_TIMING_ROUNDS ?? 0);
const ROUNDS = TIMED_ROUNDS || 3;
// Before both paths did the same work the medians differed by 40–150 %; equal work stays well inside this.
const TOLERANCE = 1.35;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

// The app under test runs on a client that counts its statements; mail delivery (never to a stranger, and off the
// answer's path) is left out.
let statements = 0;
let app: TestApp;
beforeAll(async () => {
  const counting = ctx.database.db.$extends({
    query: {
      $allOperations({ model, args, query }) {
        if (model !== 'DevMail') statements += 1;
        return query(args);
      },
    },
  });
  app = await createTestApp(counting as unknown as Db, ctx.database.url);
});
afterAll(() => app?.close());

let probe = 0;
const unknownAddress = () => `nobody-${++probe}-${process.pid}@example.test`;

async function timed(path: string, body: object): Promise<{ ms: number; statements: number }> {
  const before = statements;
  const started = performance.now();
  const res = await request(app.app).post(`/api/v1${path}`).send(body);
  const ms = performance.now() - started;
  expect(res.status, res.text).toBe(202);
  return { ms, statements: statements - before };
}

/** Statements per request, and how much slower one path is than the other over ROUNDS alternating pairs. */
async function compare(path: string, bodyFor: (email: string) => object) {
  const known: number[] = [];
  const unknown: number[] = [];
  const ratios: number[] = [];
  const work = { known: new Set<number>(), unknown: new Set<number>() };
  for (let round = 0; round < ROUNDS + 2; round++) {
    const user = await createUser(app, ctx.database.db, 'CLIPPER');
    const knownFirst = round % 2 === 0;
    const a = await timed(path, bodyFor(knownFirst ? user.email : unknownAddress()));
    const b = await timed(path, bodyFor(knownFirst ? unknownAddress() : user.email));
    // Mail in flight is delivered between rounds, not during the next measurement.
    await app.services.mailer.drain();
    const [k, u] = knownFirst ? [a, b] : [b, a];
    work.known.add(k.statements);
    work.unknown.add(u.statements);
    // The first rounds warm up caches and connections on both paths; they are not timed.
    if (round < 2) continue;
    known.push(k.ms);
    unknown.push(u.ms);
    ratios.push(Math.log(k.ms / u.ms));
  }
  const medians = { known: median(known), unknown: median(unknown) };
  // The median of the pairs' log ratios: noise spreads them on both sides of zero, a slower path shifts them.
  const ratio = Math.exp(Math.abs(median(ratios)));
  if (TIMED_ROUNDS) console.info(path, medians, 'pair ratio', ratio, work);
  return { medians, ratio, work: { known: [...work.known], unknown: [...work.unknown] } };
}

describe('answers that must not tell whether an address has an account', () => {
  beforeAll(async () => {
    // Codes go out to every probed address; start from empty per-IP counters.
    await ctx.database.db.rateLimitCounter.deleteMany();
  });

  it('registration does the same work for a taken address as for a free one', async () => {
    const { ratio, medians, work } = await compare('/auth/register', (email) => ({
      email,
      password: 'a long password',
      role: 'BRAND',
    }));
    expect(work.known).toEqual(work.unknown);
    if (TIMED_ROUNDS) expect(ratio, JSON.stringify(medians)).toBeLessThan(TOLERANCE);
  }, 60_000);

  it('a reset request does the same work for an unknown address as for an account', async () => {
    const { ratio, medians, work } = await compare('/auth/password-reset/request', (email) => ({ email }));
    expect(work.known).toEqual(work.unknown);
    if (TIMED_ROUNDS) expect(ratio, JSON.stringify(medians)).toBeLessThan(TOLERANCE);
  }, 60_000);

  it('a resend does the same work for an unknown address as for an account', async () => {
    const { ratio, medians, work } = await compare('/auth/resend-otp', (email) => ({ email, purpose: 'RESET' }));
    expect(work.known).toEqual(work.unknown);
    if (TIMED_ROUNDS) expect(ratio, JSON.stringify(medians)).toBeLessThan(TOLERANCE);
  }, 60_000);
});

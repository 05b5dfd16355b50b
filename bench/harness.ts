import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { execa } from 'execa';

/** Loopback only, bounded in time: every measurement is `seconds` long with `connections` concurrent clients. */
export interface LoadOptions {
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  /**
   * Mean latency from Little's law (connections × duration / requests): autocannon's histogram keeps whole
   * milliseconds, too coarse for single-digit latencies.
   */
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(name: string, url: string, options: LoadOptions): Promise<Measurement> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only target 127.0.0.1, not ${url}`);
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections,
    headers: options.headers,
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    meanMs: Number(((options.connections * result.duration * 1000) / Math.max(1, result.requests.total)).toFixed(2)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function listenOnLoopback(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** Starts bench/targets.ts in a child process and waits for the URL it prints. */
export async function startTarget(kind: 'app' | 'raw', databaseUrl: string): Promise<{ url: string; stop(): void }> {
  const child = execa(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'targets.ts'), kind, databaseUrl],
    {
      stderr: 'inherit',
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.catch(reject);
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

export interface Comparison {
  name: string;
  subject: Measurement;
  baseline: Measurement;
  /** subject / baseline throughput (or mean latency for `latency` comparisons), measured in the same run. */
  ratio: number;
  metric?: 'throughput' | 'latency';
  goal?: string;
  pass?: boolean;
}

export function compare(name: string, subject: Measurement, baseline: Measurement, goal?: string): Comparison {
  return {
    name,
    subject,
    baseline,
    ratio: Number((subject.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
    goal,
  };
}

const clean = (m: Measurement) => m.errors === 0 && m.non2xx === 0;

/** Throughput of the subject against the baseline's; passes at `minRatio` or above with no errors. */
export function compareThroughput(name: string, subject: Measurement, baseline: Measurement, minRatio: number) {
  const comparison = compare(name, subject, baseline, `≥ ${minRatio}`);
  return { ...comparison, metric: 'throughput' as const, pass: comparison.ratio >= minRatio && clean(subject) };
}

/** Mean latency of the subject over the baseline's; passes at `maxRatio` or below with no errors. */
export function compareLatency(
  name: string,
  subject: Measurement,
  baseline: Measurement,
  maxRatio: number,
): Comparison {
  const ratio = Number((subject.meanMs / baseline.meanMs).toFixed(3));
  return {
    name,
    subject,
    baseline,
    ratio,
    metric: 'latency',
    goal: `≤ ${maxRatio}`,
    pass: ratio <= maxRatio && clean(subject) && clean(baseline),
  };
}

export function report(suite: string, comparisons: Comparison[], extra: Record<string, unknown> = {}): void {
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite}.json`);
  writeFileSync(
    file,
    JSON.stringify({ suite, at: new Date().toISOString(), node: process.version, ...extra, comparisons }, null, 2),
  );
  console.table(
    comparisons.map((c) => ({
      comparison: c.name,
      metric: c.metric ?? 'throughput',
      'subject req/s': c.subject.requestsPerSecond,
      'baseline req/s': c.baseline.requestsPerSecond,
      'subject mean/p50/p99 ms': `${c.subject.meanMs} / ${c.subject.p50Ms} / ${c.subject.p99Ms}`,
      'baseline mean/p50/p99 ms': `${c.baseline.meanMs} / ${c.baseline.p50Ms} / ${c.baseline.p99Ms}`,
      ratio: c.ratio,
      goal: c.goal ?? '',
      pass: c.pass === undefined ? '' : c.pass ? 'PASS' : 'FAIL',
      errors: c.subject.errors + c.subject.non2xx + c.baseline.errors + c.baseline.non2xx,
    })),
  );
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

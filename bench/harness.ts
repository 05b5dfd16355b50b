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
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(name: string, url: string, options: LoadOptions): Promise<Measurement> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`benchmarks only target 127.0.0.1, not ${url}`);
  const result = await autocannon({ url, duration: options.seconds, connections: options.connections });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
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
  /** subject / baseline throughput, measured in the same run. */
  ratio: number;
  goal?: string;
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

export function report(suite: string, comparisons: Comparison[]): void {
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite}.json`);
  writeFileSync(
    file,
    JSON.stringify({ suite, at: new Date().toISOString(), node: process.version, comparisons }, null, 2),
  );
  console.table(
    comparisons.map((c) => ({
      comparison: c.name,
      'subject req/s': c.subject.requestsPerSecond,
      'baseline req/s': c.baseline.requestsPerSecond,
      ratio: c.ratio,
      'subject p99 ms': c.subject.p99Ms,
      goal: c.goal ?? '',
      errors: c.subject.errors + c.subject.non2xx,
    })),
  );
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

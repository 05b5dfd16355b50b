import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';

export function adminUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  return onAdmin(adminUrl, async (c) => {
    const from = template ? ` TEMPLATE ${c.escapeIdentifier(template)}` : '';
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}${from}`);
  });
}

export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return onAdmin(adminUrl, async (c) => {
    await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)}`);
  });
}

export const uniqueDbName = (label: string) =>
  `cf_${label}_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

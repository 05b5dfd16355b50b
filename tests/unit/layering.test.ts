import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Source folders of the doors and the plumbing: everything but the use cases (and the seed, tests, benchmarks). */
const OUTSIDE_MODULES = ['admin', 'cli', 'server', 'site/src', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const SKIPPED = new Set(['node_modules', 'generated', 'bundle', '.bundle', 'dist']);

// `db.campaign.update(`, `tx.user.deleteMany(`, `this.db.payout.create(`: a call on a model delegate.
const DELEGATE_WRITE =
  /\b[A-Za-z_$][\w$]*\.[a-z][\w$]*\.(create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\s*\(/g;
const RAW_WRITE = /\$executeRaw(Unsafe)?\b|\$queryRaw(Unsafe)?\s*(`|\()[^`]{0,400}?\b(INSERT|UPDATE|DELETE)\b/gi;

/** Prisma writes in a source text, as `line: code`. */
function prismaWrites(text: string): string[] {
  const found: string[] = [];
  for (const pattern of [DELEGATE_WRITE, RAW_WRITE]) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${line}: ${match[0].split('\n')[0]}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) ? [full] : [];
  });
}

describe('layering', () => {
  it('recognises a Prisma write in any of its forms', () => {
    expect(prismaWrites('await ctx.db.campaign.update({ where: { id } })')).toHaveLength(1);
    expect(prismaWrites('tx.user.deleteMany({})')).toHaveLength(1);
    expect(prismaWrites('db.$executeRaw`DELETE FROM "User"`')).toHaveLength(1);
    expect(prismaWrites('db.$queryRaw`UPDATE "Campaign" SET x = 1 RETURNING id`')).toHaveLength(1);
    expect(prismaWrites("createHash('sha256').update(sql); applied.delete(name); db.user.findMany({})")).toEqual([]);
  });

  it('keeps every Prisma write inside server/modules (doors call use cases)', () => {
    const offenders = OUTSIDE_MODULES.flatMap((folder) => sourceFiles(path.join(root, folder)))
      .filter((file) => !file.startsWith(path.join(root, 'server/modules') + path.sep))
      .flatMap((file) => prismaWrites(readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}:${hit}`));
    expect(offenders).toEqual([]);
  });

  it('refuses imports of a door or a door framework from a use case, and of the API code from the back office (Biome)', async () => {
    const probe = [
      "import express from 'express';",
      "import { Command } from 'commander';",
      "import { defineRoute } from '../http/route.js';",
      "import { buildAdmin } from '../../admin/index.js';",
      'export const all = [express, Command, defineRoute, buildAdmin];',
    ].join('\n');
    // The project's own Biome settings, on a probe file placed as a use case would be (outside the checkout).
    const dir = mkdtempSync(path.join(tmpdir(), 'contentflow-layering-'));
    try {
      const config = JSON.parse(readFileSync(path.join(root, 'biome.json'), 'utf8'));
      delete config.$schema;
      delete config.vcs;
      writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
      mkdirSync(path.join(dir, 'server/modules/campaigns'), { recursive: true });
      writeFileSync(path.join(dir, 'server/modules/campaigns/probe.ts'), probe);
      const biome = path.join(root, 'node_modules/.bin/biome');
      const lint = await execa(biome, ['lint', 'server/modules/campaigns/probe.ts'], { cwd: dir, reject: false });
      expect(lint.exitCode).not.toBe(0);
      expect(`${lint.stdout}${lint.stderr}`.match(/lint\/style\/noRestrictedImports/g)).toHaveLength(4);
      // The back office and the CLI reach shared request helpers through server/web, not the API's code.
      mkdirSync(path.join(dir, 'admin'), { recursive: true });
      writeFileSync(
        path.join(dir, 'admin/probe.ts'),
        "import { apiRouter } from '../server/http/api.js';\nimport { readCookie } from '../server/web/cookies.js';\nexport const both = [apiRouter, readCookie];\n",
      );
      const admin = await execa(biome, ['lint', 'admin/probe.ts'], { cwd: dir, reject: false });
      expect(`${admin.stdout}${admin.stderr}`.match(/lint\/style\/noRestrictedImports/g)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

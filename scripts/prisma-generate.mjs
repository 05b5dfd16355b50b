// Generates the Prisma client and the full DMMF that AdminJS needs (the JS-engine client ships a trimmed one
// without `isId`; see docs/adr/0001-stack.md). Works offline: no engine download.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// The CLI needs a DATABASE_URL to stay offline even though generate never connects.
const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.DATABASE_URL ||= 'postgresql://placeholder@127.0.0.1:5432/placeholder';
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--no-hints'], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});

const wasm = require('@prisma/prisma-schema-wasm');
const schema = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8');
const { datamodel } = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schema })));
mkdirSync(path.join(root, 'admin/generated'), { recursive: true });
writeFileSync(path.join(root, 'admin/generated/dmmf.json'), JSON.stringify({ datamodel }));
console.log(`prisma: client generated, ${datamodel.models.length} models`);

// `npm start` runs this first: regenerates the Prisma client and rebuilds the site only when their sources are
// newer than what was built, so a warm start costs nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

const run = (script) =>
  execFileSync(process.execPath, [path.join(root, 'scripts', script)], { cwd: root, stdio: 'inherit' });

if (stale(path.join(root, 'admin/generated/dmmf.json'), ['prisma/schema.prisma'])) run('prisma-generate.mjs');
if (stale(path.join(root, 'site/dist/index.html'), ['site/src', 'site/public', 'site/astro.config.mjs']))
  run('build-site.mjs');

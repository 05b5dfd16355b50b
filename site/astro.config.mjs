// @ts-check
import { fileURLToPath } from 'node:url';
import react from '@astrojs/react';
import tailwindcss from '@tailwindcss/vite';
import AstroPWA from '@vite-pwa/astro';
import { defineConfig } from 'astro/config';

// Telemetry reads this lazily (after the config loads), so this also covers plain `astro dev/build`.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

const THEME = '#4f46e5'; // keep in sync with src/layouts/Layout.astro and scripts/make-icons.mjs

const icons = [192, 512].flatMap((size) =>
  ['any', 'maskable'].map((purpose) => ({
    src: `/icon-${size}.png`,
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose,
  })),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  outDir: './dist',
  output: 'static',
  // '/offline/' is then the precache key, which any static server returns without a redirect.
  trailingSlash: 'always',
  integrations: [
    react(),
    AstroPWA({
      registerType: 'autoUpdate',
      injectRegister: false, // registered from Layout.astro via virtual:pwa-register
      manifestFilename: 'manifest.webmanifest',
      filename: 'sw.js',
      manifest: {
        id: '/',
        name: 'ContentFlow',
        short_name: 'ContentFlow',
        description: 'Brands pay short-video clippers per 1,000 verified views.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: THEME,
        theme_color: THEME,
        icons,
      },
      workbox: {
        // No SPA shell: unknown paths belong to the server, so they must reach the network.
        navigateFallback: null,
        // The plugin already precaches manifest.webmanifest; matching it here would list it twice.
        globPatterns: ['**/*.{html,js,css,png,svg}'],
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            // Site pages only: /admin, /api, /healthz, /readyz are server routes the SW must not answer.
            // This function is serialized into sw.js, so it must stay self-contained (no outer refs).
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' && !/^\/(?:admin|api|healthz|readyz)(?:\/|$)/.test(url.pathname),
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/offline/' } },
          },
        ],
      },
    }),
  ],
  vite: {
    plugins: [tailwindcss()],
    // Never inline bundled scripts: external /_astro/*.js files keep a strict script-src CSP workable.
    build: { assetsInlineLimit: 0 },
  },
});

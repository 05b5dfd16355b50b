/// <reference types="astro/client" />
// Typings for the virtual modules provided by @vite-pwa/astro (vite-plugin-pwa).
/// <reference types="vite-plugin-pwa/info" />
/// <reference types="vite-plugin-pwa/client" />

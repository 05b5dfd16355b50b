import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('site');

describe('installable site at /', () => {
  it('serves the home page with a manifest link, a service worker registration and a React island', async () => {
    const res = await request(ctx.testApp.app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    expect(res.text).toContain('<astro-island');
    const scripts = [...res.text.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]);
    const bodies = await Promise.all(
      scripts.map(async (src) => (await request(ctx.testApp.app).get(src).expect(200)).text),
    );
    expect(bodies.some((js) => js.includes('serviceWorker') && js.includes('sw.js'))).toBe(true);
  });

  it('serves a valid web app manifest', async () => {
    const res = await request(ctx.testApp.app).get('/manifest.webmanifest').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/manifest\+json/);
    const manifest = JSON.parse(res.text);
    expect(manifest).toMatchObject({ name: 'ContentFlow', start_url: '/', display: 'standalone' });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons)
      await request(ctx.testApp.app)
        .get(icon.src)
        .expect(200)
        .expect('Content-Type', /image\/png/);
  });

  it('serves the service worker uncached, with an offline fallback precached', async () => {
    const sw = await request(ctx.testApp.app).get('/sw.js').expect(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.text).toContain('/offline/');
    await request(ctx.testApp.app)
      .get('/offline/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
  });

  it('loads nothing from other origins', async () => {
    const res = await request(ctx.testApp.app).get('/');
    expect(res.text).not.toMatch(/<(script|link)[^>]+(src|href)="https?:\/\//);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

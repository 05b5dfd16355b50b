import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.js';

const ctx = setupTestApp('problem-instance');

/** A problem's `instance` names the path only: query strings can carry secrets, such as an OAuth callback's. */
describe('problem instance', () => {
  it('leaves out the OAuth code and state of a refused TikTok callback', async () => {
    const res = await request(ctx.testApp.app)
      .get('/api/v1/social/tiktok/callback?code=oauth-code-secret-123&state=oauth-state-secret-456')
      .set('Accept', 'application/json');
    expect(res.status).toBe(401);
    const problem = JSON.parse(res.text);
    expect(problem.instance).toBe('/api/v1/social/tiktok/callback');
    expect(res.text).not.toContain('oauth-code-secret-123');
    expect(res.text).not.toContain('oauth-state-secret-456');
  });

  it('keeps the path of an unknown route and drops its query', async () => {
    const res = await request(ctx.testApp.app).get('/api/v1/nope?token=abc&x=1').expect(404);
    expect(JSON.parse(res.text).instance).toBe('/api/v1/nope');
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactedRequest, redactUrl } from '../../server/http/log-redaction.js';
import { createLogger } from '../../server/shared/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logger', () => {
  it('redacts credentials, cookies, passwords and tokens', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'cf_admin=s3cr3t', 'user-agent': 'curl' } },
        body: { email: 'a@b.c', password: 'hunter22', refreshToken: 'rt_abc', token: 'tok_xyz' },
        nested: { input: { user: { newPassword: 'deep-secret' } } },
        err: { code: 'P2002' },
      },
      'login',
    );
    const out = lines.join('');
    for (const secret of ['eyJsecret', 's3cr3t', 'hunter22', 'rt_abc', 'tok_xyz', 'deep-secret']) {
      expect(out).not.toContain(secret);
    }
    // Error codes are not secrets.
    expect(out).toContain('P2002');
    expect(out).toContain('[redacted]');
    expect(out).toContain('curl');
    expect(out).toContain('a@b.c');
  });
});

describe('request URLs in logs', () => {
  it('hides signatures and OAuth codes but keeps the rest of the URL', () => {
    expect(redactUrl('/storage/uploads/a/b.mp4?type=video%2Fmp4&expires=1700000000&sig=abcdef')).toBe(
      '/storage/uploads/a/b.mp4?type=video%2Fmp4&expires=1700000000&sig=%5Bredacted%5D',
    );
    expect(redactUrl('/api/v1/social/tiktok/callback?code=secret-code&state=s1&scopes=user.info.basic')).toBe(
      '/api/v1/social/tiktok/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&scopes=user.info.basic',
    );
    expect(redactUrl('/api/v1/campaigns?limit=5')).toBe('/api/v1/campaigns?limit=5');
    expect(redactedRequest({ url: '/storage/k?sig=1', query: { sig: '1' }, method: 'PUT' })).toEqual({
      url: '/storage/k?sig=%5Bredacted%5D',
      method: 'PUT',
    });
  });
});

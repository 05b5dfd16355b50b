import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
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

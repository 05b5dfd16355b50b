import { describe, expect, it } from 'vitest';
import { connectTarget, guardConnect } from '../setup/outbound-guard.js';

// Exercised on a stand-in connect function, so a broken guard can never send a packet anywhere.
describe('outbound guard', () => {
  it('finds the target in every form Socket#connect is called with', () => {
    expect(connectTarget([{ host: 'api.stripe.com', port: 443 }])).toBe('api.stripe.com');
    expect(connectTarget([[{ host: 'open.tiktokapis.com', port: 443 }, () => {}]])).toBe('open.tiktokapis.com');
    expect(connectTarget([5432, '10.1.2.3'])).toBe('10.1.2.3');
    expect(connectTarget([5432])).toBe('localhost');
    expect(connectTarget(['/var/run/postgresql/.s.PGSQL.5432'])).toBeUndefined();
    expect(connectTarget([[{ path: '/tmp/sock' }, () => {}]])).toBeUndefined();
  });

  it('lets loopback through and refuses the rest, reporting each attempt', () => {
    const reached: unknown[][] = [];
    const blocked: string[] = [];
    const connect = guardConnect(
      (...args) => reached.push(args),
      (host) => blocked.push(host),
    );
    connect({ host: '127.0.0.1', port: 5432 });
    connect([{ host: '::1', port: 80 }, () => {}]);
    expect(() => connect([{ host: 'fonts.googleapis.com', port: 443 }, () => {}])).toThrow(/Blocked outbound/);
    expect(() => connect(443, '192.0.2.10')).toThrow(/Blocked outbound/);
    expect(reached).toHaveLength(2);
    expect(blocked).toEqual(['fonts.googleapis.com', '192.0.2.10']);
  });
});

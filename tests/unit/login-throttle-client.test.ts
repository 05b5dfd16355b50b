import { describe, expect, it } from 'vitest';
import { throttleClientOf } from '../../server/modules/accounts/login-throttle.js';

describe('the client a failed sign-in is counted against', () => {
  it('is the address for IPv4, and the IPv4 address for its IPv4-mapped IPv6 forms', () => {
    expect(throttleClientOf('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleClientOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(throttleClientOf('::ffff:cb00:7109')).toBe('203.0.113.9');
  });

  it('is the /64 network for IPv6, however the address is written', () => {
    const network = throttleClientOf('2001:db8:1:2::1');
    for (const ip of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0:0:0:abcd', '2001:DB8:1:2::9']) {
      expect(throttleClientOf(ip)).toBe(network);
    }
    expect(throttleClientOf('2001:db8:1:3::1')).not.toBe(network);
    expect(throttleClientOf('2001:db8:1:2::1')).not.toBe(throttleClientOf('2001:db8:1::1'));
  });

  it('is one shared client when the address is unknown', () => {
    expect(throttleClientOf(undefined)).toBe('unknown');
  });
});

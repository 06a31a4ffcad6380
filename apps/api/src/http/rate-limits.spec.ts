import { createHash } from 'node:crypto';
import { addressKey } from './address-rate-limit';
import { retryAfterSeconds } from './rate-limits';

describe('retryAfterSeconds', () => {
  it.each([
    [60_000, 60],
    [1_500, 2],
    [1_000, 1],
    [1, 1],
    [0, 1],
  ])('waits %i ms as %i whole seconds, never 0', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});

describe('addressKey', () => {
  const hashed = (text: string) => createHash('sha256').update(text).digest('base64url');

  it('counts an IPv4 address as itself, however it is written', () => {
    expect(addressKey('203.0.113.9')).toBe(hashed('203.0.113.9'));
    expect(addressKey('::ffff:203.0.113.9')).toBe(hashed('203.0.113.9'));
    expect(addressKey('203.0.113.10')).not.toBe(addressKey('203.0.113.9'));
  });

  it('counts an IPv6 address by its /64 network, however it is written', () => {
    const network = hashed('2001:db8:85a3:1::/64');
    expect(addressKey('2001:db8:85a3:1::1')).toBe(network);
    expect(addressKey('2001:0db8:85a3:0001:ffff:1:2:3')).toBe(network);
    expect(addressKey('2001:DB8:85A3:1:0:0:0:7')).toBe(network);
    expect(addressKey('2001:db8:85a3:2::1')).not.toBe(network);
    expect(addressKey('::1')).toBe(hashed('0:0:0:0::/64'));
    expect(addressKey('fe80::1')).toBe(hashed('fe80:0:0:0::/64'));
  });

  it('keeps no address in the key', () => {
    expect(addressKey('203.0.113.9')).not.toContain('203');
  });
});

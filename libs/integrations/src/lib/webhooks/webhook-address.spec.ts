import { isForbiddenAddress, refusedAddress, retryDelayMs } from './webhook-address';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) =>
    expect(isForbiddenAddress(address)).toBe(false),
  );

  it('refuses loopback URLs unless private addresses are allowed, and anything but http(s)', async () => {
    await expect(refusedAddress('http://127.0.0.1:8080/hook', false)).resolves.toMatch(/loopback/);
    await expect(refusedAddress('http://[::1]/hook', false)).resolves.toMatch(/loopback/);
    await expect(refusedAddress('http://127.0.0.1:8080/hook', true)).resolves.toBeNull();
    await expect(refusedAddress('ftp://example.com/x', true)).resolves.toMatch(/http/);
    await expect(refusedAddress('https://user:pw@example.com/x', true)).resolves.toMatch(/password/);
  });

  it('waits base, then doubles, capped at an hour', () => {
    expect([2, 3, 4, 5].map((n) => retryDelayMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30_000, 20)).toBe(3_600_000);
  });
});

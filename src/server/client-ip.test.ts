import { expect, test } from '@playwright/test';
import { clientBucket, connectionClientIp, forwardedForClientIp, isPrivateAddress } from './client-ip.js';

const request = (headers: Record<string, string> = {}) => new Request('https://example.com/auth/telegram/verify', { headers });

test('loopback, private, link-local and carrier-grade NAT addresses are private; Internet addresses are not', () => {
  const privates = ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.10', '169.254.1.1', '100.64.0.1', '0.0.0.0'];
  const privateV6 = ['::1', '::', 'fd12:3456::1', 'fc00::1', 'fe80::1%eth0', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '[::1]'];
  const publics = ['203.0.113.7', '172.32.0.1', '172.15.255.255', '100.128.0.1', '8.8.8.8', '2001:db8::1', '2a00:1450:4001::1', '::ffff:203.0.113.7', '::2'];
  for (const address of [...privates, ...privateV6]) expect(isPrivateAddress(address), address).toBe(true);
  for (const address of publics) expect(isPrivateAddress(address), address).toBe(false);
  for (const notAnAddress of ['', 'localhost', '256.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1']) expect(isPrivateAddress(notAnAddress), notAnAddress).toBe(false);
});

test('buckets: IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64 in every spelling, anything else as given', () => {
  expect(clientBucket('203.0.113.7')).toBe('203.0.113.7');
  expect(clientBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(clientBucket('::FFFF:cb00:7107')).toBe('203.0.113.7');
  const sameHost = ['2001:db8:1:2::1', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0:0:0:9', '[2001:db8:1:2::5]', '2001:db8:1:2::1%en0'];
  for (const address of sameHost) expect(clientBucket(address), address).toBe('2001:db8:1:2::/64');
  expect(clientBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  expect(clientBucket('  user-42 ')).toBe('user-42');
});

test('the default client is the connection, unless it is private (a proxy, or local development)', async () => {
  expect(await connectionClientIp(request(), { remoteAddress: '203.0.113.7' })).toBe('203.0.113.7');
  expect(await connectionClientIp(request(), { remoteAddress: '::ffff:127.0.0.1' })).toBeUndefined();
  expect(await connectionClientIp(request(), { remoteAddress: '10.0.0.2' })).toBeUndefined();
  expect(await connectionClientIp(request(), {})).toBeUndefined();
  // Headers are never trusted by default: anyone can send them.
  expect(await connectionClientIp(request({ 'X-Forwarded-For': '198.51.100.1' }), { remoteAddress: '203.0.113.7' })).toBe('203.0.113.7');
});

test('forwardedForClientIp takes the entry the outermost trusted proxy wrote, never one the client wrote', async () => {
  const one = forwardedForClientIp();
  const two = forwardedForClientIp({ proxies: 2 });
  const forwarded = request({ 'X-Forwarded-For': 'spoofed-by-client, 198.51.100.7, 10.0.0.9' });
  expect(await one(forwarded, { remoteAddress: '127.0.0.1' })).toBe('10.0.0.9');
  expect(await two(forwarded, { remoteAddress: '127.0.0.1' })).toBe('198.51.100.7');
  // Two headers are one list, in order.
  const split = new Request('https://example.com/', { headers: [['X-Forwarded-For', '1.1.1.1'], ['X-Forwarded-For', '198.51.100.7']] });
  expect(await one(split, {})).toBe('198.51.100.7');
  // Fewer entries than proxies: the leftmost, which one of them wrote; no header: the connection.
  expect(await two(request({ 'X-Forwarded-For': '198.51.100.8' }), {})).toBe('198.51.100.8');
  expect(await one(request(), { remoteAddress: '203.0.113.9' })).toBe('203.0.113.9');
  expect(await one(request({ 'X-Forwarded-For': ' , ' }), { remoteAddress: '203.0.113.9' })).toBe('203.0.113.9');
  for (const proxies of [0, -1, 1.5, Number.NaN]) expect(() => forwardedForClientIp({ proxies }), String(proxies)).toThrow(/"proxies" must be the number of proxies/);
});

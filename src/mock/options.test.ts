import { expect, test } from '@playwright/test';
import { DEFAULT_BOT } from './bot/bots.js';
import { createRegistry, DEFAULT_CLIENT, DEFAULT_USERS, type MockClientOptions } from './options.js';
import { errorOf } from './test-fixtures.js';

async function messageOf(run: () => unknown): Promise<string> {
  const error = await errorOf(run);
  expect(error).toBeInstanceOf(TypeError);
  return (error as TypeError).message;
}

test('the registry holds the default client first, then the configured ones, and the default users', () => {
  const registry = createRegistry({ clients: [{ id: 42, secret: 's', allowedUrls: ['https://app.example/cb'], algorithm: 'ES256' }] });
  expect(registry.clients.map((client) => client.id)).toEqual([DEFAULT_CLIENT.id, '42']);
  expect(registry.client('42')).toEqual({ id: '42', secret: 's', name: 'Mock Login Bot', allowedUrls: ['https://app.example/cb'], algorithm: 'ES256' });
  expect(registry.client('43')).toBeUndefined();
  expect(registry.allowedUrls(registry.client('42')!).map((entry) => entry.hostname)).toEqual(['app.example']);
  expect(registry.users).toEqual(DEFAULT_USERS);
  expect(registry.user(100004)?.firstName).toBe('Carol');
  expect(registry.user(1)).toBeUndefined();
});

test('a bad client is refused with a TypeError naming it', async () => {
  const bad: Array<[MockClientOptions, string]> = [
    [{ id: 'bot', secret: 's' }, 'mock client id "bot" must be numeric'],
    [{ id: 5, secret: '' }, 'mock client 5 needs a non-empty secret'],
    [{ id: 5, secret: 's', algorithm: 'HS256' as never }, 'mock client 5: algorithm must be one of RS256, ES256, EdDSA'],
    [{ id: 5, secret: 's', allowedUrls: ['ftp://x.example'] }, 'allowed URL "ftp://x.example" is not an http(s) origin or URL'],
    [{ id: DEFAULT_CLIENT.id, secret: 's' }, `mock client id ${DEFAULT_CLIENT.id} is registered twice`],
  ];
  for (const [client, message] of bad) expect(await messageOf(() => createRegistry({ clients: [client] }))).toBe(message);
});

test('bad users are refused with a TypeError naming the user', async () => {
  expect(await messageOf(() => createRegistry({ users: [] }))).toBe('the mock needs at least one user');
  expect(await messageOf(() => createRegistry({ users: [{ id: -1, firstName: 'X' }] }))).toBe('mock user id -1 must be a positive integer');
  expect(await messageOf(() => createRegistry({ users: [{ id: 7, firstName: '' }] }))).toBe('mock user 7 needs a firstName');
  expect(await messageOf(() => createRegistry({ users: [{ id: 7, firstName: 'X', phoneNumber: '+15550100' }] }))).toBe('mock user 7: phoneNumber is digits without "+"');
});

test('the registry holds the default bot first, then the configured ones, and refuses a bad bot by name', async () => {
  const registry = createRegistry({ bots: [{ username: 'ShopLoginBot' }] });
  expect(registry.bots[0]).toEqual(DEFAULT_BOT);
  expect(registry.bots[1]).toMatchObject({ id: DEFAULT_BOT.id + 1, username: 'ShopLoginBot', name: 'ShopLoginBot', domains: ['localhost', '127.0.0.1'] });
  expect(registry.bots[1]!.token).toMatch(new RegExp(`^${DEFAULT_BOT.id + 1}:AA[A-Za-z0-9_-]{33}$`));
  expect(await messageOf(() => createRegistry({ bots: [{ username: 'shop' }] }))).toBe(
    'mock bot "shop": "username" must be 5 to 32 characters of A-Za-z0-9_, start with a letter and end in "bot" (e.g. "ShopLoginBot")',
  );
});

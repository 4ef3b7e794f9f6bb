import { expect, test } from '@playwright/test';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import type { TelegramIdTokenClaims } from '../types.js';
import { createMemoryRevocationStore, createSessionManager, type SessionManagerOptions } from './session.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const NOW_S = Math.floor(Date.now() / 1000);

const VERIFIED: TelegramIdTokenClaims = {
  iss: 'https://oauth.telegram.org',
  aud: '7700000001',
  sub: '1234567890123456789',
  iat: NOW_S,
  exp: NOW_S + 3600,
  id: 100001,
  name: 'Alice Anderson',
  given_name: 'Alice',
  preferred_username: 'alice',
  picture: 'https://t.me/i/userpic/alice.jpg',
};

function manager(overrides: Partial<SessionManagerOptions> = {}) {
  return createSessionManager({ secret: SECRET, ...overrides });
}

function requestWith(cookie: string, url = 'https://example.com/'): Request {
  return new Request(url, { headers: { Cookie: cookie.split(';')[0]! } });
}

function attributesOf(cookie: string): string[] {
  return cookie.split('; ').slice(1).sort();
}

test('issues an HS256 session JWT with the Telegram identity and granted scopes', async () => {
  const { token, session } = await manager().issue(VERIFIED, new Request('https://example.com/'));
  expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'tlk-session+jwt' });
  const claims = decodeJwt(token);
  expect(claims).toEqual({
    sub: VERIFIED.sub,
    tg_id: 100001,
    name: 'Alice Anderson',
    preferred_username: 'alice',
    picture: 'https://t.me/i/userpic/alice.jpg',
    scope: 'openid profile',
    jti: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    iat: expect.any(Number),
    exp: (claims.iat as number) + 900,
  });
  expect(session).toEqual({
    user: { sub: VERIFIED.sub, tg_id: 100001, name: 'Alice Anderson', preferred_username: 'alice', picture: VERIFIED.picture, scope: 'openid profile' },
    id: claims.jti,
    issuedAt: claims.iat,
    expiresAt: claims.exp,
  });
});

test('derives the scope from the claims present', async () => {
  const { session: withPhone } = await manager().issue({ ...VERIFIED, phone_number: '15550100004' }, new Request('https://example.com/'));
  expect(withPhone.user.scope).toBe('openid profile phone');
  const { id: _id, name: _name, preferred_username: _username, picture: _picture, ...openidOnly } = VERIFIED;
  const { session: bare } = await manager().issue(openidOnly, new Request('https://example.com/'));
  expect(bare.user).toEqual({ sub: VERIFIED.sub, scope: 'openid' });
});

test('sets an HttpOnly, SameSite=Lax, Path=/ cookie with Max-Age = ttl, Secure except on http loopback', async () => {
  const sessions = manager({ ttlSeconds: 1200 });
  const secure = (await sessions.issue(VERIFIED, new Request('https://example.com/auth'))).cookie;
  expect(secure.startsWith('tlk_session=')).toBe(true);
  expect(attributesOf(secure)).toEqual(['HttpOnly', 'Max-Age=1200', 'Path=/', 'SameSite=Lax', 'Secure']);
  // A plain-http site that is not loopback still gets Secure: the browser then drops it, failing closed.
  expect(attributesOf((await sessions.issue(VERIFIED, new Request('http://example.com/'))).cookie)).toContain('Secure');
  for (const local of ['http://localhost:3000/', 'http://127.0.0.1:8080/', 'http://[::1]:3000/']) {
    expect(attributesOf((await sessions.issue(VERIFIED, new Request(local))).cookie)).toEqual(['HttpOnly', 'Max-Age=1200', 'Path=/', 'SameSite=Lax']);
  }
});

test('reads the session back from the cookie', async () => {
  const sessions = manager({ cookieName: 'sid' });
  const { cookie, session } = await sessions.issue(VERIFIED, new Request('https://example.com/'));
  expect(cookie.startsWith('sid=')).toBe(true);
  const request = new Request('https://example.com/', { headers: { Cookie: `other=1; ${cookie.split(';')[0]}; last=2` } });
  expect(await sessions.getSession(request)).toEqual(session);
  expect(await sessions.getSession(new Request('https://example.com/'))).toBeNull();
});

test('adds custom claims from the claims hook, and refuses reserved ones', async () => {
  const sessions = manager({ claims: async (verified) => ({ role: 'admin', account: `acct-${verified.id}` }) });
  const { session } = await sessions.issue(VERIFIED, new Request('https://example.com/'));
  expect(session.user).toMatchObject({ role: 'admin', account: 'acct-100001', sub: VERIFIED.sub });
  const reserved = manager({ claims: () => ({ sub: 'someone-else' }) });
  await expect(reserved.issue(VERIFIED, new Request('https://example.com/'))).rejects.toThrow('the "claims" hook must not set "sub"');
});

test('refuses expired, foreign, mistyped and unsigned session cookies', async () => {
  const sessions = manager();
  const key = new TextEncoder().encode(SECRET);
  const base = { sub: VERIFIED.sub, jti: 'j-1', scope: 'openid' };
  const expired = await new SignJWT(base).setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' }).setIssuedAt(NOW_S - 1000).setExpirationTime(NOW_S - 100).sign(key);
  const foreign = await new SignJWT(base).setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' }).setIssuedAt().setExpirationTime('15m').sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));
  const mistyped = await new SignJWT(base).setProtectedHeader({ alg: 'HS256', typ: 'tlk-transaction+jwt' }).setIssuedAt().setExpirationTime('15m').sign(key);
  const valid = await new SignJWT(base).setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' }).setIssuedAt().setExpirationTime('15m').sign(key);
  const unsigned = `${valid.split('.').slice(0, 2).join('.')}.`;
  expect(await sessions.getSession(requestWith(`tlk_session=${valid}`))).not.toBeNull();
  for (const token of [expired, foreign, mistyped, unsigned, 'garbage']) {
    expect(await sessions.getSession(requestWith(`tlk_session=${token}`))).toBeNull();
  }
});

test('a revoked session is no longer read', async () => {
  const sessions = manager();
  const { cookie, session } = await sessions.issue(VERIFIED, new Request('https://example.com/'));
  await sessions.revoke(session);
  expect(await sessions.getSession(requestWith(cookie))).toBeNull();
});

test('clearCookie deletes the cookie with the same attributes', () => {
  expect(manager().clearCookie(new Request('https://example.com/'))).toBe('tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure');
});

test('the memory revocation store forgets revocations once the session has expired anyway, and is bounded', async () => {
  let now = NOW_S * 1000;
  const store = createMemoryRevocationStore({ max: 2, clock: () => now });
  await store.revoke('a', NOW_S + 60);
  expect(await store.isRevoked('a')).toBe(true);
  now += 60_000;
  expect(await store.isRevoked('a')).toBe(false);
  for (const jti of ['b', 'c', 'd']) await store.revoke(jti, NOW_S + 3600);
  expect([await store.isRevoked('b'), await store.isRevoked('c'), await store.isRevoked('d')]).toEqual([false, true, true]);
});

test('misuse: a short secret or a bad ttl is a TypeError', () => {
  expect(() => createSessionManager({ secret: 'short' })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: new Uint8Array(16) })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: SECRET, ttlSeconds: 0 })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: SECRET, cookieName: 'bad name' })).toThrow(TypeError);
});

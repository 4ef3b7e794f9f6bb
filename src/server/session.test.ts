import { hkdfSync } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from 'jose';
import type { TelegramIdTokenClaims } from '../types.js';
import { createSessionManager, type SessionManagerOptions } from './session.js';
import { createMemoryStore } from './stores/memory.js';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const NEW_SECRET = 'the-next-session-secret-of-32-characters!';
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

/** The session signing key as the docs describe it: HKDF-SHA-256 of the secret, info "telegram-login-kit session v1". */
function sessionKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(), 'telegram-login-kit session v1', 32));
}

function signSession(claims: JWTPayload, { secret = SECRET, typ = 'tlk-session+jwt', iat = NOW_S, exp = NOW_S + 900 } = {}) {
  return new SignJWT({ iss: 'telegram-login-kit', aud: 'telegram-login-kit', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(sessionKey(secret));
}

test('issues an HS256 session JWT with iss, aud, the Telegram identity and granted scopes', async () => {
  const { token, session } = await manager({ issuer: 'https://example.com', audience: '7700000001' }).issue(VERIFIED);
  expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'tlk-session+jwt' });
  const claims = decodeJwt(token);
  expect(claims).toEqual({
    iss: 'https://example.com',
    aud: '7700000001',
    sub: VERIFIED.sub,
    tg_id: 100001,
    name: 'Alice Anderson',
    preferred_username: 'alice',
    picture: 'https://t.me/i/userpic/alice.jpg',
    scope: 'openid profile',
    jti: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    iat: expect.any(Number),
    gen: '0',
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
  const { session: withPhone } = await manager().issue({ ...VERIFIED, phone_number: '15550100004' });
  expect(withPhone.user.scope).toBe('openid profile phone');
  const { id: _id, name: _name, preferred_username: _username, picture: _picture, ...openidOnly } = VERIFIED;
  const { session: bare } = await manager().issue(openidOnly);
  expect(bare.user).toEqual({ sub: VERIFIED.sub, scope: 'openid' });
});

test('secure by default: a __Host- cookie, Secure, host-only, Path=/; plain name and no Secure only when told the site is http', async () => {
  const secure = (await manager({ ttlSeconds: 1200 }).issue(VERIFIED)).cookie;
  expect(secure.startsWith('__Host-tlk_session=')).toBe(true);
  expect(attributesOf(secure)).toEqual(['HttpOnly', 'Max-Age=1200', 'Path=/', 'SameSite=Lax', 'Secure']);
  expect(secure).not.toMatch(/Domain=/i);
  const local = (await manager({ secure: false }).issue(VERIFIED)).cookie;
  expect(local.startsWith('tlk_session=')).toBe(true);
  expect(attributesOf(local)).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/', 'SameSite=Lax']);
});

test('reads the session back from the cookie', async () => {
  const sessions = manager({ cookieName: 'sid' });
  const { cookie, session } = await sessions.issue(VERIFIED);
  // On https a custom name keeps the __Host- protection: the prefix is added.
  expect(cookie.startsWith('__Host-sid=')).toBe(true);
  expect(sessions.cookieName).toBe('__Host-sid');
  const request = new Request('https://example.com/', { headers: { Cookie: `other=1; ${cookie.split(';')[0]}; last=2` } });
  expect(await sessions.getSession(request)).toEqual(session);
  expect(await sessions.getSession(new Request('https://example.com/'))).toBeNull();
});

test('adds custom claims from the claims hook, and refuses reserved ones', async () => {
  const sessions = manager({ claims: async (verified) => ({ role: 'admin', account: `acct-${verified.id}` }) });
  const { session } = await sessions.issue(VERIFIED);
  expect(session.user).toMatchObject({ role: 'admin', account: 'acct-100001', sub: VERIFIED.sub });
  for (const claim of ['sub', 'iss', 'aud', 'gen']) {
    await expect(manager({ claims: () => ({ [claim]: 'x' }) }).issue(VERIFIED)).rejects.toThrow(`the "claims" hook must not set "${claim}"`);
  }
});

test('refuses expired, foreign, mistyped and unsigned session cookies', async () => {
  const sessions = manager({ secure: false });
  const base = { sub: VERIFIED.sub, jti: 'j-1', scope: 'openid' };
  const valid = await signSession(base);
  const expired = await signSession(base, { iat: NOW_S - 1000, exp: NOW_S - 100 });
  const foreign = await signSession(base, { secret: 'another-secret-of-at-least-32-characters' });
  const mistyped = await signSession(base, { typ: 'tlk-transaction+jwt' });
  const unsigned = `${valid.split('.').slice(0, 2).join('.')}.`;
  expect(await sessions.getSession(requestWith(`tlk_session=${valid}`))).not.toBeNull();
  for (const token of [expired, foreign, mistyped, unsigned, 'garbage']) {
    expect(await sessions.getSession(requestWith(`tlk_session=${token}`))).toBeNull();
  }
});

test('another app that shares the secret cannot pass its sessions off: iss and aud are checked', async () => {
  const ours = manager({ secure: false, issuer: 'https://shop.example', audience: '7700000001' });
  const theirs = manager({ secure: false, issuer: 'https://blog.example', audience: '7700000001' });
  const otherBot = manager({ secure: false, issuer: 'https://shop.example', audience: '7700000002' });
  const { cookie } = await ours.issue(VERIFIED);
  expect(await ours.getSession(requestWith(cookie))).not.toBeNull();
  expect(await theirs.getSession(requestWith(cookie))).toBeNull();
  expect(await otherBot.getSession(requestWith(cookie))).toBeNull();
  const noClaims = await new SignJWT({ sub: VERIFIED.sub, jti: 'j' }).setProtectedHeader({ alg: 'HS256', typ: 'tlk-session+jwt' }).setIssuedAt().setExpirationTime('5m').sign(sessionKey(SECRET));
  expect(await ours.getSession(requestWith(`tlk_session=${noClaims}`))).toBeNull();
});

test('rotates secrets: the first signs, every one in the list is accepted, a dropped one no longer is', async () => {
  const before = manager({ secure: false });
  const during = manager({ secure: false, secret: [NEW_SECRET, SECRET] });
  const after = manager({ secure: false, secret: NEW_SECRET });
  const old = (await before.issue(VERIFIED)).cookie;
  const fresh = (await during.issue(VERIFIED)).cookie;
  expect(await during.getSession(requestWith(old))).not.toBeNull();
  expect(await after.getSession(requestWith(fresh))).not.toBeNull();
  expect(await before.getSession(requestWith(fresh))).toBeNull();
  expect(await after.getSession(requestWith(old))).toBeNull();
});

test('a revoked session is no longer read', async () => {
  const sessions = manager();
  const { cookie, session } = await sessions.issue(VERIFIED);
  await sessions.revoke(session);
  expect(await sessions.getSession(requestWith(cookie))).toBeNull();
});

test('a revocation is never forgotten early: past the store bound, logouts fail loudly instead', async () => {
  // The attack: many login+logout cycles used to push the first revocation out of a bounded store.
  const store = createMemoryStore({ maxEntries: 50 });
  const sessions = manager({ store });
  const first = await sessions.issue(VERIFIED);
  await sessions.revoke(first.session);
  let refused = 0;
  for (let cycle = 0; cycle < 200; cycle++) {
    const { session } = await sessions.issue({ ...VERIFIED, sub: `user-${cycle}` });
    await sessions.revoke(session).catch((error: { code?: string }) => {
      expect(error.code).toBe('store_unavailable');
      refused += 1;
    });
  }
  expect(refused).toBe(151);
  expect(await sessions.getSession(requestWith(first.cookie))).toBeNull();
});

test('revokeUser ends every earlier session of that user, not the next login nor other users', async () => {
  const sessions = manager();
  const a1 = await sessions.issue(VERIFIED);
  const a2 = await sessions.issue(VERIFIED);
  const bob = await sessions.issue({ ...VERIFIED, sub: 'bob-sub' });
  await sessions.revokeUser(VERIFIED.sub);
  const a3 = await sessions.issue(VERIFIED);
  expect(await sessions.getSession(requestWith(a1.cookie))).toBeNull();
  expect(await sessions.getSession(requestWith(a2.cookie))).toBeNull();
  expect(await sessions.getSession(requestWith(a3.cookie))).not.toBeNull();
  expect(await sessions.getSession(requestWith(bob.cookie))).not.toBeNull();
  await expect(sessions.revokeUser('')).rejects.toThrow(TypeError);
});

test('revokeUser on one instance ends the user\'s sessions on another that shares the store, whatever their clocks', async () => {
  // Generations are random values, not times: nothing here depends on two servers' clocks agreeing.
  const store = createMemoryStore();
  const [a, b] = [manager({ store }), manager({ store })];
  const onB = await b.issue(VERIFIED);
  await a.revokeUser(VERIFIED.sub);
  expect(await b.getSession(requestWith(onB.cookie))).toBeNull();
  const fresh = await b.issue(VERIFIED);
  expect(decodeJwt(fresh.token).gen).not.toBe('0');
  expect(await a.getSession(requestWith(fresh.cookie))).not.toBeNull();
});

test('a re-login revokes the session cookie it replaces', async () => {
  const sessions = manager();
  const first = await sessions.issue(VERIFIED);
  const second = await sessions.issue(VERIFIED, requestWith(first.cookie));
  expect(await sessions.getSession(requestWith(first.cookie))).toBeNull();
  expect(await sessions.getSession(requestWith(second.cookie))).not.toBeNull();
});

test('clearCookie deletes the cookie with the same attributes', () => {
  expect(manager().clearCookie()).toBe('__Host-tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0; Secure');
  expect(manager({ secure: false }).clearCookie()).toBe('tlk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0');
});

test('misuse: bad secrets, ttl, cookie names and claims options are TypeErrors that say what they got', () => {
  expect(() => createSessionManager({ secret: 'short' })).toThrow('"secret" must be at least 32 characters or bytes, got a string of 5 characters');
  expect(() => createSessionManager({ secret: new Uint8Array(16) })).toThrow('got 16 bytes');
  expect(() => createSessionManager({ secret: [] })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: [SECRET, 'short'] })).toThrow('"secret[1]"');
  expect(() => createSessionManager({ secret: SECRET, ttlSeconds: 0 })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: SECRET, cookieName: 'bad name' })).toThrow(TypeError);
  expect(() => createSessionManager({ secret: SECRET, secure: false, cookieName: '__Host-sid' })).toThrow('only over https');
  expect(() => createSessionManager({ secret: SECRET, cookieName: '__Secure-sid' })).toThrow('write "__Host-sid" or a plain name');
  expect(() => createSessionManager({ secret: SECRET, cookieName: '__host-sid' })).toThrow('exact "__Host-" prefix');
  expect(() => createSessionManager({ secret: SECRET, audience: '' })).toThrow(TypeError);
});

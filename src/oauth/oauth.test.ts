import { expect, test } from '@playwright/test';
import { buildAuthorizationUrl } from './authorization-url.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { createExpiringMap, ExpiringMapFullError } from './expiring-map.js';
import { escapeHtml } from './html.js';
import { decodeJwtPayload } from './jwt.js';
import { pkceChallenge } from './pkce.js';
import { randomToken } from './random.js';

test('base64url round-trips every byte value, without padding', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
  const text = encodeBase64Url(bytes);
  expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeBase64Url(text)).toEqual(bytes);
  expect(encodeBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
});

test('base64url refuses text that is not base64url', () => {
  for (const bad of ['a+b', 'a/b', 'ab==', 'a', 'ñ']) expect(() => decodeBase64Url(bad), bad).toThrow(TypeError);
});

test('randomToken gives URL-safe strings of the requested entropy, different every time', () => {
  const tokens = new Set(Array.from({ length: 200 }, () => randomToken()));
  expect(tokens.size).toBe(200);
  for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
});

test('pkceChallenge matches RFC 7636 appendix B', async () => {
  expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('buildAuthorizationUrl sends every code-flow parameter, and nonce and lang only when given', () => {
  const base = { endpoint: 'https://oauth.telegram.org/auth', clientId: '42', redirectUri: 'https://a.example/cb?x=1', scope: 'openid profile', state: 's', codeChallenge: 'c' };
  const url = new URL(buildAuthorizationUrl(base));
  expect(url.origin + url.pathname).toBe('https://oauth.telegram.org/auth');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: '42',
    redirect_uri: 'https://a.example/cb?x=1',
    scope: 'openid profile',
    state: 's',
    code_challenge: 'c',
    code_challenge_method: 'S256',
  });
  const full = new URL(buildAuthorizationUrl({ ...base, nonce: 'n', lang: 'ru' }));
  expect(full.searchParams.get('nonce')).toBe('n');
  expect(full.searchParams.get('lang')).toBe('ru');
});

test('decodeJwtPayload decodes UTF-8 names that atob would garble', () => {
  const payload = { name: 'Дмитрий 🚀', id: 1 };
  const part = encodeBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
  expect(decodeJwtPayload(`eyJhbGciOiJub25lIn0.${part}.sig`)).toEqual(payload);
});

test('decodeJwtPayload refuses what is not a JWT with an object payload', () => {
  const array = encodeBase64Url(new TextEncoder().encode('[1]'));
  for (const bad of ['', 'a.b', 'a.b.c.d', `x.${array}.y`, 'x.!!.y', 'x.bm90IGpzb24.y']) {
    expect(() => decodeJwtPayload(bad), bad).toThrow();
  }
});

test('escapeHtml escapes the five characters that matter', () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
});

test('an expiring map forgets entries at their expiry and takes each once', () => {
  let now = 1_000;
  const map = createExpiringMap<string>({ max: 10, whenFull: 'refuse', clock: () => now });
  map.set('a', 'A', 2_000);
  expect(map.add('a', 'other', 5_000)).toBe(false);
  expect(map.get('a')).toBe('A');
  expect(map.expiresIn('a')).toBe(1_000);
  expect(map.take('a')).toBe('A');
  expect(map.take('a')).toBeUndefined();
  map.set('b', 'B', 2_000);
  now = 2_000;
  expect(map.get('b')).toBeUndefined();
  expect(map.add('b', 'again', 3_000)).toBe(true);
});

test('an expiring map that is far from full still lets go of expired entries as it is written to', () => {
  let now = 0;
  const map = createExpiringMap<number>({ max: 1000, whenFull: 'refuse', clock: () => now });
  for (let index = 0; index < 100; index++) map.add(`short-${index}`, index, 500);
  map.add('long', 1, 60_000);
  expect(map.size).toBe(101);
  now = 600;
  map.add('early', 1, 60_000);
  // Less than a second since the last sweep: nothing scanned yet.
  expect(map.size).toBe(102);
  now = 1_200;
  map.add('later', 1, 60_000);
  expect(map.size).toBe(3);
  expect([map.get('long'), map.get('early'), map.get('later'), map.get('short-0')]).toEqual([1, 1, 1, undefined]);
});

test('a full expiring map that refuses forgets nothing live, and makes room from expired entries', () => {
  let now = 0;
  const map = createExpiringMap<number>({ max: 3, whenFull: 'refuse', clock: () => now });
  map.set('short', 1, 10);
  map.set('long1', 2, 1_000);
  map.set('long2', 3, 1_000);
  expect(() => map.add('new', 4, 1_000)).toThrow(ExpiringMapFullError);
  map.set('long1', 5, 1_000); // overwriting never fails
  now = 10;
  expect(map.add('new', 4, 1_000)).toBe(true);
  expect([map.get('long1'), map.get('long2'), map.get('new')]).toEqual([5, 3, 4]);
});

test('a full expiring map that evicts forgets its oldest entries first', () => {
  const map = createExpiringMap<number>({ max: 2, whenFull: 'evict-oldest', clock: () => 0 });
  map.set('a', 1, 100);
  map.set('b', 2, 100);
  map.set('c', 3, 100);
  expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([undefined, 2, 3, 2]);
});

import { expect, test } from '@playwright/test';
import { checkCookieName, readCookie } from './cookies.js';

const withCookie = (header: string) => new Request('https://app.example/', { headers: { Cookie: header } });

test('reads the cookie of exactly that name, trimming only spaces and tabs', () => {
  expect(readCookie(withCookie('a=1; __Host-tlk_session=s3ssion; b=2'), '__Host-tlk_session')).toBe('s3ssion');
  expect(readCookie(withCookie('a=1;\t__Host-tlk_session=v ; b=2'), '__Host-tlk_session')).toBe('v');
  expect(readCookie(withCookie('a=1'), '__Host-tlk_session')).toBeUndefined();
  expect(readCookie(new Request('https://app.example/'), '__Host-tlk_session')).toBeUndefined();
});

test('a name that matches only after wider trimming, another case, or twice is ambiguous: no cookie', () => {
  // A sibling subdomain may set "\u00a0__Host-tlk_session" (to a browser it is no __Host- cookie) with a
  // narrower path, so the browser sends it first: it must not pass for the real one.
  for (const space of ['\u00a0', '\v', '\f']) {
    expect(readCookie(withCookie(`${space}__Host-tlk_session=attacker; __Host-tlk_session=victim`), '__Host-tlk_session'), JSON.stringify(space)).toBeUndefined();
  }
  expect(readCookie(withCookie('__host-tlk_session=attacker; __Host-tlk_session=victim'), '__Host-tlk_session')).toBeUndefined();
  expect(readCookie(withCookie('tlk_session=attacker; tlk_session=victim'), 'tlk_session')).toBeUndefined();
  // Unrelated names that merely contain the name are no concern.
  expect(readCookie(withCookie('x__Host-tlk_session=1; __Host-tlk_session=victim'), '__Host-tlk_session')).toBe('victim');
});

test('on https every name carries the exact __Host- prefix; on loopback http none may', () => {
  expect(checkCookieName('sid', true)).toBe('__Host-sid');
  expect(checkCookieName('__Host-sid', true)).toBe('__Host-sid');
  expect(() => checkCookieName('__Secure-sid', true)).toThrow(TypeError);
  expect(() => checkCookieName('__HOST-sid', true)).toThrow(TypeError);
  expect(checkCookieName('sid', false)).toBe('sid');
  expect(() => checkCookieName('__Host-sid', false)).toThrow(TypeError);
  expect(() => checkCookieName('bad name', true)).toThrow(TypeError);
});

import { expect, test } from '@playwright/test';
import { isAllowedOrigin, isAllowedRedirect, parseAllowedUrl } from './allowed-urls.js';

/** Which of `urls` the entries allow, for the library flow (origin) and the code flow (redirect). */
function allowedBy(entries: string[], urls: string[]) {
  const allowed = entries.map(parseAllowedUrl);
  return {
    origins: urls.filter((url) => isAllowedOrigin(new URL(url), allowed)),
    redirects: urls.filter((url) => isAllowedRedirect(new URL(url), allowed)),
  };
}

test.describe('parseAllowedUrl', () => {
  test('reads an origin-only entry with its default port', () => {
    expect(parseAllowedUrl('https://example.com')).toEqual({
      entry: 'https://example.com',
      protocol: 'https:',
      hostname: 'example.com',
      port: '443',
      prefix: false,
    });
    expect(parseAllowedUrl('http://example.com/')).toMatchObject({ protocol: 'http:', port: '80', prefix: false });
    expect(parseAllowedUrl('http://example.com/')).not.toHaveProperty('path');
  });

  test('reads an exact path, a wildcard port and a wildcard path', () => {
    expect(parseAllowedUrl('https://example.com:8443/auth/callback')).toMatchObject({
      port: '8443',
      path: '/auth/callback',
      prefix: false,
    });
    expect(parseAllowedUrl('http://localhost:*/*')).toMatchObject({ hostname: 'localhost', port: '*', path: '/', prefix: true });
    expect(parseAllowedUrl('https://example.com/app/*')).toMatchObject({ path: '/app/', prefix: true });
  });

  test('lower-cases the scheme and host', () => {
    expect(parseAllowedUrl('HTTPS://Example.COM/Callback')).toMatchObject({
      protocol: 'https:',
      hostname: 'example.com',
      path: '/Callback',
    });
  });

  test('throws a TypeError for an entry that is not an http(s) origin or URL', () => {
    for (const entry of [
      '',
      'example.com',
      '//example.com',
      'ftp://example.com',
      'javascript:alert(1)',
      'https://',
      'https://example.com:abc',
      'https://example.com:99999',
      'https://example.com/callback#fragment',
      'https://exa mple.com',
      'https://example.com?x=1',
      'https://user@example.com',
    ]) {
      expect(() => parseAllowedUrl(entry), entry).toThrow(TypeError);
    }
  });
});

test.describe('isAllowedOrigin (library flow)', () => {
  test('an origin-only entry allows every page on that origin', () => {
    const urls = ['https://example.com/', 'https://example.com/deep/page?x=1', 'https://example.com:443/a'];
    expect(allowedBy(['https://example.com'], urls).origins).toEqual(urls);
  });

  test('an entry with a path also allows its origin', () => {
    expect(allowedBy(['https://example.com/auth/callback'], ['https://example.com/other']).origins).toEqual(['https://example.com/other']);
  });

  test('needs the same scheme, host and port', () => {
    const urls = ['http://example.com/', 'https://example.com:8443/', 'https://sub.example.com/', 'https://example.com.evil.test/'];
    expect(allowedBy(['https://example.com'], urls).origins).toEqual([]);
  });

  test('treats an explicit default port like none', () => {
    expect(allowedBy(['https://example.com:443'], ['https://example.com/']).origins).toEqual(['https://example.com/']);
    expect(allowedBy(['http://example.com'], ['http://example.com:80/']).origins).toEqual(['http://example.com:80/']);
  });

  test('a * port matches every port, the default one included', () => {
    const urls = ['http://localhost/', 'http://localhost:5173/', 'http://localhost:65535/x'];
    expect(allowedBy(['http://localhost:*'], urls).origins).toEqual(urls);
    expect(allowedBy(['http://localhost:*'], ['https://localhost:5173/', 'http://127.0.0.1:5173/']).origins).toEqual([]);
  });

  test('matches an IPv6 literal host', () => {
    expect(allowedBy(['http://[::1]:*'], ['http://[::1]:3000/']).origins).toEqual(['http://[::1]:3000/']);
  });
});

test.describe('isAllowedRedirect (code flow)', () => {
  test('an origin-only entry allows no redirect URI', () => {
    expect(allowedBy(['https://example.com'], ['https://example.com/', 'https://example.com/callback']).redirects).toEqual([]);
  });

  test('an exact entry allows only that path and query', () => {
    const urls = [
      'https://example.com/auth/callback',
      'https://example.com/auth/callback/',
      'https://example.com/auth/callback/more',
      'https://example.com/auth/callback?x=1',
      'https://example.com/auth/Callback',
      'http://example.com/auth/callback',
      'https://example.com:8443/auth/callback',
    ];
    expect(allowedBy(['https://example.com/auth/callback'], urls).redirects).toEqual(['https://example.com/auth/callback']);
    expect(allowedBy(['https://example.com/cb?tenant=a'], ['https://example.com/cb?tenant=a', 'https://example.com/cb?tenant=b']).redirects).toEqual([
      'https://example.com/cb?tenant=a',
    ]);
  });

  test('a * path allows every path that starts with the prefix', () => {
    const urls = ['https://example.com/app/', 'https://example.com/app/cb?x=1', 'https://example.com/apple', 'https://example.com/'];
    expect(allowedBy(['https://example.com/app/*'], urls).redirects).toEqual(['https://example.com/app/', 'https://example.com/app/cb?x=1']);
  });

  test('the default client entries allow any path on localhost and 127.0.0.1, over http only', () => {
    const urls = ['http://localhost:5173/callback', 'http://127.0.0.1:8080/', 'http://localhost/x', 'https://localhost:5173/callback', 'http://localhost.evil.test/'];
    expect(allowedBy(['http://localhost:*/*', 'http://127.0.0.1:*/*'], urls).redirects).toEqual([
      'http://localhost:5173/callback',
      'http://127.0.0.1:8080/',
      'http://localhost/x',
    ]);
  });

  test('matches non-ASCII hosts and paths the way browsers send them', () => {
    const url = 'https://bücher.example/rückruf';
    expect(allowedBy(['https://bücher.example/rückruf'], [url])).toEqual({ origins: [url], redirects: [url] });
  });
});

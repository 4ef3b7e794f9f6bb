import { buildAuthorizationUrl } from '../src/oauth/authorization-url.js';
import { pkceChallenge } from '../src/oauth/pkce.js';
import { randomToken } from '../src/oauth/random.js';
import type { MockTelegram } from '../src/mock/index.js';
import { expect, test, verifyIdToken } from './fixtures.js';

/** The Authorization Code + PKCE flow against the mock, as a site's browser and server would run it. */

/** The /auth URL the site sends the browser to, for the mock's default client. */
function authorizationUrl(mock: MockTelegram, params: { redirectUri: string; scope: string; state: string; codeChallenge: string; nonce?: string }): string {
  return buildAuthorizationUrl({ endpoint: mock.authorizationEndpoint, clientId: mock.defaultClient.id, ...params });
}

/** What the site's server does with the code: POST /token with its secret (client_secret_basic). */
function redeem(mock: MockTelegram, form: { code: string; redirectUri: string; codeVerifier: string }): Promise<Response> {
  return fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${mock.defaultClient.id}:${mock.defaultClient.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: form.code, redirect_uri: form.redirectUri, code_verifier: form.codeVerifier }),
  });
}

test('completes a code login with PKCE through a full-page redirect and the token endpoint', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title><p>Back on the site</p>');
  const codeVerifier = randomToken();
  const state = randomToken(16);
  await page.goto(
    authorizationUrl(mock, { redirectUri: callback, scope: 'openid profile phone', state, nonce: 'code-flow-nonce', codeChallenge: await pkceChallenge(codeVerifier) }),
  );
  await expect(page.getByText('Your phone number')).toBeVisible();
  await page.getByRole('radio', { name: /Carol/ }).check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  await expect(page.getByText('Back on the site')).toBeVisible();

  const returned = new URL(page.url()).searchParams;
  expect(returned.get('state')).toBe(state);
  const code = returned.get('code')!;

  const response = await redeem(mock, { code, redirectUri: callback, codeVerifier });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { id_token: string; token_type: string; expires_in: number };
  expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  const claims = await verifyIdToken(mock, tokens.id_token);
  expect(claims).toMatchObject({ id: 100004, phone_number: '15550100004', phone_number_verified: true, nonce: 'code-flow-nonce' });

  // The code is single use.
  expect(await (await redeem(mock, { code, redirectUri: callback, codeVerifier })).json()).toMatchObject({ error: 'invalid_grant' });
});

test('a user who unticks the phone number logs in without phone_number', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title>');
  const codeVerifier = randomToken();
  await page.goto(authorizationUrl(mock, { redirectUri: callback, scope: 'openid profile phone', state: 'st-phone', codeChallenge: await pkceChallenge(codeVerifier) }));
  const share = page.getByRole('checkbox', { name: 'Your phone number' });
  await expect(share).toBeChecked();
  await share.uncheck();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  const response = await redeem(mock, { code: new URL(page.url()).searchParams.get('code')!, redirectUri: callback, codeVerifier });
  const claims = await verifyIdToken(mock, ((await response.json()) as { id_token: string }).id_token);
  expect(claims).toMatchObject({ id: 100001, name: 'Alice Anderson' });
  expect(claims).not.toHaveProperty('phone_number');
});

test('redirects back with error=access_denied and the state when the user denies', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title>');
  await page.goto(authorizationUrl(mock, { redirectUri: callback, scope: 'openid profile', state: 'st-1', codeChallenge: await pkceChallenge(randomToken()) }));
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  const returned = new URL(page.url()).searchParams;
  expect(returned.get('error')).toBe('access_denied');
  expect(returned.get('state')).toBe('st-1');
  expect(returned.get('code')).toBeNull();
});

test('shows an error page instead of redirecting to a redirect_uri the bot does not allow', async ({ page, mock }) => {
  const response = await page.goto(
    authorizationUrl(mock, { redirectUri: 'https://evil.example/callback', scope: 'openid', state: 's', codeChallenge: await pkceChallenge(randomToken()) }),
  );
  expect(response!.status()).toBe(400);
  expect(new URL(page.url()).origin).toBe(mock.issuer);
  await expect(page.getByText('is not in the bot\'s Allowed URLs')).toBeVisible();
});

import { createHash, randomBytes } from 'node:crypto';
import { expect, test, verifyIdToken } from './fixtures.js';

/** The Authorization Code + PKCE flow against the mock, as a site's browser and server would run it. */

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

test('completes a code login with PKCE through a full-page redirect and the token endpoint', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title><p>Back on the site</p>');
  const { verifier, challenge } = pkce();
  const state = randomBytes(16).toString('base64url');
  const auth = new URL(mock.authorizationEndpoint);
  auth.search = new URLSearchParams({
    response_type: 'code',
    client_id: mock.defaultClient.id,
    redirect_uri: callback,
    scope: 'openid profile phone',
    state,
    nonce: 'code-flow-nonce',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();

  await page.goto(auth.href);
  await expect(page.getByText('Your phone number')).toBeVisible();
  await page.getByRole('radio', { name: /Carol/ }).check();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  await expect(page.getByText('Back on the site')).toBeVisible();

  const returned = new URL(page.url()).searchParams;
  expect(returned.get('state')).toBe(state);
  const code = returned.get('code')!;

  // The site's server exchanges the code with its secret (client_secret_basic).
  const exchange = (codeVerifier: string) =>
    fetch(mock.tokenEndpoint, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${mock.defaultClient.id}:${mock.defaultClient.secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callback, code_verifier: codeVerifier }),
    });
  const response = await exchange(verifier);
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { id_token: string; token_type: string; expires_in: number };
  expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  const claims = await verifyIdToken(mock, tokens.id_token);
  expect(claims).toMatchObject({ id: 100004, phone_number: '15550100004', phone_number_verified: true, nonce: 'code-flow-nonce' });

  // The code is single use.
  expect(await (await exchange(verifier)).json()).toMatchObject({ error: 'invalid_grant' });
});

test('a user who unticks the phone number logs in without phone_number', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title>');
  await page.goto(
    `${mock.authorizationEndpoint}?${new URLSearchParams({
      response_type: 'code',
      client_id: mock.defaultClient.id,
      redirect_uri: callback,
      scope: 'openid profile phone',
      state: 'st-phone',
    })}`,
  );
  const share = page.getByRole('checkbox', { name: 'Your phone number' });
  await expect(share).toBeChecked();
  await share.uncheck();
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  const response = await fetch(mock.tokenEndpoint, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${mock.defaultClient.id}:${mock.defaultClient.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: new URL(page.url()).searchParams.get('code')!, redirect_uri: callback }),
  });
  const claims = await verifyIdToken(mock, ((await response.json()) as { id_token: string }).id_token);
  expect(claims).toMatchObject({ id: 100001, name: 'Alice Anderson' });
  expect(claims).not.toHaveProperty('phone_number');
});

test('redirects back with error=access_denied and the state when the user denies', async ({ page, site, mock }) => {
  const callback = site.page('/auth/callback', '<!doctype html><title>Callback</title>');
  const { challenge } = pkce();
  await page.goto(
    `${mock.authorizationEndpoint}?${new URLSearchParams({
      response_type: 'code',
      client_id: mock.defaultClient.id,
      redirect_uri: callback,
      scope: 'openid profile',
      state: 'st-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`,
  );
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  const returned = new URL(page.url()).searchParams;
  expect(returned.get('error')).toBe('access_denied');
  expect(returned.get('state')).toBe('st-1');
  expect(returned.get('code')).toBeNull();
});

test('shows an error page instead of redirecting to a redirect_uri the bot does not allow', async ({ page, mock }) => {
  const response = await page.goto(
    `${mock.authorizationEndpoint}?${new URLSearchParams({
      response_type: 'code',
      client_id: mock.defaultClient.id,
      redirect_uri: 'https://evil.example/callback',
      scope: 'openid',
      state: 's',
    })}`,
  );
  expect(response!.status()).toBe(400);
  expect(new URL(page.url()).origin).toBe(mock.issuer);
  await expect(page.getByText('is not in the bot\'s Allowed URLs')).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { checkControlCommand } from './control.js';
import { createRegistry } from './options.js';
import { startMockTelegram } from './server.js';
import {
  clock,
  control,
  errorOf,
  expectOAuthError,
  mock,
  useMock,
} from './test-fixtures.js';

useMock();

test.describe('control endpoint', () => {
  test('the control endpoint refuses invalid JSON and unknown fields, and the mock keeps answering', async () => {
    const post = (body: string) =>
      fetch(`${mock.issuer}/__mock/control`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await expectOAuthError(await post('{not json'), 400, 'invalid_request');
    await expectOAuthError(await post('{"explode":true}'), 400, 'invalid_request');
    await expectOAuthError(await post('{"delay":null}'), 400, 'invalid_request');
    await expectOAuthError(await post('{"rotateKeys":"x"}'), 400, 'invalid_request');
    expect((await fetch(`${mock.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  test('the control endpoint does not exist unless enabled', async () => {
    const plain = await startMockTelegram({ port: 0, clock });
    try {
      const res = await fetch(`${plain.issuer}/__mock/control`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ autoConsent: true }),
      });
      await expectOAuthError(res, 404, 'not_found');
      expect((await fetch(`${plain.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});

test.describe('failure injection', () => {
  test.afterEach(async () => {
    await control({ reset: true });
  });

  test('fail with times 1 fails exactly one request', async () => {
    await control({ fail: { path: '/js/telegram-login.js', status: 404, times: 1 } });
    expect((await fetch(`${mock.libraryUrl}?22`)).status).toBe(404);
    const second = await fetch(mock.libraryUrl);
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  test('delay holds a request for the given time', async () => {
    await control({ delay: { path: '/.well-known/jwks.json', ms: 300, times: 1 } });
    const started = performance.now();
    const res = await fetch(mock.jwksUri);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });
});

test.describe('checkControlCommand on its own', () => {
  const registry = createRegistry({});

  test('fills in defaults: a token error is 400, a delay or failure lasts until reset', () => {
    expect(checkControlCommand({ tokenError: { error: 'invalid_grant' }, fail: { path: '/token', status: 503 } }, registry)).toEqual({
      reset: false,
      tokenError: { error: 'invalid_grant', status: 400 },
      fail: { path: '/token', status: 503, times: Number.POSITIVE_INFINITY },
    });
  });

  test('checks the bot side\'s fields with the rest: a block names the default bot, a delay lasts until reset', () => {
    expect(checkControlCommand({ reset: true, webhookDelay: { ms: 5 }, blockBot: { userId: 100003 } }, registry)).toEqual({
      reset: true,
      bot: { webhookDelay: { ms: 5, times: Number.POSITIVE_INFINITY }, blockBot: { userId: 100003, bot: registry.bots[0] } },
    });
    expect(checkControlCommand({ autoConsent: false }, registry)).not.toHaveProperty('bot');
  });

  test('refuses a whole command when one field is wrong, naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [null, 'a control command is an object'],
      [{ reset: true, explode: 1 }, 'unknown control field explode'],
      [{ reset: true, delay: { path: 'token', ms: 1 } }, '"path" must start with "/"'],
      [{ fail: { path: '/token', status: 200 } }, '"fail.status" must be 400 to 599'],
      [{ tokenError: { error: 'bad"quote' } }, '"tokenError.error" must be an OAuth error code'],
      [{ autoConsent: { userId: 1 } }, '"autoConsent" must be true, false or { userId } of a mock user'],
      [{ popupCloseDelay: -1 }, '"popupCloseDelay" must be 0 to 60000'],
      [{ autoConsent: true, botApiError: { error_code: 200 } }, '"botApiError.error_code" must be an HTTP error status such as 429 or 500, got 200'],
      [{ blockBot: { userId: 1 } }, '"blockBot.userId" must be the id of a mock user, got 1'],
      [{ unblockBot: { userId: 100001, bot: 'NoSuchBot' } }, '"unblockBot.bot" must be the username of a mock bot, got "NoSuchBot"'],
      [{ webhookDelay: { ms: 1, times: 0 } }, '"webhookDelay.times" must be a positive integer, got 0'],
    ];
    for (const [command, message] of cases) {
      const error = await errorOf(() => checkControlCommand(command, registry));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe(message);
    }
  });

  test('a refused command changes nothing', async () => {
    await control({ autoConsent: true });
    await expect(mock.control({ reset: true, popupCloseDelay: -1 })).rejects.toThrow('"popupCloseDelay" must be 0 to 60000');
    // Still auto-consent: the reset in the refused command was not applied.
    expect((await fetch(`${mock.authorizationEndpoint}?response_type=code&client_id=7700000001&redirect_uri=http://localhost:1/cb&scope=openid`, { redirect: 'manual' })).status).toBe(302);
    await control({ reset: true });
  });

  test('a command refused for a bot-side field changes nothing on either side, and the reverse', async () => {
    await expect(mock.control({ autoConsent: true, blockBot: { userId: 1 } })).rejects.toThrow('"blockBot.userId" must be the id of a mock user, got 1');
    expect((await fetch(`${mock.authorizationEndpoint}?response_type=code&client_id=7700000001&redirect_uri=http://localhost:1/cb&scope=openid`, { redirect: 'manual' })).status).toBe(200);
    await expect(mock.control({ blockBot: { userId: 100001 }, popupCloseDelay: -1 })).rejects.toThrow('"popupCloseDelay" must be 0 to 60000');
    expect(mock.app.chat(100001, 'MockLoginBot').blocked).toBe(false);
    await control({ blockBot: { userId: 100001 } });
    expect(mock.app.chat(100001, 'MockLoginBot').blocked).toBe(true);
    await control({ reset: true });
    expect(mock.app.chat(100001, 'MockLoginBot').blocked).toBe(false);
  });
});

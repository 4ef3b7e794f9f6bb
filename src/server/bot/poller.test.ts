// auth.pollBotUpdates against the mock's real getUpdates: a login by long polling, updates that are
// not the kit's, and every way the loop ends: abort, a webhook in the way, a wrong token.
import { ALICE, makeHandler } from '../handler.test-support.js';
import { botOption, botSays, browser, call, expect, openAndStart, startSite, status, test } from '../bot-login.test-support.js';
import { createBotApiClient } from './api-client.js';
import type { BotApiUpdate } from './api-types.js';

test('a login by long polling; aborting ends the loop at once, mid-poll, and the handled updates are confirmed', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const controller = new AbortController();
  const others: BotApiUpdate[] = [];
  const polling = site.handler.pollBotUpdates({ signal: controller.signal, onUpdate: (update) => void others.push(update) });
  try {
    const page = browser();
    const started = (await (await call(site, '/bot/start', page, { body: {} })).json()) as { links: { https: string }; matchCode: string };
    await openAndStart(mock, ALICE, started.links.https);
    const waiting = status(site, page);
    await mock.app.press(ALICE, started.matchCode);
    expect(((await (await waiting).json()) as { status: string }).status).toBe('approved');
    await mock.app.send(ALICE, 'hello bot');
    await expect.poll(() => others.map((update) => update.message?.text)).toEqual(['hello bot']);
  } finally {
    const stopping = performance.now();
    controller.abort();
    await polling;
    // The loop was inside a 25 s getUpdates: it must not wait for it.
    expect(performance.now() - stopping).toBeLessThan(3_000);
    await site.stop();
  }
  const api = createBotApiClient({ token: mock.bots[0]!.token, apiRoot: mock.issuer });
  expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
});

test('a webhook in the way ends the loop with Telegram\'s 409, and a wrong token with 401', async ({ mock, site }) => {
  const error = await site.handler.pollBotUpdates({ timeoutSeconds: 1 }).catch((failure: unknown) => failure);
  expect(error).toMatchObject({ code: 'bot_api_failed', method: 'getUpdates', status: 409, reason: 'refused' });
  expect((error as Error).message).toMatch(/^Bot API getUpdates: 409 Conflict: can't use getUpdates method while webhook is active/);

  const wrong = makeHandler(mock, [], { bot: botOption(mock, { token: `${mock.bots[0]!.id}:AAwrong-token-wrong-token-wrong-token-xx` }) as never });
  const refused = await wrong.pollBotUpdates({ timeoutSeconds: 1 }).catch((failure: unknown) => failure);
  expect(refused).toMatchObject({ code: 'bot_api_failed', status: 401, description: 'Unauthorized' });
  expect((refused as Error).message).not.toContain('AAwrong');
});

test('an unreachable Bot API is retried with a warning, never a hang, and the abort still ends the loop at once', async ({ mock }) => {
  const handler = makeHandler(mock, [], { bot: botOption(mock, { apiRoot: 'http://127.0.0.1:9' }) as never });
  const warnings: string[] = [];
  const realWarn = console.warn;
  console.warn = (line: string) => void warnings.push(line);
  const controller = new AbortController();
  try {
    const polling = handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 1 });
    await expect.poll(() => warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/^telegram-login-kit: getUpdates failed, trying again in 1 s: Bot API getUpdates: could not reach http:\/\/127\.0\.0\.1:9 \(/);
    expect(warnings.join('\n')).not.toContain(mock.bots[0]!.token);
    const stopping = performance.now();
    controller.abort();
    await polling;
    expect(performance.now() - stopping).toBeLessThan(1_000);
  } finally {
    console.warn = realWarn;
  }
});

test('flood control on getUpdates is waited out, and the loop goes on', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const controller = new AbortController();
  const realWarn = console.warn;
  const warnings: string[] = [];
  console.warn = (line: string) => void warnings.push(line);
  await mock.control({ botApiError: { error_code: 429, retry_after: 1, method: 'getUpdates', times: 1 } });
  const polling = site.handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 1 });
  try {
    const page = browser();
    const started = (await (await call(site, '/bot/start', page, { body: {} })).json()) as { links: { https: string } };
    await openAndStart(mock, ALICE, started.links.https);
    await botSays(mock, ALICE, 'Log in to');
  } finally {
    controller.abort();
    await polling;
    console.warn = realWarn;
    await site.stop();
  }
  // The client waits out a retry_after of up to 5 s itself: the loop never saw the 429.
  expect(warnings).toEqual([]);
});

test('bad options are a TypeError naming them, and a handler without "bot" says what it needs', async ({ mock, site }) => {
  await expect(site.handler.pollBotUpdates({ timeoutSeconds: 60 })).rejects.toThrow('"timeoutSeconds" must be a whole number from 0 to 50, got 60');
  await expect(site.handler.pollBotUpdates({ signal: 'stop' as never })).rejects.toThrow('"signal" must be an AbortSignal');
  const oidcOnly = makeHandler(mock, []);
  await expect(oidcOnly.pollBotUpdates()).rejects.toThrow(`auth.pollBotUpdates() needs the handler's "bot" option: createTelegramAuthHandler({ bot: { token, username }, … })`);
  await expect(oidcOnly.handleBotUpdate({ update_id: 1 })).rejects.toThrow(/auth\.handleBotUpdate\(\) needs the handler's "bot" option/);
});

// auth.pollBotUpdates against the mock's real getUpdates: a login by long polling, updates that are
// not the kit's, every way the loop ends (abort, a webhook in the way, a wrong token), a Bot API that
// answers something the loop does not expect, a shutdown while an update is in hand and Telegram is
// slow, and the token in logs when the site gives the kit a fetch whose errors carry the URL.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createMemoryStore } from '../stores/memory.js';
import type { TelegramAuthStore } from '../stores/store.js';
import { ALICE, makeHandler } from '../handler.test-support.js';
import { BOT, botOption, botSays, browser, call, expect, openAndStart, startSite, status, test, updateReader } from '../bot-login.test-support.js';
import { createBotApiClient } from './api-client.js';
import type { BotApiUpdate } from './api-types.js';

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => (server.closeAllConnections(), new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/** Every console.error/console.warn argument while `body` runs, deep-inspected (causes included). */
async function capture<T>(body: (lines: string[]) => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const { error, warn } = console;
  console.error = (...args: unknown[]) => void lines.push(args.map((arg) => inspect(arg, { depth: 8 })).join(' '));
  console.warn = console.error;
  try {
    return { result: await body(lines), lines };
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

test('a getUpdates answer with a null entry does not crash the loop: the entry is skipped and polling goes on until the abort', async ({ mock }) => {
  // An impostor or a broken proxy in front of the Bot API: `{"ok":true,"result":[null, …]}`, then nothing new.
  const offsets: unknown[] = [];
  const api = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      offsets.push((JSON.parse(Buffer.concat(chunks).toString()) as { offset?: number }).offset);
      const first = offsets.length === 1;
      const result = first ? [null, 'junk', { update_id: 'x' }, { update_id: 7, my_chat_member: {} }] : offsets.length === 2 ? [null] : [];
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, result })), first ? 0 : 100);
    });
  });
  const site = await startSite(mock, { webhook: false, bot: { apiRoot: api.url } });
  const controller = new AbortController();
  const passedOn: unknown[] = [];
  try {
    const { result, lines } = await capture(async () => {
      let ended: string | undefined;
      const polling = site.handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 0, onUpdate: (update) => void passedOn.push(update.update_id) }).then(
        () => (ended = 'ended'),
        (error: unknown) => (ended = `rejected: ${String(error)}`),
      );
      // Either the loop asks for more updates (it went on), or it ended on its own (it crashed).
      await expect.poll(() => ended !== undefined || offsets.length >= 3, { timeout: 5_000 }).toBe(true);
      expect(ended).toBeUndefined();
      controller.abort();
      return polling;
    });
    expect(result).toBe('ended');
    // The real update was passed on and confirmed; the junk was skipped, with one warning for all of it.
    expect(passedOn).toEqual([7]);
    expect(offsets.slice(0, 3)).toEqual([undefined, 8, 8]);
    expect(lines).toEqual([inspect('telegram-login-kit: getUpdates answered null where an Update belongs; skipped (said once per poller): check "apiRoot"')]);
  } finally {
    controller.abort();
    await site.stop();
    await api.close();
  }
});

test('aborting the poller while it handles a login update and Telegram is slow ends the loop at once, as documented', async ({ mock }) => {
  // A memory store that says when the kit claims a request: right after it, the kit calls sendMessage.
  const store = createMemoryStore();
  let claimed!: () => void;
  const claimedNow = new Promise<void>((resolve) => (claimed = resolve));
  const watched: TelegramAuthStore = {
    ...store,
    add: async (key, value, ttl) => {
      const added = await store.add(key, value, ttl);
      if (key.startsWith('bot-claim:')) claimed();
      return added;
    },
  };
  const site = await startSite(mock, { webhook: false, options: { store: watched } });
  const controller = new AbortController();
  const token = mock.bots[0]!.token;
  try {
    const page = browser();
    const started = (await (await call(site, '/bot/start', page, { body: {} })).json()) as { links: { https: string }; matchCode: string };
    // Telegram holds the bot's sendMessage for 8 s (the kit's own timeout is 10 s).
    await mock.control({ delay: { path: `/bot${token}/sendMessage`, ms: 8_000, times: 1 } });
    const polling = site.handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 1 });
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    await claimedNow;
    const stopping = performance.now();
    controller.abort();
    const { lines } = await capture(() => polling);
    expect(performance.now() - stopping).toBeLessThan(2_000);
    // The abort was asked for: the abandoned sendMessage is not reported as a failure.
    expect(lines).toEqual([]);

    // The request is not left half done: the next poller takes Alice's next Start, and she logs in.
    // Telegram is quick again (the abort may have come before the held call even left).
    await mock.control({ reset: true });
    const again = new AbortController();
    const next = site.handler.pollBotUpdates({ signal: again.signal, timeoutSeconds: 1 });
    try {
      await mock.app.open(ALICE, started.links.https);
      await mock.app.press(ALICE, 'Start');
      await mock.app.waitForMessage(ALICE, BOT, (message) => message.buttons.length > 0);
      const waiting = status(site, page);
      await mock.app.press(ALICE, started.matchCode);
      expect(((await (await waiting).json()) as { status: string }).status).toBe('approved');
    } finally {
      again.abort();
      await next;
    }
  } finally {
    controller.abort();
    await site.stop();
  }
});

test('with node-fetch as the handler\'s fetch (its errors carry the URL), nothing the kit logs carries the bot token', async ({ mock }) => {
  const token = mock.bots[0]!.token;
  const closed = await serve(() => undefined);
  await closed.close();
  // node-fetch 2 (grammY's fetch on Node, so it is here with grammY) says "request to <url> failed"; it has no types.
  const nodeFetch = ((await import('node-fetch' as string)) as { default: typeof fetch }).default;
  const site = await startSite(mock, { webhook: false, options: { fetch: nodeFetch }, bot: { apiRoot: closed.url } });
  const next = updateReader(mock);
  try {
    const page = browser();
    const started = (await (await call(site, '/bot/start', page, { body: {} })).json()) as { links: { https: string } };
    await mock.app.open(ALICE, started.links.https);
    await mock.app.press(ALICE, 'Start');
    const update = await next();
    const controller = new AbortController();
    const { result, lines } = await capture(async (logged) => {
      const handled = await site.handler.handleBotUpdate(update);
      // The poller against the unreachable Bot API: it warns and retries until the abort.
      const polling = site.handler.pollBotUpdates({ signal: controller.signal, timeoutSeconds: 0 });
      await expect.poll(() => logged.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      controller.abort();
      await polling;
      await call(site, '/bot/cancel', page, { body: {} });
      return handled;
    });
    expect(result).toEqual({ handled: true, action: 'asked' });
    expect(lines.some((line) => line.includes('could not reach'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(token.split(':')[1]!);
  } finally {
    await site.stop();
  }
});

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

import { expect, test } from '@playwright/test';
import { DEFAULT_BOT } from './bots.js';
import { startMockTelegram, type MockTelegram } from '../server.js';
import type { BotApiUpdate } from './types.js';
import { createRuntime, getUpdates, pushUpdate } from './updates.js';

/** getUpdates: offsets, limits, long polling, allowed_updates and conflicts. */

const ALICE = 100001;
const BOB = 100003;
let mock: MockTelegram;

test.beforeEach(async () => {
  mock = await startMockTelegram({ control: true });
});
test.afterEach(async () => {
  await mock.stop();
});

type Answer = { ok: boolean; result?: any; error_code?: number; description?: string };

async function call(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
    ...(signal ? { signal } : {}),
  });
  return (await response.json()) as Answer;
}

async function updates(params: Record<string, unknown> = {}): Promise<BotApiUpdate[]> {
  const answer = await call('getUpdates', params);
  if (!answer.ok) throw new Error(answer.description);
  return answer.result as BotApiUpdate[];
}

test('a deep-link Start arrives as a /start message with the payload and a bot_command entity', async () => {
  await mock.app.open(ALICE, `https://t.me/${DEFAULT_BOT.username}?start=login-42_x`);
  await mock.app.press(ALICE, 'Start');
  const [update] = await updates();
  expect(update).toEqual({
    update_id: expect.any(Number),
    message: {
      message_id: 1,
      from: { id: ALICE, is_bot: false, first_name: 'Alice', last_name: 'Anderson', username: 'alice' },
      chat: { id: ALICE, type: 'private', first_name: 'Alice', last_name: 'Anderson', username: 'alice' },
      date: expect.any(Number),
      text: '/start login-42_x',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  });
});

test('updates stay until confirmed by a higher offset; a negative offset keeps only the last ones', async () => {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot'));
  await mock.app.press(ALICE, 'Start');
  for (const text of ['one', 'two', 'three']) await mock.app.send(ALICE, text);
  const all = await updates();
  expect(all.map((update) => update.message?.text)).toEqual(['/start', 'one', 'two', 'three']);
  expect(all.map((update) => update.update_id)).toEqual([0, 1, 2, 3].map((step) => all[0]!.update_id + step));
  expect(await updates()).toHaveLength(4);
  expect((await updates({ limit: 2 })).map((update) => update.message?.text)).toEqual(['/start', 'one']);
  expect((await updates({ offset: all[2]!.update_id })).map((update) => update.message?.text)).toEqual(['two', 'three']);
  expect((await updates({ offset: -1 })).map((update) => update.message?.text)).toEqual(['three']);
  expect(await updates({ offset: all[3]!.update_id + 1 })).toEqual([]);
});

test('a long poll answers as soon as an update arrives, and an empty one after its timeout', async () => {
  const poll = updates({ timeout: 30 });
  await mock.app.open(BOB, mock.deepLink('MockLoginBot', 'abc'));
  await mock.app.press(BOB, 'Start');
  expect((await poll).map((update) => update.message?.text)).toEqual(['/start abc']);
  const started = Date.now();
  expect(await updates({ offset: (await updates())[0]!.update_id + 1, timeout: 1 })).toEqual([]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
});

test('a second getUpdates ends the first with 409 Conflict, as Telegram allows one poller', async () => {
  // Called directly (no HTTP) so that the first poll is certainly held when the second arrives.
  const runtime = createRuntime(DEFAULT_BOT);
  const signal = new AbortController().signal;
  const first = getUpdates(runtime, { offset: undefined, limit: undefined, timeout: 30, allowedUpdates: undefined, signal });
  const second = getUpdates(runtime, { offset: undefined, limit: undefined, timeout: 0, allowedUpdates: undefined, signal });
  await expect(first).rejects.toMatchObject({ status: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
  expect(await second).toEqual([]);
  expect(runtime.poll).toBeUndefined();
});

test('a held long poll wakes the moment an update is queued', async () => {
  const runtime = createRuntime(DEFAULT_BOT);
  const poll = getUpdates(runtime, { offset: undefined, limit: undefined, timeout: 50, allowedUpdates: undefined, signal: new AbortController().signal });
  expect(runtime.poll).toBeDefined();
  const chat = { id: ALICE, type: 'private' as const, first_name: 'Alice' };
  pushUpdate(runtime, 'message', { message_id: 1, from: { id: ALICE, is_bot: false, first_name: 'Alice' }, chat, date: 0, text: 'wake up' });
  expect((await poll).map((update) => update.message?.text)).toEqual(['wake up']);
});

test('getUpdates is refused with 409 while a webhook is set, and works again after deleteWebhook', async () => {
  expect(await call('setWebhook', { url: 'http://127.0.0.1:9/hook' })).toEqual({ ok: true, result: true, description: 'Webhook was set' });
  expect(await call('getUpdates')).toEqual({
    ok: false,
    error_code: 409,
    description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  });
  expect(await call('deleteWebhook')).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
  expect(await call('deleteWebhook')).toEqual({ ok: true, result: true, description: 'Webhook is already deleted' });
  expect(await call('getUpdates')).toEqual({ ok: true, result: [] });
});

test('allowed_updates leaves out later updates of other kinds; an empty list means the defaults', async () => {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot'));
  await mock.app.press(ALICE, 'Start');
  expect(await updates({ allowed_updates: ['callback_query'] })).toHaveLength(1); // created before the filter
  const next = (await updates())[0]!.update_id + 1;
  await mock.app.send(ALICE, 'ignored');
  await mock.app.block(ALICE);
  expect(await updates({ offset: next })).toEqual([]);
  await mock.app.unblock(ALICE);
  const blockedAgain = await updates({ offset: next, allowed_updates: [] });
  expect(blockedAgain).toEqual([]);
  await mock.app.block(ALICE);
  const [update] = await updates({ offset: next });
  expect(update?.my_chat_member).toMatchObject({
    chat: { id: ALICE, type: 'private' },
    from: { id: ALICE },
    old_chat_member: { user: { id: DEFAULT_BOT.id, is_bot: true }, status: 'member' },
    new_chat_member: { user: { id: DEFAULT_BOT.id, is_bot: true }, status: 'kicked', until_date: 0 },
  });
});

test('getUpdates parameters of the wrong type get 400 Bad Request', async () => {
  expect(await call('getUpdates', { offset: 'soon' })).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: parameter "offset" must be of type Integer' });
  expect(await call('getUpdates', { allowed_updates: 42 })).toMatchObject({ error_code: 400, description: 'Bad Request: field "allowed_updates" must be an Array of String' });
  expect(await call('getUpdates', { allowed_updates: 'message' })).toMatchObject({ error_code: 400, description: "Bad Request: can't parse allowed updates JSON object" });
  expect(await call('getUpdates', { timeout: 1.5 })).toMatchObject({ error_code: 400 });
});

test('an aborted long poll leaves nothing behind: the next poll is not a conflict', async () => {
  const aborting = new AbortController();
  const abandoned = call('getUpdates', { timeout: 30 }, aborting.signal).catch((error: unknown) => error);
  aborting.abort();
  expect(await abandoned).toBeInstanceOf(Error);
  expect(await call('getUpdates', { timeout: 0 })).toEqual({ ok: true, result: [] });
});

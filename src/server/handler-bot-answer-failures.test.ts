// A button press decides only once Telegram has taken the kit's answer to it. These attack what that
// rule does when Telegram fails for a moment (the mock's injected 429 and 500 on answerCallbackQuery):
// the press must decide nothing, leave the user a question they can tap again, and never decide
// wrongly; and what it does to presses racing each other or arriving after the expiry.
import type { BotApiUpdate } from './bot/api-types.js';
import type { TelegramAuthHandler } from './handler.js';
import { ALICE, quietly } from './handler.test-support.js';
import { BOT, browser, expect, startLogin, startSite, status, test, updateReader, type BotSite, type Started } from './bot-login.test-support.js';
import type { MockTelegram } from '../mock/server.js';

const UNVERIFIED = { handled: true, refused: 'unverified', code: 'bot_update_rejected' };

/** Alice opens the link and presses Start, handled by the site; resolves once the question is asked. */
async function aliceStarts(mock: MockTelegram, handler: TelegramAuthHandler, next: () => Promise<BotApiUpdate>, started: Started): Promise<void> {
  await mock.app.open(ALICE, started.links.https);
  await mock.app.press(ALICE, 'Start');
  expect(await handler.handleBotUpdate(await next())).toEqual({ handled: true, action: 'asked' });
}

/** Alice taps `button` and the site handles that press (the Bot API's failures logged, not printed). */
async function aliceTaps(mock: MockTelegram, site: BotSite, next: () => Promise<BotApiUpdate>, button: string) {
  await mock.app.press(ALICE, button);
  const update = await next();
  const { result, logged } = await quietly(() => site.handler.handleBotUpdate(update));
  return { result, logged: logged.map(([line]) => line) };
}

const questionButtons = (mock: MockTelegram) => mock.app.messages(ALICE, BOT).filter((message) => message.from === 'bot' && message.buttons.length > 0);
const decisions = (site: BotSite) => site.events.filter((event) => ['bot_login_approved', 'bot_login_denied', 'bot_login_expired', 'login'].includes(event.type));

test('a right-code press whose answer Telegram fails (500, 429 twice) decides nothing; the question keeps its buttons and the next tap logs in', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const next = updateReader(mock);
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await aliceStarts(mock, site.handler, next, started);
    for (const failure of [{ error_code: 500 }, { error_code: 429, retry_after: 1, times: 2 }]) {
      await mock.control({ botApiError: { ...failure, method: 'answerCallbackQuery' } });
      const { result, logged } = await aliceTaps(mock, site, next, started.matchCode);
      expect(result).toEqual(UNVERIFIED);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^telegram-login-kit: bot login could not answer a button: Bot API answerCallbackQuery: (500|429) /);
      expect(await (await status(site, page, 0, started.requestId)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
      expect(questionButtons(mock)).toHaveLength(1);
      expect(decisions(site)).toEqual([]);
    }
    // A 429 the client waits out once is no failure: that press decides.
    await mock.control({ botApiError: { error_code: 429, retry_after: 1, times: 1, method: 'answerCallbackQuery' } });
    const waiting = status(site, page, 25, started.requestId);
    expect((await aliceTaps(mock, site, next, started.matchCode)).result).toEqual({ handled: true, action: 'approved' });
    expect(await (await waiting).json()).toMatchObject({ status: 'approved', user: { tg_id: ALICE } });
    expect(questionButtons(mock)).toHaveLength(0);
    expect(mock.app.chat(ALICE, BOT).lastAnswer).toMatchObject({ text: 'You are logged in to localhost:3000.' });
  } finally {
    await site.stop();
  }
});

test('"Not me" and a wrong code whose answer fails deny nothing and approve nothing; the user’s next "Not me" denies for good', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const next = updateReader(mock);
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await aliceStarts(mock, site.handler, next, started);
    const wrong = questionButtons(mock)[0]!.buttons[0]!.map((button) => button.text).find((code) => code !== started.matchCode)!;
    for (const button of ['Not me', wrong]) {
      await mock.control({ botApiError: { error_code: 500, method: 'answerCallbackQuery' } });
      expect((await aliceTaps(mock, site, next, button)).result).toEqual(UNVERIFIED);
      expect(await (await status(site, page, 0, started.requestId)).json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    }
    expect((await aliceTaps(mock, site, next, 'Not me')).result).toEqual({ handled: true, action: 'denied' });
    expect(await (await status(site, page, 0, started.requestId)).json()).toEqual({ status: 'denied' });
    expect(questionButtons(mock)).toHaveLength(0);
    expect(decisions(site).map((event) => event.type)).toEqual(['bot_login_denied']);
  } finally {
    await site.stop();
  }
});

test('two presses of the right code racing, one whose answer fails: one decision, one session, and the failed one changes nothing', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const next = updateReader(mock);
  try {
    for (let round = 0; round < 3; round++) {
      const page = browser();
      const started = await startLogin(site, page);
      await aliceStarts(mock, site.handler, next, started);
      await mock.app.press(ALICE, started.matchCode);
      const first = await next();
      await mock.app.press(ALICE, started.matchCode);
      const second = await next();
      await mock.control({ botApiError: { error_code: 500, times: 1, method: 'answerCallbackQuery' } });
      const { result } = await quietly(() => Promise.all([site.handler.handleBotUpdate(first), site.handler.handleBotUpdate(second)]));
      expect(result).toContainEqual(UNVERIFIED);
      expect(result).toContainEqual({ handled: true, action: 'approved' });
      const polls = await Promise.all([status(site, page, 0, started.requestId), status(site, page, 0, started.requestId)]);
      const sessions = polls.filter((poll) => poll.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey')));
      expect(sessions).toHaveLength(1);
      expect(polls.map((poll) => poll.status).sort()).toEqual([200, 401]);
    }
    expect(site.events.filter((event) => event.type === 'login')).toHaveLength(3);
  } finally {
    await site.stop();
  }
});

test('presses made before the expiry but handled after it (late delivery) never approve, whether their answer fails or not', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false, bot: { requestTtlSeconds: 2 } });
  const next = updateReader(mock);
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await aliceStarts(mock, site.handler, next, started);
    await mock.app.press(ALICE, started.matchCode);
    const first = await next();
    await mock.app.press(ALICE, started.matchCode);
    const second = await next();
    // The browser's poll waits until the expiry and decides it; the presses reach the site only now.
    expect(await (await status(site, page, 25, started.requestId)).json()).toEqual({ status: 'expired' });
    await mock.control({ botApiError: { error_code: 500, method: 'answerCallbackQuery' } });
    const late = await quietly(async () => [await site.handler.handleBotUpdate(first), await site.handler.handleBotUpdate(second)]);
    expect(late.result).toEqual([{ handled: true, refused: 'expired', code: 'expired' }, { handled: true, refused: 'expired', code: 'expired' }]);
    expect(mock.app.chat(ALICE, BOT).lastAnswer).toMatchObject({ text: 'This login link has expired; start again on the site.' });
    expect(questionButtons(mock)).toHaveLength(0);
    expect(await (await status(site, page, 0, started.requestId)).json()).toEqual({ status: 'expired' });
    expect(site.events.filter((event) => event.type === 'login' || event.type === 'bot_login_approved')).toEqual([]);
  } finally {
    await site.stop();
  }
});

// The press is checked against the expiry before the kit answers it, and decided after: an answer
// that takes long (the client waits out a 429's retry_after, up to 5 s, or a slow Telegram up to its
// 10 s timeout) must not let an approval land after the request expired.
test('a press whose answer is slow (a 429 waited out) past the expiry does not approve an expired request', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false, bot: { requestTtlSeconds: 2 } });
  const next = updateReader(mock);
  try {
    const page = browser();
    const started = await startLogin(site, page);
    await aliceStarts(mock, site.handler, next, started);
    await mock.app.press(ALICE, started.matchCode);
    const tap = await next();
    await mock.control({ botApiError: { error_code: 429, retry_after: 3, times: 1, method: 'answerCallbackQuery' } });
    expect(Date.now()).toBeLessThan(started.expiresAt);
    const { result } = await quietly(() => site.handler.handleBotUpdate(tap));
    expect(Date.now()).toBeGreaterThan(started.expiresAt);
    const poll = await status(site, page, 0, started.requestId);
    expect({ body: await poll.json(), session: poll.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey')) }).toEqual({ body: { status: 'expired' }, session: false });
    expect(site.events.filter((event) => event.type === 'login' || event.type === 'bot_login_approved')).toEqual([]);
    expect(result).toEqual({ handled: true, refused: 'expired', code: 'expired' });
  } finally {
    await site.stop();
  }
});

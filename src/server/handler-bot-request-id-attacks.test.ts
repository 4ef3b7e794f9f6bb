// Attacks on naming a request by `requestId` in /bot/status and /bot/cancel: the id selects, the
// cookie proves. Another browser's id with one's own cookie must tell nothing and touch nothing, an
// approved request gives one session whatever is replayed, and a cookie that is never cleared must
// not be worth anything once its request is decided.
import { ALICE, quietly } from './handler.test-support.js';
import { BOT, botSays, browser, call, expect, openAndStart, startLogin, startSite, status, test, type Browser, type BotSite } from './bot-login.test-support.js';
import { createMemoryStore } from './stores/memory.js';

const cancel = (site: { url: string }, from: Browser, body: unknown) => call(site, '/bot/cancel', from, { body });
const sessionSet = (response: Response) => response.headers.getSetCookie().some((line) => line.startsWith('tlk_session=ey'));
/** An answer as the attacker sees it: status, body and every header but the date. */
async function seen(response: Response) {
  const headers = [...response.headers].filter(([name]) => !['date', 'content-length'].includes(name));
  return { status: response.status, body: await response.text(), headers };
}

test('naming a victim’s approved (not yet collected) request from the attacker’s own cookie tells nothing and spends nothing; the victim still gets the one session', async ({ mock, site }) => {
  const victim = browser();
  const started = await startLogin(site, victim);
  await openAndStart(mock, ALICE, started.links.https);
  const attacker = browser();
  await startLogin(site, attacker);
  const unknownId = 'Z'.repeat(22);
  const baseline = { status: await seen(await status(site, attacker, 0, unknownId)), cancel: await seen(await cancel(site, attacker, { requestId: unknownId })) };

  await mock.app.press(ALICE, started.matchCode);
  await botSays(mock, ALICE, 'You are logged in to localhost:3000.');
  // Approved, not collected: the attacker's poll and cancel naming it look exactly like an unknown id's.
  expect({ status: await seen(await status(site, attacker, 0, started.requestId)), cancel: await seen(await cancel(site, attacker, { requestId: started.requestId })) }).toEqual(baseline);
  expect(baseline.status.body).toBe('{"status":"superseded"}');

  const collected = await status(site, victim, 0, started.requestId);
  expect(await collected.json()).toMatchObject({ status: 'approved', user: { tg_id: ALICE } });
  expect(sessionSet(collected)).toBe(true);
  // The victim's cookie stays (nothing clears it): a replayed poll and a cancel after the session give nothing more and take nothing back.
  for (const replay of [await status(site, victim, 0, started.requestId), await status(site, victim, 0)]) {
    expect(replay.status).toBe(401);
    expect(sessionSet(replay)).toBe(false);
  }
  expect(await (await cancel(site, victim, { requestId: started.requestId })).json()).toEqual({ status: 'cancelled' });
  expect((await call(site, '/session', victim)).status).toBe(200);
  expect((await call(site, '/session', attacker)).status).toBe(401);
  expect(site.events.filter((event) => event.type === 'login')).toHaveLength(1);
});

test('cancel by requestId racing the approval and the poll: at most one session, none once the cancel decided, and the old cookie collects nothing later', async ({ mock, site }) => {
  let sessions = 0;
  for (let round = 0; round < 4; round++) {
    const page = browser();
    const started = await startLogin(site, page);
    const question = await openAndStart(mock, ALICE, started.links.https);
    const cookie = page.jar.header;
    const poll = status(site, page, 25, started.requestId);
    const press = mock.app.press(ALICE, started.matchCode);
    // Even rounds cancel as soon as the press is on its way to the webhook, odd ones at once.
    const cancelled = (round % 2 ? Promise.resolve() : press).then(() => cancel(site, page, { requestId: started.requestId }));
    const [polled, cancelAnswer] = await Promise.all([poll, cancelled, press]);
    expect(await cancelAnswer.json()).toEqual({ status: 'cancelled' });
    await mock.app.waitForMessage(ALICE, BOT, (message) => message.id === question.id && message.buttons.length === 0);
    const late = await call(site, `/bot/status?wait=0&requestId=${started.requestId}`, browser(), { cookie });
    expect(sessionSet(late)).toBe(false);
    const mine = site.events.filter((event) => 'requestId' in event && event.requestId === started.requestId);
    if (mine.some((event) => event.type === 'bot_login_cancelled')) expect(sessionSet(polled)).toBe(false);
    sessions += Number(sessionSet(polled));
  }
  expect(site.events.filter((event) => event.type === 'login')).toHaveLength(sessions);
});

test('a stale request cookie, kept past its Max-Age and the store’s grace, is worth nothing: 401 for status and cancel, and a new start from it cancels nobody else’s request', async ({ mock }) => {
  let now = Date.now();
  const site: BotSite = await startSite(mock, { options: { store: createMemoryStore({ clock: () => now }) }, bot: { requestTtlSeconds: 60 } });
  try {
    const page = browser();
    const old = await startLogin(site, page);
    const staleCookie = page.jar.header;
    // The store forgets the request after its lifetime and the grace period.
    now += (60 + 300 + 1) * 1000;
    const stale = browser();
    for (const answer of [
      await call(site, `/bot/status?wait=0&requestId=${old.requestId}`, stale, { cookie: staleCookie }),
      await call(site, '/bot/status?wait=0', stale, { cookie: staleCookie }),
      await call(site, '/bot/cancel', stale, { cookie: staleCookie, body: { requestId: old.requestId } }),
    ]) {
      expect({ status: answer.status, ...((await answer.json()) as object) }).toMatchObject({ status: 401, error: 'bot_request_missing' });
    }
    // Another browser's live login is untouched by a start carrying the stale cookie.
    const other = browser();
    const live = await startLogin(site, other);
    const { result: fresh } = await quietly(() => call(site, '/bot/start', stale, { cookie: staleCookie, body: {} }));
    expect(fresh.status).toBe(200);
    expect(((await fresh.json()) as { requestId: string }).requestId).not.toBe(old.requestId);
    expect(await (await status(site, other, 0, live.requestId)).json()).toEqual({ status: 'pending', expiresAt: live.expiresAt });
  } finally {
    await site.stop();
  }
});

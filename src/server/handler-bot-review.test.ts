// Review of bot login under attack (helper-11): availability. Another site's page spending the
// victim's rate limit, a flood of unauthenticated /bot/start filling the store for every user, many
// long polls multiplying the store reads, and a poll whose client went away.
import { createMemoryStore } from './stores/memory.js';
import type { TelegramAuthStore } from './stores/store.js';
import { cookiesOf, post, SITE, verifiedLogin } from './handler.test-support.js';
import { browser, call, expect, startLogin, startSite, status, test } from './bot-login.test-support.js';

/** A real memory store that counts the kit's looks at bot login outcomes (what a waiting poll reads). */
function countingStore(options: Parameters<typeof createMemoryStore>[0] = {}): TelegramAuthStore & { outcomeReads: number } {
  const store = createMemoryStore(options);
  const counting: TelegramAuthStore & { outcomeReads: number } = {
    ...store,
    outcomeReads: 0,
    get(key) {
      if (key.startsWith('bot-outcome:')) counting.outcomeReads++;
      return store.get(key);
    },
  };
  return counting;
}

const VICTIM_IP = '203.0.113.9';

test('requests another site makes from the victim\'s browser (an attacker page full of <img> tags) do not use up the victim\'s /bot/status rate limit', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  try {
    const start = await site.handler(new Request(`${SITE}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SITE } }), { remoteAddress: VICTIM_IP });
    expect(start.status).toBe(200);
    const cookie = cookiesOf(start);
    // The attacker's page: 120 images pointing at the status route. The browser marks them cross-site
    // and (SameSite=Lax) sends no cookie; the handler refuses each with 403, as it should.
    const crossSite = { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' };
    for (let index = 0; index < 120; index++) {
      const image = await site.handler(new Request(`${SITE}/auth/telegram/bot/status`, { headers: crossSite }), { remoteAddress: VICTIM_IP });
      expect(image.status).toBe(403);
    }
    // The victim's own page then polls its login: it must not be rate limited by requests it never made.
    const poll = await site.handler(
      new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', Cookie: cookie } }),
      { remoteAddress: VICTIM_IP },
    );
    expect({ status: poll.status, body: await poll.json() }).toMatchObject({ status: 200, body: { status: 'pending' } });
  } finally {
    await site.stop();
  }
});

test('a flood of unauthenticated /bot/start from many addresses (each within its rate limit) cannot fill the store for everyone: other users still log in and out', async ({ mock }) => {
  // The memory store sized small so the test is quick: the default 100 000 entries fell the same way
  // to 167 addresses (or IPv6 /64s, one /56 has 256) at the default 30 starts a minute, each start
  // writing two entries that lived 10 minutes whether or not a browser ever polled. A start now
  // writes one evictable entry: the flood below is more starts than the store has room for.
  const store = createMemoryStore({ maxEntries: 200 });
  const site = await startSite(mock, { webhook: false, options: { store } });
  try {
    const alice = await verifiedLogin(mock, site.handler);
    expect(alice.response.status).toBe(200);
    const aliceCookie = alice.jar.header;

    const answers: number[] = [];
    for (let net = 1; net <= 8; net++) {
      for (let index = 0; index < 30; index++) {
        const request = new Request(`${SITE}/auth/telegram/bot/start`, { method: 'POST', headers: { Origin: SITE } });
        answers.push((await site.handler(request, { remoteAddress: `2001:db8:0:${net}::1` })).status);
      }
    }
    expect(answers.filter((status) => status === 429)).toEqual([]);

    // Someone else logs in with Telegram's login, and Alice logs out: both need one store write.
    const other = await verifiedLogin(mock, site.handler);
    expect(other.response.status).toBe(200);
    const logout = await post(site.handler, '/auth/telegram/logout', '', { cookie: aliceCookie });
    expect(logout.status).toBe(204);
    expect(await site.handler.getSession(new Request(SITE, { headers: { Cookie: aliceCookie } }))).toBeNull();
    // A bot login started after the flood is among the newest requests: it is there to be polled.
    const page = browser();
    const started = await startLogin(site, page);
    const poll = await site.handler(new Request(`${SITE}/auth/telegram/bot/status?wait=0`, { headers: { Cookie: page.jar.header } }));
    expect(await poll.json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
  } finally {
    await site.stop();
  }
});

test('many long polls waiting on one request (over real HTTP, the default limits behind a proxy) do not multiply the store reads', async ({ mock }) => {
  const store = countingStore();
  const site = await startSite(mock, { webhook: false, options: { store } });
  const controller = new AbortController();
  try {
    const page = browser();
    await startLogin(site, page);
    // One request, one cookie, 100 polls: the peer is the loopback proxy, so no rate limit applies.
    const polls = Array.from({ length: 100 }, () =>
      fetch(`${site.url}/auth/telegram/bot/status?wait=25`, { headers: { Cookie: page.jar.header }, signal: controller.signal }).catch(() => undefined),
    );
    await expect.poll(() => store.outcomeReads, { timeout: 10_000 }).toBeGreaterThanOrEqual(100);
    const before = store.outcomeReads;
    // A rate is measured over a window: three seconds of waiting polls.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const perSecond = (store.outcomeReads - before) / 3;
    // One look a second per request (per instance) is what one waiting poll costs; 100 polls should cost no more.
    expect(perSecond).toBeLessThan(10);
    controller.abort();
    await Promise.all(polls);
  } finally {
    controller.abort();
    await site.stop();
  }
});

test('a request has at most two polls waiting on an instance: a third ends the oldest at once with pending, the other two hear the outcome', async ({ mock }) => {
  const store = countingStore();
  const site = await startSite(mock, { webhook: false, options: { store } });
  try {
    const page = browser();
    const started = await startLogin(site, page);
    const polls: Promise<Response>[] = [];
    // One at a time, so that the first is the oldest: each poll looks at the store once before it waits.
    for (let index = 0; index < 3; index++) {
      polls.push(status(site, page));
      await expect.poll(() => store.outcomeReads).toBeGreaterThanOrEqual(index + 1);
    }
    const oldest = await polls[0]!;
    expect(await oldest.json()).toEqual({ status: 'pending', expiresAt: started.expiresAt });
    expect((await call(site, '/bot/cancel', page, { body: {} })).status).toBe(200);
    for (const poll of polls.slice(1)) expect(await (await poll).json()).toEqual({ status: 'cancelled' });
  } finally {
    await site.stop();
  }
});

test('a poll whose client went away stops waiting at once: no more store reads, the request log says aborted', async ({ mock }) => {
  const store = countingStore();
  const lines: string[] = [];
  const site = await startSite(mock, { webhook: false, options: { store, log: (line) => void lines.push(line) } });
  try {
    const page = browser();
    await startLogin(site, page);
    const controller = new AbortController();
    const poll = fetch(`${site.url}/auth/telegram/bot/status?wait=25`, { headers: { Cookie: page.jar.header }, signal: controller.signal }).catch((error: unknown) => error);
    await expect.poll(() => store.outcomeReads).toBeGreaterThanOrEqual(2);
    controller.abort();
    expect(await poll).toMatchObject({ name: 'AbortError' });
    await expect.poll(() => lines.find((line) => line.startsWith('GET /auth/telegram/bot/status '))).toMatch(/^GET \/auth\/telegram\/bot\/status 400 aborted \d+ms$/);
    const after = store.outcomeReads;
    // Two store intervals: a poll still waiting would have looked twice more.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(store.outcomeReads).toBe(after);
  } finally {
    await site.stop();
  }
});

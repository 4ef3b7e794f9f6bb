import { expect, test } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../server.js';

/** The app page's HTTP side: headers, the script file, the JSON actions and the live state stream. */

const ALICE = 100001;
let mock: MockTelegram;

test.beforeAll(async () => {
  mock = await startMockTelegram();
});
test.afterAll(async () => {
  await mock.stop();
});

function post(action: string, body: unknown, type = 'application/json') {
  return fetch(`${mock.issuer}/app/api/${action}`, { method: 'POST', headers: { 'Content-Type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

test('the page is served under a strict CSP with its script as a file, in the language asked for', async () => {
  const page = await fetch(`${mock.issuer}/app?user=${ALICE}`, { headers: { 'Accept-Language': 'ru-RU,ru;q=0.9' } });
  expect(page.status).toBe(200);
  const csp = page.headers.get('content-security-policy')!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(csp).not.toContain('unsafe');
  const html = await page.text();
  expect(html).toContain('<html lang="ru">');
  expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
  expect(html).toContain('<script src="/app/app-client.js" defer></script>');
  expect(await (await fetch(`${mock.issuer}/app?lang=en`)).text()).toContain('<html lang="en">');
  const script = await fetch(`${mock.issuer}/app/app-client.js`);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await script.text()).toContain('EventSource');
  expect((await fetch(`${mock.issuer}/app/resolve?domain=MockLoginBot&start=x`)).status).toBe(200);
  expect((await fetch(`${mock.issuer}/app/nothing`)).status).toBe(404);
});

test('actions take JSON only, so another site\'s form cannot act as the user', async () => {
  const form = await post('open', `user=${ALICE}&link=https://t.me/MockLoginBot`, 'application/x-www-form-urlencoded');
  expect(form.status).toBe(400);
  expect(await form.json()).toMatchObject({ ok: false, error: 'invalid_text', description: 'send Content-Type: application/json' });
  expect(await (await post('open', '{broken')).json()).toMatchObject({ ok: false, description: 'the body must be a JSON object' });
  expect(await (await post('open', { user: 'alice', link: 'x' })).json()).toMatchObject({ ok: false, description: '"user" must be an integer' });
  expect(await (await post('open', { user: 1, link: 'https://t.me/MockLoginBot' })).json()).toMatchObject({ ok: false, error: 'unknown_user' });
  expect(await (await post('press', { user: ALICE, bot: 'MockLoginBot', message: 1, row: 0, column: 0 })).json()).toMatchObject({ ok: false, error: 'no_such_button' });
  expect((await post('open', { user: ALICE, link: 'x'.repeat(20_000) })).status).toBe(400);
});

test('the event stream sends the user\'s chats at once and again after each change', async () => {
  const aborting = new AbortController();
  const response = await fetch(`${mock.issuer}/app/api/events?user=${ALICE}`, { signal: aborting.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  async function nextState(): Promise<{ focus: unknown; chats: { bot: string; startPayload: string | null }[] }> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (event.startsWith('event: state\n')) return JSON.parse(event.slice(event.indexOf('data: ') + 6));
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
    }
  }
  const first = await nextState();
  expect(first.chats.map((chat) => chat.bot)).toEqual(['MockLoginBot']);
  expect(await (await post('open', { user: ALICE, link: mock.deepLink('MockLoginBot', 'live') })).json()).toMatchObject({ ok: true, result: { startPayload: 'live' } });
  const second = await nextState();
  expect(second).toMatchObject({ focus: { bot: 'MockLoginBot', seq: expect.any(Number) }, chats: [{ bot: 'MockLoginBot', startPayload: 'live' }] });
  aborting.abort();
  expect((await fetch(`${mock.issuer}/app/api/events?user=7`)).status).toBe(400);
});

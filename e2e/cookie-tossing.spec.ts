import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { createTelegramAuthHandler, toNodeListener } from '../src/server/index.js';
import { chromiumExecutable } from './browser.js';
import { expect, test } from './fixtures.js';
import { dropInFile } from './helpers.js';

// A sibling subdomain (evil.example.test) tries to plant cookies for the site (app.example.test): its
// own session ("cookie tossing" a shadowing session), or its own redirect-flow transaction (to finish
// a login as the attacker). __Host- cookies, which the kit uses on https, cannot be set by a sibling.
test.use({
  launchOptions: { executablePath: chromiumExecutable(), args: ['--host-resolver-rules=MAP *.example.test 127.0.0.1'] },
  ignoreHTTPSErrors: true,
});

const CLIENT = { id: '7700000077', secret: 'tossing-test-client-secret-0123456789' };
let mock: MockTelegram;
let server: Server;
let app: string;
let evil: string;

function page(html: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>${html}</body></html>`;
}

/** The site's login page: the element (trusting the mock from script), a nonce, and /verify. */
function loginPage(): string {
  return page(`<script type="module">
  import '/telegram-login-kit.js';
  customElements.get('telegram-login-button').trustProviderOrigins(['${mock.issuer}']);
  const { nonce } = await (await fetch('/auth/telegram/nonce')).json();
  document.body.insertAdjacentHTML('beforeend', '<telegram-login-button id="tg" client-id="${CLIENT.id}" library-src="${mock.libraryUrl}" nonce="' + nonce + '"></telegram-login-button>');
  document.querySelector('#tg').addEventListener('telegram-login-success', async ({ detail }) => {
    const response = await fetch('/auth/telegram/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ idToken: detail.idToken }) });
    console.log('verified ' + response.status);
  });
</script>`);
}

test.beforeAll(async () => {
  mock = await startMockTelegram({ clients: [{ ...CLIENT, allowedUrls: ['https://app.example.test:*/*'] }] });
  let auth: ReturnType<typeof toNodeListener> | undefined;
  server = createServer({ key: readFileSync(new URL('./tls/key.pem', import.meta.url)), cert: readFileSync(new URL('./tls/cert.pem', import.meta.url)) }, (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const path = (req.url ?? '/').split('?')[0]!;
    if (host === 'evil.example.test' && path === '/toss-raw') {
      // The sibling answers with raw Set-Cookie bytes (Node writes header strings as latin1), for names
      // document.cookie would not take.
      const tossed = new URL(req.url!, 'https://x').searchParams.getAll('c');
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': tossed }).end('tossed');
      return;
    }
    if (host === 'evil.example.test') {
      // The sibling's page: tosses whatever the test put in its query into cookies for the parent domain.
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(`<script>
  const params = new URLSearchParams(location.search);
  for (const line of params.getAll('c')) document.cookie = line;
  console.log('tossed');
</script>`));
      return;
    }
    if (path.startsWith('/auth/telegram/')) return auth!(req, res);
    const dropIn = dropInFile(path);
    if (dropIn) {
      void readFile(dropIn).then((body) => res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body));
      return;
    }
    if (path === '/login') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(loginPage());
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  app = `https://app.example.test:${port}`;
  evil = `https://evil.example.test:${port}`;
  auth = toNodeListener(
    createTelegramAuthHandler({
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      issuer: mock.issuer,
      redirectUri: `${app}/auth/telegram/callback`,
      session: { secret: 'cookie-tossing-test-session-secret-0123' },
    }),
  );
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  await mock.stop();
});

/** Logs in through the element, choosing `user` on the consent page. */
async function logIn(tab: Page, user: RegExp): Promise<void> {
  await tab.goto(`${app}/login`);
  const verified = tab.waitForEvent('console', (message) => message.text().startsWith('verified '));
  const popup = tab.waitForEvent('popup');
  await tab.click('#tg');
  const consent = await popup;
  await consent.getByRole('radio', { name: user }).check();
  await consent.getByRole('button', { name: 'Allow' }).click();
  expect((await verified).text()).toBe('verified 200');
}

async function cookie(context: BrowserContext, name: string): Promise<string> {
  const found = (await context.cookies(app)).find((candidate) => candidate.name === name);
  expect(found, name).toBeDefined();
  return found!.value;
}

/** GET /auth/telegram/login as the attacker's own client would: the Location and the transaction cookie's value. */
function startServerLogin(): Promise<{ location: string; transaction: string }> {
  const url = new URL(app);
  return new Promise((resolve, reject) => {
    httpsRequest(
      { host: '127.0.0.1', port: url.port, path: '/auth/telegram/login', servername: url.hostname, headers: { Host: url.host }, rejectUnauthorized: false },
      (res) => {
        res.resume();
        const cookie = (res.headers['set-cookie'] ?? []).find((line) => line.startsWith('__Host-tlk_session_tx='));
        if (res.statusCode !== 302 || !cookie) return reject(new Error(`unexpected /login answer ${res.statusCode}`));
        resolve({ location: res.headers.location!, transaction: cookie.split(';')[0]!.slice('__Host-tlk_session_tx='.length) });
      },
    )
      .on('error', reject)
      .end();
  });
}

async function toss(tab: Page, lines: string[]): Promise<void> {
  const query = new URLSearchParams(lines.map((line) => ['c', line]));
  const done = tab.waitForEvent('console', (message) => message.text() === 'tossed');
  await tab.goto(`${evil}/toss?${query}`);
  await done;
}

async function tossRaw(tab: Page, lines: string[]): Promise<void> {
  await tab.goto(`${evil}/toss-raw?${new URLSearchParams(lines.map((line) => ['c', line]))}`);
}

async function sessionUser(tab: Page): Promise<unknown> {
  await tab.goto(`${app}/auth/telegram/session`);
  return JSON.parse((await tab.locator('body').textContent()) ?? 'null');
}

test('a sibling subdomain cannot shadow the session cookie with its own', async ({ browser }) => {
  const attacker = await browser.newContext();
  const victim = await browser.newContext();
  try {
    await logIn(await attacker.newPage(), /Carol/);
    const carol = await cookie(attacker, '__Host-tlk_session');
    const tab = await victim.newPage();
    await logIn(tab, /Alice/);
    await toss(tab, [
      // The classic toss: the plain name, for the parent domain, with a more specific path.
      `tlk_session=${carol}; Domain=example.test; Path=/auth/telegram; Secure`,
      // A sibling cannot set __Host- cookies for another host: the browser refuses both.
      `__Host-tlk_session=${carol}; Domain=example.test; Path=/; Secure`,
      `__Host-tlk_session=${carol}; Path=/auth/telegram; Secure`,
    ]);
    expect(await sessionUser(tab)).toMatchObject({ user: { tg_id: 100001, name: 'Alice Anderson' } });
    // A name a browser does not see as __Host- (it starts with a no-break space) may be set by a
    // sibling, with a narrower path so it is sent first: it must not pass for the real cookie.
    await tossRaw(tab, [`\u00a0__Host-tlk_session=${carol}; Domain=example.test; Path=/auth/telegram; Secure`]);
    // It landed: the browser keeps it for the parent domain, and sends it to app.example.test first.
    const landed = (await victim.cookies()).filter((entry) => entry.name.endsWith('__Host-tlk_session') && entry.domain === '.example.test');
    expect(landed.map((entry) => [entry.path, entry.value === carol])).toEqual([['/auth/telegram', true]]);
    expect(await sessionUser(tab)).not.toMatchObject({ user: { name: 'Carol Chen' } });
  } finally {
    await attacker.close();
    await victim.close();
  }
});

test('a sibling subdomain cannot plant its redirect-flow transaction to finish a login as the attacker', async ({ browser }) => {
  const victim = await browser.newContext();
  try {
    // The attacker starts a server-side login as Carol and keeps Telegram's answer instead of following it.
    const { location, transaction } = await startServerLogin();
    const consentPage = await (await fetch(location)).text();
    const consent = await fetch(`${mock.issuer}/auth/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request: /name="request" value="([^"]+)"/.exec(consentPage)![1]!, user: '100004', decision: 'allow' }),
      redirect: 'manual',
    });
    const callback = consent.headers.get('location')!;
    expect(callback.startsWith(`${app}/auth/telegram/callback?code=`)).toBe(true);

    const tab = await victim.newPage();
    await toss(tab, [
      `tlk_session_tx=${transaction}; Domain=example.test; Path=/; Secure`,
      `__Host-tlk_session_tx=${transaction}; Domain=example.test; Path=/; Secure`,
    ]);
    await tossRaw(tab, [`\u00a0__Host-tlk_session_tx=${transaction}; Domain=example.test; Path=/auth/telegram; Secure`]);
    await tab.goto(callback);
    await expect(tab.locator('code')).toHaveText('state_mismatch');
    expect((await victim.cookies(app)).map((entry) => entry.name)).not.toContain('__Host-tlk_session');
  } finally {
    await victim.close();
  }
});

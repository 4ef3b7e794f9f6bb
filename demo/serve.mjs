#!/usr/bin/env node
// The static demo's server part: serves the files `npm run build` wrote to dist/demo and mounts the
// server kit's handler at /auth/telegram, on the same origin (the page calls /auth/telegram/nonce,
// /verify and /exchange). Any server that does both works the same; this one is node:http only.
//
//   npm run build && node demo/serve.mjs                 # with the mock the build points at (MOCK_URL)
//   TELEGRAM_CLIENT_ID=… TELEGRAM_CLIENT_SECRET=… PUBLIC_URL=https://… npm run build \
//     && TELEGRAM_CLIENT_ID=… TELEGRAM_CLIENT_SECRET=… PUBLIC_URL=https://… node demo/serve.mjs
//
// Env: PORT (default 8080), DEMO_DIR (default dist/demo), SESSION_SECRET (default: random per start).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockTelegram } from '../dist/mock/index.js';
import { createTelegramAuthHandler, toNodeListener } from '../dist/server/index.js';

const root = resolve(process.env.DEMO_DIR ?? fileURLToPath(new URL('../dist/demo/', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

function fail(message) {
  process.stderr.write(`demo/serve.mjs: ${message}\n`);
  process.exit(2);
}

// The page's provider was fixed at build time; read it back so the server always agrees with it.
const indexHtml = await readFile(join(root, 'index.html'), 'utf8').catch(() => fail(`no ${join(root, 'index.html')}: run npm run build first`));
const meta = (name) => new RegExp(`name="telegram-login-kit:${name}" content="([^"]*)"`).exec(indexHtml)?.[1] ?? '';
const mode = meta('mode');
const issuer = meta('issuer');

let handlerOptions;
let mock;
/** Mock mode: the secret the mock's bot sends with the updates it posts to our webhook. */
let webhookSecret;
if (mode === 'telegram') {
  const { TELEGRAM_CLIENT_SECRET: clientSecret, PUBLIC_URL: publicUrl } = process.env;
  if (!clientSecret || !publicUrl) fail('this build talks to the real Telegram: set TELEGRAM_CLIENT_SECRET and PUBLIC_URL');
  handlerOptions = { clientId: meta('client-id'), clientSecret, redirectUri: new URL('/', publicUrl).href };
} else {
  const mockUrl = new URL(issuer);
  mock = await startMockTelegram({ port: Number(mockUrl.port), host: mockUrl.hostname }).catch((error) =>
    fail(`cannot start the mock Telegram at ${issuer} (${error.code ?? error.message}); rebuild with another MOCK_URL`),
  );
  // The bot flow: links open the mock's simulated app, and the mock posts the bot's updates to our webhook.
  const bot = mock.bots[0];
  webhookSecret = randomBytes(24).toString('base64url');
  handlerOptions = {
    clientId: mock.defaultClient.id,
    clientSecret: mock.defaultClient.secret,
    issuer: mock.issuer,
    redirectUri: `http://localhost:${port}/`,
    bot: { token: bot.token, username: bot.username, apiRoot: mock.issuer, webhookSecret, linkBase: `${mock.app.url}/resolve` },
  };
}
const auth = toNodeListener(
  // returnIdToken: the demo page shows the raw id_token of code-flow logins too.
  createTelegramAuthHandler({ ...handlerOptions, returnIdToken: true, session: { secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url') } }),
);

const server = createServer((req, res) => {
  auth(req, res, async () => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    if (!file.startsWith(root) || (req.method !== 'GET' && req.method !== 'HEAD')) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
});
server.listen(port, 'localhost', async () => {
  if (mock) {
    const url = `http://localhost:${server.address().port}/auth/telegram/bot/webhook`;
    const body = JSON.stringify({ url, secret_token: webhookSecret });
    const set = await fetch(`${mock.issuer}/bot${mock.bots[0].token}/setWebhook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (!set.ok) process.stderr.write(`demo/serve.mjs: setWebhook failed (${set.status}): the bot flow will not hear the bot\n`);
  }
  process.stdout.write(`Demo            http://localhost:${server.address().port}/\nTelegram        ${mode === 'telegram' ? issuer : `${issuer} (mock)`}\n`);
});
const stop = () => server.close(() => void (mock?.stop() ?? Promise.resolve()).then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

#!/usr/bin/env node
// The static demo's server part: serves the files `npm run build` wrote to dist/demo and mounts the
// server kit's handler at /auth/telegram, on the same origin (the page calls /auth/telegram/nonce,
// /verify, /exchange and the bot flow's /bot/*). Any server that does both works the same; this one
// is node:http only. With the mock, the bot flow's updates come from the mock's bot by long polling.
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
if (mode === 'telegram') {
  const { TELEGRAM_CLIENT_SECRET: clientSecret, PUBLIC_URL: publicUrl } = process.env;
  if (!clientSecret || !publicUrl) fail('this build talks to the real Telegram: set TELEGRAM_CLIENT_SECRET and PUBLIC_URL');
  handlerOptions = { clientId: meta('client-id'), clientSecret, redirectUri: new URL('/', publicUrl).href };
} else {
  const mockUrl = new URL(issuer);
  mock = await startMockTelegram({ port: Number(mockUrl.port), host: mockUrl.hostname }).catch((error) =>
    fail(`cannot start the mock Telegram at ${issuer} (${error.code ?? error.message}); rebuild with another MOCK_URL`),
  );
  const bot = mock.bots[0];
  handlerOptions = {
    clientId: mock.defaultClient.id,
    clientSecret: mock.defaultClient.secret,
    issuer: mock.issuer,
    redirectUri: `http://localhost:${port}/`,
    bot: { token: bot.token, username: bot.username, apiRoot: mock.issuer, linkBase: `${mock.app.url}/resolve` },
  };
}
// returnIdToken: the demo page shows the raw id_token of code-flow logins too.
const handler = createTelegramAuthHandler({ ...handlerOptions, returnIdToken: true, session: { secret: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url') } });
const auth = toNodeListener(handler);
const stopPolling = new AbortController();
const polling = mock
  ? handler.pollBotUpdates({ signal: stopPolling.signal }).catch((error) => process.stderr.write(`demo/serve.mjs: the bot flow stopped hearing the mock's bot: ${error.message}\n`))
  : Promise.resolve();

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
server.listen(port, 'localhost', () => {
  process.stdout.write(`Demo            http://localhost:${server.address().port}/\nTelegram        ${mode === 'telegram' ? issuer : `${issuer} (mock)`}\n`);
});
const stop = () => {
  stopPolling.abort();
  server.close(() => void polling.then(() => mock?.stop()).then(() => process.exit(0)));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

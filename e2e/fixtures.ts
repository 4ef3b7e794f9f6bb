import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base, expect, type Page } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { createTelegramAuthHandler, toNodeListener, type NodeListener, type TelegramAuthHandler } from '../src/server/index.js';

import { dropInFile } from './helpers.js';

export { expect };

/** A relying-party website on its own origin: each test serves the pages it needs. */
export interface Site {
  readonly origin: string;
  /** Serves `html` at `path` and returns the page's absolute URL. */
  page(path: string, html: string, headers?: Record<string, string>): string;
}

/** Files every site serves: the event harness, and the built drop-in with its chunks (tests run the real artifact). */
const STATIC_FILES: Record<string, { url: URL; type: string }> = {
  '/harness.js': { url: new URL('./harness.js', import.meta.url), type: 'text/javascript' },
};

export interface SiteServer {
  origin: string;
  pages: Map<string, { html: string; headers: Record<string, string> }>;
  /** The site's server kit, mounted at /auth/telegram (see the `auth` fixture). */
  auth?: NodeListener;
}

/** The site's callback page for the code flows, as registered with the (mock) bot. */
export const CALLBACK_PATH = '/callback';

async function listen(server: Server): Promise<AddressInfo> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address() as AddressInfo;
}

export const test = base.extend<{ site: Site; resetMock: void }, { mock: MockTelegram; siteServer: SiteServer; auth: TelegramAuthHandler }>({
  mock: [
    async ({}, use) => {
      const mock = await startMockTelegram({ control: true });
      await use(mock);
      await mock.stop();
    },
    { scope: 'worker' },
  ],
  // Every test starts from the mock's start-up state, whatever the previous one switched.
  resetMock: [
    async ({ mock }, use) => {
      await mock.control({ reset: true });
      await use();
    },
    { auto: true },
  ],
  siteServer: [
    async ({}, use) => {
      const pages: SiteServer['pages'] = new Map();
      const state: SiteServer = { origin: '', pages };
      const server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0]!;
        if (state.auth && path.startsWith('/auth/telegram/')) {
          state.auth(req, res);
          return;
        }
        const page = pages.get(path);
        if (page) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
          return;
        }
        const file = STATIC_FILES[path] ?? (dropInFile(path) ? { url: dropInFile(path)!, type: 'text/javascript' } : undefined);
        if (!file) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
          return;
        }
        readFile(file.url).then(
          (body) => res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(body),
          () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`missing ${file.url.pathname}: run npm run build`),
        );
      });
      state.origin = `http://127.0.0.1:${(await listen(server)).port}`;
      await use(state);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    { scope: 'worker' },
  ],
  // The server kit on the site's own server, as a site would mount it (node:http adapter).
  auth: [
    async ({ mock, siteServer }, use) => {
      const handler = createTelegramAuthHandler({
        clientId: mock.defaultClient.id,
        clientSecret: mock.defaultClient.secret,
        issuer: mock.issuer,
        redirectUri: siteServer.origin + CALLBACK_PATH,
        session: { secret: 'e2e-session-secret-0123456789-abcdefghij' },
      });
      siteServer.auth = toNodeListener(handler);
      await use(handler);
      delete siteServer.auth;
    },
    { scope: 'worker', auto: true },
  ],
  site: async ({ siteServer }, use) => {
    siteServer.pages.clear();
    await use({
      origin: siteServer.origin,
      page(path, html, headers = {}) {
        siteServer.pages.set(path, { html, headers });
        return siteServer.origin + path;
      },
    });
  },
});

/** Verifies an id_token the way a relying party must: signature by the JWKS, issuer, audience. */
export async function verifyIdToken(mock: MockTelegram, token: string, clientId = mock.defaultClient.id): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(mock.jwksUri)), {
    issuer: mock.issuer,
    audience: clientId,
    algorithms: ['RS256', 'ES256', 'EdDSA'],
  });
  return payload;
}

/** An event of the element, as e2e/harness.js logs it. */
export interface LoggedEvent {
  type: 'telegram-login-start' | 'telegram-login-success' | 'telegram-login-error' | 'telegram-login-cancel';
  target: string;
  at: number;
  detail: {
    idToken?: string;
    user?: Record<string, unknown>;
    error?: { name: string; code: string; message: string; providerError?: string };
    clientId?: string;
    flow?: 'library' | 'popup' | 'redirect';
    code?: string;
    returnTo?: string;
  };
}

/** Resolves with the next element event (of `type`, when given) that the harness logs. */
export function nextEvent(page: Page, type?: LoggedEvent['type']): Promise<LoggedEvent> {
  return page
    .waitForEvent('console', (message) => {
      const text = message.text();
      return text.startsWith('event ') && (!type || (JSON.parse(text.slice(6)) as LoggedEvent).type === type);
    })
    .then((message) => JSON.parse(message.text().slice(6)) as LoggedEvent);
}

/** Every element event the page logs, in order. */
export function recordEvents(page: Page): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('event ')) events.push(JSON.parse(message.text().slice(6)) as LoggedEvent);
  });
  return events;
}

/** A site page with the drop-in bundle, the event harness and `body`. */
export function elementPage(
  site: Site,
  body: string,
  { path = '/element', lang = 'en', head = '', headers = {} }: { path?: string; lang?: string; head?: string; headers?: Record<string, string> } = {},
): string {
  return site.page(
    path,
    `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>Element test</title>
<script src="/harness.js"></script>
<script type="module" src="/telegram-login-kit.js"></script>
${head}
</head>
<body>
${body}
</body>
</html>`,
    headers,
  );
}

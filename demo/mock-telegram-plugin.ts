import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { DEFAULT_BOT, DEFAULT_CLIENT, startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { createTelegramAuthHandler, toNodeListener, type TelegramAuthHandler, type TelegramAuthHandlerOptions } from '../src/server/index.js';
import { resolveDemoMode } from './demo-mode.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What the page learns from its server: where Telegram (or the mock) is, and which bot. */
interface PageSettings {
  mode: 'mock' | 'telegram';
  issuer: string;
  clientId: string;
  librarySrc: string;
  /** The mock's own (public) client secret and bot, for the local target's server snippets; never a real one. */
  mockClientSecret?: string;
  mockBot?: { username: string; token: string; appUrl: string };
}

function metaTags(settings: PageSettings): HtmlTagDescriptor[] {
  const entries: Record<string, string> = {
    mode: settings.mode,
    issuer: settings.issuer,
    'client-id': settings.clientId,
    'library-src': settings.librarySrc,
    version: VERSION,
    ...(settings.mode === 'mock' && settings.mockClientSecret ? { 'mock-client-secret': settings.mockClientSecret } : {}),
    ...(settings.mode === 'mock' && settings.mockBot
      ? { 'mock-bot-username': settings.mockBot.username, 'mock-bot-token': settings.mockBot.token, 'mock-app-url': settings.mockBot.appUrl }
      : {}),
  };
  return Object.entries(entries).map(([name, content]) => ({
    tag: 'meta',
    attrs: { name: `telegram-login-kit:${name}`, content },
    injectTo: 'head',
  }));
}

// Vite restarts the dev server (re-importing this file) whenever a config dependency such as
// src/server changes; the mock outlives those restarts instead of colliding with itself on its port.
// It ends with the process.
const MOCKS = Symbol.for('telegram-login-kit.demo.mocks');
type MockRegistry = Map<number, Promise<MockTelegram>>;

function sharedMock(port: number, onLog: (line: string) => void): Promise<MockTelegram> {
  const registry = ((globalThis as Record<symbol, MockRegistry | undefined>)[MOCKS] ??= new Map());
  let mock = registry.get(port);
  if (!mock) {
    mock = startMockTelegram({ port, control: true, onLog: (line) => logger.current(line) }).catch((error: unknown) => {
      registry.delete(port);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`port ${port} for the mock Telegram is in use; set MOCK_PORT to another port`);
      }
      throw error;
    });
    registry.set(port, mock);
  }
  logger.current = onLog;
  return mock;
}
const logger = (((globalThis as Record<symbol, { current: (line: string) => void } | undefined>)[Symbol.for('telegram-login-kit.demo.log')]) ??= {
  current: () => {},
});

// The bot flow's updates come from the mock by long polling. Telegram (and the mock) allow one
// getUpdates per bot, so the handler of a restarted dev server takes over from the previous one.
const POLLERS = Symbol.for('telegram-login-kit.demo.bot-pollers');
type PollerRegistry = Map<number, { stop: AbortController; done: Promise<void> }>;

async function pollBotUpdates(port: number, handler: TelegramAuthHandler, log: (line: string) => void): Promise<void> {
  const registry = ((globalThis as Record<symbol, PollerRegistry | undefined>)[POLLERS] ??= new Map());
  const previous = registry.get(port);
  if (previous) {
    previous.stop.abort();
    await previous.done;
  }
  const stop = new AbortController();
  const done = handler.pollBotUpdates({ signal: stop.signal }).catch((error: unknown) => {
    log(`[bot] the bot flow stopped hearing the mock's bot: ${error instanceof Error ? error.message : String(error)}`);
  });
  registry.set(port, { stop, done });
}

/**
 * `npm start`: runs the offline Telegram next to the demo's dev server (or, with TELEGRAM_CLIENT_ID,
 * TELEGRAM_CLIENT_SECRET and PUBLIC_URL, uses the real one), tells the page where it is, and mounts
 * the server kit at /auth/telegram, as a site's own server does.
 */
export function mockTelegram(options: { demoPort: number }): Plugin {
  const mode = resolveDemoMode(process.env, { demoPort: options.demoPort });
  let settings: PageSettings | undefined;
  return {
    name: 'telegram-login-kit:mock-telegram',
    apply: 'serve',
    config() {
      if (mode.kind === 'invalid') {
        throw new Error(`The demo cannot talk to the real Telegram:\n  - ${mode.problems.join('\n  - ')}\nUnset TELEGRAM_CLIENT_ID and TELEGRAM_CLIENT_SECRET to use the mock.`);
      }
      // A tunnel's host name reaches Vite with its own Host header; let it in.
      return mode.kind === 'telegram' ? { server: { allowedHosts: [mode.publicHost] } } : {};
    },
    async configureServer(server) {
      const log = (line: string) => server.config.logger.info(line);
      let handlerOptions: TelegramAuthHandlerOptions;
      let banner: string;
      if (mode.kind === 'telegram') {
        settings = { mode: 'telegram', issuer: mode.issuer, clientId: mode.clientId, librarySrc: mode.librarySrc };
        handlerOptions = { clientId: mode.clientId, clientSecret: mode.clientSecret, redirectUri: mode.redirectUri, session: { secret: randomBytes(32).toString('base64url') } };
        banner = [
          '',
          '  Real Telegram   https://oauth.telegram.org (TELEGRAM_CLIENT_ID is set)',
          `  client id       ${mode.clientId}`,
          `  open            ${mode.redirectUri}   (PUBLIC_URL; it must reach this server)`,
          `  BotFather       Bot Settings → Web Login → Allowed URLs must list ${new URL(mode.redirectUri).origin}`,
          `                  and, for the code flows, ${mode.redirectUri}`,
          '',
        ].join('\n');
      } else if (mode.kind === 'mock') {
        const mock = await sharedMock(mode.mockPort, (line) => log(`[mock telegram] ${line}`));
        const bot = mock.bots[0]!;
        settings = {
          mode: 'mock',
          issuer: mock.issuer,
          clientId: mock.defaultClient.id,
          librarySrc: mock.libraryUrl,
          mockClientSecret: mock.defaultClient.secret,
          mockBot: { username: bot.username, token: bot.token, appUrl: mock.app.url },
        };
        // The code flows come back to the demo page itself; the session secret lives as long as the
        // process. The bot flow uses the mock's bot; its links open the simulated Telegram app.
        handlerOptions = {
          clientId: mock.defaultClient.id,
          clientSecret: mock.defaultClient.secret,
          issuer: mock.issuer,
          redirectUri: mode.redirectUri,
          session: { secret: randomBytes(32).toString('base64url') },
          bot: { token: bot.token, username: bot.username, apiRoot: mock.issuer, linkBase: `${mock.app.url}/resolve` },
        };
        banner = [
          '',
          `  Demo            ${mode.redirectUri}   ← open this`,
          `  Mock Telegram   ${mock.issuer}`,
          `  Telegram app    ${mock.app.url}   (the simulated app: bot chats, deep links, login_url)`,
          `  client id       ${mock.defaultClient.id}`,
          `  client secret   ${mock.defaultClient.secret}`,
          `  bot             @${bot.username}   (the bot flow; its links open the Telegram app above)`,
          '  Real Telegram?  set TELEGRAM_CLIENT_ID, TELEGRAM_CLIENT_SECRET and PUBLIC_URL (see docs/demo.md)',
          '',
        ].join('\n');
      } else {
        return;
      }
      // The demo shows the raw id_token of code-flow logins too, so its server opts in to returning it.
      const handler = createTelegramAuthHandler({ ...handlerOptions, returnIdToken: true, onEvent: (event) => log(`[auth] ${JSON.stringify(event)}`) });
      server.middlewares.use(toNodeListener(handler));
      if (mode.kind === 'mock') await pollBotUpdates(mode.mockPort, handler, log);
      server.httpServer?.once('listening', () => log(banner));
    },
    transformIndexHtml() {
      return settings ? metaTags(settings) : [];
    },
  };
}

/**
 * `vite build --mode demo-static`: the same page as static files (dist/demo). Its server part is
 * whatever serves them plus the server kit at /auth/telegram (demo/serve.mjs does both); the page
 * learns the provider from meta tags fixed at build time.
 */
export function staticDemoSettings(): Plugin {
  const mode = resolveDemoMode(process.env, { demoPort: 0 });
  if (mode.kind === 'invalid') throw new Error(`demo-static: ${mode.problems.join('; ')}`);
  const mockUrl = (process.env.MOCK_URL ?? 'http://127.0.0.1:9400').replace(/\/+$/, '');
  const settings: PageSettings =
    mode.kind === 'telegram'
      ? { mode: 'telegram', issuer: mode.issuer, clientId: mode.clientId, librarySrc: mode.librarySrc }
      : {
          mode: 'mock',
          issuer: mockUrl,
          clientId: DEFAULT_CLIENT.id,
          librarySrc: `${mockUrl}/js/telegram-login.js`,
          mockClientSecret: DEFAULT_CLIENT.secret,
          mockBot: { username: DEFAULT_BOT.username, token: DEFAULT_BOT.token, appUrl: `${mockUrl}/app` },
        };
  return { name: 'telegram-login-kit:static-demo', apply: 'build', transformIndexHtml: () => metaTags(settings) };
}

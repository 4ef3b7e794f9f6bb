import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';
import { createTelegramAuthHandler, toNodeListener } from '../src/server/index.js';

/**
 * Runs the offline Telegram next to the demo's dev server and tells the page where it is, and mounts
 * the server kit at /auth/telegram (what a site's own server does), so `npm start` needs no bot, no
 * domain and no configuration.
 */
export function mockTelegram(options: { port: number; demoPort: number }): Plugin {
  let mock: MockTelegram | undefined;
  return {
    name: 'telegram-login-kit:mock-telegram',
    apply: 'serve',
    async configureServer(server) {
      try {
        mock = await startMockTelegram({
          port: options.port,
          control: true,
          onLog: (line) => server.config.logger.info(`[mock telegram] ${line}`),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new Error(`port ${options.port} for the mock Telegram is in use; set MOCK_PORT to another port`);
        }
        throw error;
      }
      const started = mock;
      server.httpServer?.once('close', () => void started.stop());
      // The code flows come back to the demo page itself; the session secret lives as long as the process.
      const handler = createTelegramAuthHandler({
        clientId: mock.defaultClient.id,
        clientSecret: mock.defaultClient.secret,
        issuer: mock.issuer,
        redirectUri: `http://localhost:${options.demoPort}/`,
        session: { secret: randomBytes(32).toString('base64url') },
        onEvent: (event) => server.config.logger.info(`[auth] ${JSON.stringify(event)}`),
      });
      server.middlewares.use(toNodeListener(handler));
      server.httpServer?.once('listening', () => {
        server.config.logger.info(
          `\n  Mock Telegram   ${started.issuer}\n  client id       ${started.defaultClient.id}\n  client secret   ${started.defaultClient.secret}\n`,
        );
      });
    },
    transformIndexHtml() {
      if (!mock) return [];
      return [
        { tag: 'meta', attrs: { name: 'telegram-login-kit:issuer', content: mock.issuer }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'telegram-login-kit:client-id', content: mock.defaultClient.id }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'telegram-login-kit:library-src', content: mock.libraryUrl }, injectTo: 'head' },
      ];
    },
  };
}

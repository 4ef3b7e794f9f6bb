import type { Plugin } from 'vite';
import { startMockTelegram, type MockTelegram } from '../src/mock/index.js';

/**
 * Runs the offline Telegram next to the demo's dev server and tells the page where it is, so
 * `npm start` needs no bot, no domain and no configuration.
 */
export function mockTelegram(options: { port: number }): Plugin {
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

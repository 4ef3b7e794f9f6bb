import { expect, test } from '@playwright/test';

// Importing the package on a server (SSR, Node without a DOM) must not throw or touch the DOM.
// These import the build output, as a user's server would (npm test builds first).
test('imports every entry point in Node without a DOM', async () => {
  expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  const main = await import('../dist/index.js');
  const element = await import('../dist/element/telegram-login-button.js');
  const mock = await import('../dist/mock/index.js');
  expect(typeof main.login).toBe('function');
  expect(main.TelegramLoginButtonElement).toBe(element.TelegramLoginButtonElement);
  expect(typeof element.TelegramLoginButtonElement.define).toBe('function');
  expect(typeof mock.startMockTelegram).toBe('function');
  expect(new main.TelegramLoginError('timeout', 'x').code).toBe('timeout');
  expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
});

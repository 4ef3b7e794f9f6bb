import { expect, test } from './fixtures.js';
import { chromiumExecutable } from './browser.js';

// Playwright turns the popup blocker off by default; this file turns it back on. No polling
// assertions here: each poll would hand the page a fresh user gesture (Playwright grants user activation with every evaluate and expect poll).
test.use({
  launchOptions: { executablePath: chromiumExecutable(), ignoreDefaultArgs: ['--disable-popup-blocking'] },
  trace: 'off',
});

test('gives no callback at all when the browser blocks the popup, as Telegram’s library does', async ({ page, site, mock }) => {
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  const settled = page.waitForEvent('console', (message) => message.text() === 'one second later');
  await page.goto(
    site.page(
      '/blocked',
      `<!doctype html><meta charset="utf-8"><script src="${mock.libraryUrl}"></script>
<script>
  const open = window.open;
  window.open = function (...args) {
    const popup = open.apply(this, args);
    console.log('window.open returned ' + (popup ? 'a window' : 'null'));
    return popup;
  };
  window.addEventListener('load', () => setTimeout(() => {
    Telegram.Login.auth({ client_id: '${mock.defaultClient.id}' }, (r) => console.log('auth-result ' + JSON.stringify(r)));
    setTimeout(() => console.log('one second later'), 1000);
  }));
</script>`,
    ),
  );
  await settled;
  expect(messages).toContain('window.open returned null');
  expect(messages.filter((text) => text.startsWith('auth-result'))).toEqual([]);
});

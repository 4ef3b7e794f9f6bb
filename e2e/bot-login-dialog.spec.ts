import { AxeBuilder } from '@axe-core/playwright';
import jsqr from 'jsqr';
import type { Page } from '@playwright/test';
import { nextEvent } from './fixtures.js';
import { ALICE, BOT, botPage, dialogShows, expect, MINUTE_BOT_URL, openAndStart, sessionUser, test } from './bot-fixtures.js';

// jsqr is CommonJS: its function is both the module and its `default`; the types know only the latter.
const jsQR = jsqr.default;

/**
 * The bot flow's waiting dialog as a user meets it: the QR code a camera reads, a phone's tap that
 * opens Telegram, the keyboard and screen reader, the language, the chunks it loads, and login()
 * without the element. Against the real server kit and the mock, as in bot-login.spec.ts.
 */

/** The pixels of a PNG, decoded by the browser (no PNG library in the tests). */
async function pixels(page: Page, png: Buffer): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const decoder = await page.context().newPage();
  const { data, width, height } = await decoder.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    return { data: [...context.getImageData(0, 0, image.width, image.height).data], width: image.width, height: image.height };
  }, `data:image/png;base64,${png.toString('base64')}`);
  await decoder.close();
  return { data: Uint8ClampedArray.from(data), width, height };
}

test('the QR code on screen decodes to the https link, in the light and the dark theme', async ({ page, site }) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(botPage(site, { attributes: `theme="${theme}"` }));
    await page.click('#tg');
    const { https } = await dialogShows(page);
    const qr = page.getByRole('img', { name: 'QR code that opens the login in Telegram' });
    const { data, width, height } = await pixels(page, await qr.screenshot());
    expect(jsQR(data, width, height)?.data, theme).toBe(https);
    await page.getByRole('button', { name: 'Cancel' }).click();
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the tap opens the tg: link at once, the dialog shows the match code without a QR code, and the login completes', async ({ page, site, mock }) => {
    const opened: string[] = [];
    page.on('request', (request) => request.url().startsWith('tg:') && opened.push(request.url()));
    await page.goto(botPage(site));
    await page.tap('#tg');
    const { matchCode, tg } = await dialogShows(page);
    expect(opened).toEqual([tg]);
    await expect(page.getByRole('dialog').getByRole('img')).toHaveCount(0);
    await expect(page.getByRole('dialog')).toContainText('In Telegram, press Start, then press this code:');
    await expect(page.getByRole('dialog')).toContainText('Waiting for your confirmation in Telegram…');

    // The Telegram app opens the tg: link the page handed to the system.
    await openAndStart(mock, ALICE, tg);
    const success = nextEvent(page, 'telegram-login-success');
    await mock.app.press(ALICE, matchCode);
    expect((await success).detail).toMatchObject({ flow: 'bot', user: { tg_id: ALICE } });
    expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: ALICE });
  });
});

test('the open dialog: labelled and described, focus in and back, Escape cancels, no axe violations, reduced motion', async ({ page, site }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(
    botPage(site, {
      attributes: 'text="signin"',
      head: '<style>.dark-panel { background: #17212b; padding: 16px; }</style>',
      more: '<div class="dark-panel"><telegram-login-button id="dark" flow="bot" theme="dark" text="signin"></telegram-login-button></div>',
    }),
  );
  for (const id of ['tg', 'dark']) {
    await page.click(`#${id}`);
    const { matchCode } = await dialogShows(page);
    const dialog = page.getByRole('dialog', { name: 'Sign in with Telegram' });
    await expect(dialog).toHaveAccessibleDescription(`In Telegram, press Start, then press this code: ${matchCode}`);
    await expect(dialog.getByRole('link', { name: 'Open Telegram' })).toBeFocused();
    await expect(dialog.locator('.wd-spinner')).toHaveCSS('animation-name', 'none');
    expect((await new AxeBuilder({ page }).analyze()).violations, id).toEqual([]);

    const cancelled = nextEvent(page, 'telegram-login-cancel');
    await page.keyboard.press('Escape');
    expect((await cancelled).detail.error?.code).toBe('popup_closed');
    await expect(dialog).toBeHidden();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
  }
});

test('the time left is a timer screen readers read when asked; the one announcement comes when a minute is left', async ({ page, site }) => {
  await page.goto(botPage(site, { attributes: `bot-url="${MINUTE_BOT_URL}"` }));
  await page.click('#tg');
  const dialog = page.getByRole('dialog');
  const timer = dialog.getByRole('timer');
  await expect(timer).toHaveText(/^Expires in 1:0[0-2]$/);
  // role="timer" is not live; nothing but the status region speaks, and only once.
  await expect(timer).not.toHaveAttribute('aria-live', /.+/);
  const status = dialog.getByRole('status');
  await expect(status).toHaveText('One minute left to confirm.');
  await expect(timer).toHaveText(/^Expires in 0:5\d$/);
  await expect(status).toHaveText('One minute left to confirm.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('a Russian page: the dialog speaks Russian, and the login loads the bot chunk and the Russian dialog strings only', async ({ page, site }) => {
  const chunks: string[] = [];
  page.on('request', (request) => {
    const name = /\/chunks\/([\w-]+?)-[\w-]{8}\.js$/.exec(request.url())?.[1];
    if (name) chunks.push(name);
  });
  await page.goto(botPage(site, { lang: 'ru' }));
  await expect(page.locator('#tg').getByRole('button')).toHaveText('Войти через Telegram');
  await page.click('#tg');
  const dialog = page.getByRole('dialog', { name: 'Войти через Telegram' });
  await expect(dialog.getByRole('link', { name: 'Открыть Telegram' })).toBeVisible();
  await expect(dialog).toContainText('В Telegram нажмите «Запустить», затем этот код:');
  await expect(dialog.getByRole('timer')).toHaveText(/^Истекает через [45]:\d\d$/);
  await expect(dialog).toHaveAttribute('lang', 'ru');
  expect(chunks.sort()).toEqual(['bot-dialog', 'dialog-ru', 'ru']);
  await dialog.getByRole('button', { name: 'Отмена' }).click();
});

test('a bot chunk that fails to load is chunk_load_failed with no dialog, and the next click loads it', async ({ page, site }) => {
  await page.route('**/chunks/bot-dialog-*.js', (route) => route.abort());
  await page.goto(botPage(site));
  const failed = nextEvent(page, 'telegram-login-error');
  await page.click('#tg');
  expect((await failed).detail.error).toMatchObject({ code: 'chunk_load_failed', message: expect.stringContaining('could not load the bot login part') });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.unrouteAll();
  await page.click('#tg');
  await dialogShows(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('login({ flow: "bot" }) without the element shows the same dialog and resolves with the user', async ({ page, site, mock }) => {
  site.page(
    '/own-button.js',
    `import { login } from '/telegram-login-kit.js';
document.querySelector('#own').addEventListener('click', () => {
  login({ flow: 'bot' }).then((result) => console.log('login-result ' + result.flow + ' ' + result.user.tg_id), (error) => console.log('login-result ' + error.code));
});`,
    { 'Content-Type': 'text/javascript' },
  );
  await page.goto(site.page('/own', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Own button</title><script type="module" src="/own-button.js"></script></head><body><button id="own">My login</button></body></html>`));
  await page.click('#own');
  const { matchCode, https } = await dialogShows(page);
  await expect(page.getByRole('dialog', { name: 'Log in with Telegram' })).toBeVisible();
  await openAndStart(mock, ALICE, https);
  const result = page.waitForEvent('console', (message) => message.text().startsWith('login-result '));
  await mock.app.press(ALICE, matchCode);
  expect((await result).text()).toBe(`login-result bot ${ALICE}`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('#own')).toBeFocused();
  expect(new URL(https).searchParams.get('domain')).toBe(BOT);
});

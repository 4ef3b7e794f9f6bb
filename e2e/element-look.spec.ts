import type { Locator, Page } from '@playwright/test';
import type { MockTelegram } from '../src/mock/index.js';
import { elementPage, expect, test, type Site } from './fixtures.js';

/** What each look attribute does to the rendered button, read from computed styles and the accessibility tree. */

async function render(page: Page, site: Site, mock: MockTelegram, attributes: string, options: { lang?: string; head?: string; wrap?: (html: string) => string } = {}): Promise<Locator> {
  const element = `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}" ${attributes}></telegram-login-button>`;
  await page.goto(elementPage(site, options.wrap ? options.wrap(element) : element, { lang: options.lang ?? 'en', head: options.head ?? '' }));
  await page.evaluate(() => customElements.whenDefined('telegram-login-button'));
  return page.locator('#tg').getByRole('button');
}

const WHITE = 'rgb(255, 255, 255)';
const BLUE = 'rgb(11, 114, 196)';
const INK = 'rgb(17, 17, 17)';
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

const LOOKS: [attributes: string, css: Record<string, string>][] = [
  ['', { height: '44px', 'border-top-left-radius': '22px', 'background-color': BLUE, color: WHITE, 'font-size': '16px' }],
  ['size="large"', { height: '44px', 'font-size': '16px' }],
  ['size="medium"', { height: '36px', 'font-size': '15px', 'border-top-left-radius': '18px' }],
  ['size="small"', { height: '28px', 'font-size': '13px', 'border-top-left-radius': '14px' }],
  ['shape="pill"', { 'border-top-left-radius': '22px' }],
  ['shape="rounded"', { 'border-top-left-radius': '10px' }],
  ['shape="square"', { 'border-top-left-radius': '4px' }],
  ['appearance="filled"', { 'background-color': BLUE, color: WHITE }],
  ['appearance="outlined"', { 'background-color': TRANSPARENT, color: INK, 'border-top-color': 'rgba(0, 0, 0, 0.16)' }],
  ['appearance="outlined" theme="light"', { color: INK }],
  ['appearance="outlined" theme="dark"', { color: WHITE, 'border-top-color': 'rgba(255, 255, 255, 0.28)' }],
  ['icon-only', { width: '44px', height: '44px' }],
  ['size="small" icon-only', { width: '28px', height: '28px' }],
];

for (const [attributes, css] of LOOKS) {
  test(`renders ${attributes || 'the defaults'} as specified`, async ({ page, site, mock }) => {
    const button = await render(page, site, mock, attributes);
    for (const [property, value] of Object.entries(css)) await expect(button).toHaveCSS(property, value);
  });
}

test('theme="auto" follows prefers-color-scheme', async ({ page, site, mock }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const button = await render(page, site, mock, 'theme="auto" appearance="outlined"');
  await expect(button).toHaveCSS('color', WHITE);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(button).toHaveCSS('color', INK);
});

test('theme="dark" switches the focus ring to a color that shows on dark backgrounds', async ({ page, site, mock }) => {
  const button = await render(page, site, mock, 'theme="dark"');
  await page.keyboard.press('Tab');
  await expect(button).toBeFocused();
  await expect(button).toHaveCSS('outline-color', 'rgb(106, 179, 243)');
});

test('icon-only keeps the label as the accessible name', async ({ page, site, mock }) => {
  await render(page, site, mock, 'icon-only');
  await expect(page.getByRole('button', { name: 'Log in with Telegram' })).toBeVisible();
  const label = page.locator('#tg').locator('[part="label"]');
  expect((await label.boundingBox())!.width).toBeLessThanOrEqual(1);
});

test('shine animates a highlight, and stops for users who prefer reduced motion', async ({ page, site, mock }) => {
  const button = await render(page, site, mock, 'shine');
  const after = () => button.evaluate((el) => [getComputedStyle(el, '::after').animationName, getComputedStyle(el, '::after').display]);
  expect(await after()).toEqual(['shine', 'block']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await after()).toEqual(['none', 'none']);
});

test('full-width fills its container', async ({ page, site, mock }) => {
  const button = await render(page, site, mock, 'full-width', { wrap: (html) => `<div style="width: 400px">${html}</div>` });
  expect((await button.boundingBox())!.width).toBe(400);
});

for (const [text, name] of [
  ['login', 'Log in with Telegram'],
  ['signin', 'Sign in with Telegram'],
  ['signup', 'Sign up with Telegram'],
  ['continue', 'Continue with Telegram'],
] as const) {
  test(`text="${text}" labels the button "${name}"`, async ({ page, site, mock }) => {
    await render(page, site, mock, `text="${text}"`);
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  });
}

test('the default slot replaces the label', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}">Continue as Alice</telegram-login-button>`),
  );
  await expect(page.getByRole('button', { name: 'Continue as Alice', exact: true })).toBeVisible();
});

test('CSS custom properties override every variant, and the parts can be styled', async ({ page, site, mock }) => {
  const button = await render(page, site, mock, 'size="small" shape="square" appearance="outlined"', {
    head: `<style>
      telegram-login-button {
        --telegram-login-button-background: rgb(1, 2, 3);
        --telegram-login-button-color: rgb(4, 5, 6);
        --telegram-login-button-border-color: rgb(7, 8, 9);
        --telegram-login-button-radius: 3px;
        --telegram-login-button-height: 50px;
        --telegram-login-button-font: italic 700 20px serif;
        --telegram-login-button-focus-ring: rgb(10, 11, 12);
      }
      telegram-login-button::part(button) { letter-spacing: 2px; }
      telegram-login-button::part(label) { text-transform: uppercase; }
      telegram-login-button::part(icon) { opacity: 0.5; }
    </style>`,
  });
  await expect(button).toHaveCSS('background-color', 'rgb(1, 2, 3)');
  await expect(button).toHaveCSS('color', 'rgb(4, 5, 6)');
  await expect(button).toHaveCSS('border-top-color', 'rgb(7, 8, 9)');
  await expect(button).toHaveCSS('border-top-left-radius', '3px');
  await expect(button).toHaveCSS('height', '50px');
  await expect(button).toHaveCSS('font-style', 'italic');
  await expect(button).toHaveCSS('font-size', '20px');
  await expect(button).toHaveCSS('letter-spacing', '2px');
  await expect(page.locator('#tg').locator('[part="label"]')).toHaveCSS('text-transform', 'uppercase');
  await expect(page.locator('#tg').locator('[part="icon"]')).toHaveCSS('opacity', '0.5');
  await page.keyboard.press('Tab');
  await expect(button).toHaveCSS('outline-color', 'rgb(10, 11, 12)');
});

const LABELS: [lang: string, name: string][] = [
  ['ru', 'Войти через Telegram'],
  ['uk', 'Увійти через Telegram'],
  ['be', 'Увайсці праз Telegram'],
  ['es', 'Iniciar sesión con Telegram'],
  ['pt-BR', 'Entrar com o Telegram'],
  ['de', 'Mit Telegram anmelden'],
  ['fr', 'Se connecter avec Telegram'],
  ['it', 'Accedi con Telegram'],
  ['tr', 'Telegram ile giriş yap'],
  ['id', 'Masuk dengan Telegram'],
  ['fa', 'ورود با تلگرام'],
  ['ar', 'تسجيل الدخول عبر تيليجرام'],
  ['zh-CN', '使用 Telegram 登录'],
  ['zh-TW', '使用 Telegram 登入'],
  ['ja', 'Telegramでログイン'],
  ['ko', 'Telegram으로 로그인'],
  ['pl', 'Zaloguj się przez Telegram'],
  ['nl', 'Inloggen met Telegram'],
  ['uz', 'Telegram orqali kirish'],
  ['kk', 'Telegram арқылы кіру'],
  ['hi', 'Telegram से लॉग इन करें'],
  ['sv', 'Log in with Telegram'],
];

test('speaks every built-in language, and falls back to English', async ({ page, site, mock }) => {
  await page.goto(
    elementPage(
      site,
      LABELS.map(([lang]) => `<telegram-login-button lang="${lang}" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`).join('\n'),
    ),
  );
  for (const [lang, name] of LABELS) {
    await expect(page.locator(`telegram-login-button[lang="${lang}"]`).getByRole('button'), `lang=${lang}`).toHaveAccessibleName(name);
  }
});

test('lays Persian and Arabic out right to left', async ({ page, site, mock }) => {
  for (const lang of ['fa', 'ar']) {
    const button = await render(page, site, mock, `lang="${lang}"`);
    await expect(button).toHaveAttribute('dir', 'rtl');
    const icon = (await page.locator('#tg').locator('[part="icon"]').boundingBox())!;
    const label = (await page.locator('#tg').locator('[part="label"]').boundingBox())!;
    expect(icon.x).toBeGreaterThan(label.x);
  }
});

test('takes its language from lang, then the nearest ancestor, then the document, and follows changes', async ({ page, site, mock }) => {
  const tag = (id: string, lang = '') =>
    `<telegram-login-button id="${id}" ${lang} client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`;
  await page.goto(elementPage(site, `${tag('own', 'lang="uk"')}<section lang="de">${tag('ancestor')}</section>${tag('document')}`, { lang: 'fr' }));
  const name = (id: string) => page.locator(`#${id}`).getByRole('button');
  await expect(name('own')).toHaveAccessibleName('Увійти через Telegram');
  await expect(name('ancestor')).toHaveAccessibleName('Mit Telegram anmelden');
  await expect(name('document')).toHaveAccessibleName('Se connecter avec Telegram');

  await page.evaluate(() => document.documentElement.setAttribute('lang', 'es'));
  await expect(name('document')).toHaveAccessibleName('Iniciar sesión con Telegram');
  await page.evaluate(() => document.querySelector('#own')!.setAttribute('lang', 'it'));
  await expect(name('own')).toHaveAccessibleName('Accedi con Telegram');
});

test('registerTranslation adds a language and overrides strings', async ({ page, site, mock }) => {
  site.page(
    '/translations.js',
    `import { registerTranslation } from '/telegram-login-kit.js';
registerTranslation({ $code: 'sv', login: 'Logga in med Telegram' }, { $code: 'en', signup: 'Join with Telegram' });
document.body.insertAdjacentHTML('beforeend',
  '<telegram-login-button id="sv" lang="sv" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>' +
  '<telegram-login-button id="en" text="signup" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>');`,
    { 'Content-Type': 'text/javascript' },
  );
  await page.goto(elementPage(site, '', { head: '<script type="module" src="/translations.js"></script>' }));
  await expect(page.locator('#sv').getByRole('button')).toHaveAccessibleName('Logga in med Telegram');
  await expect(page.locator('#en').getByRole('button')).toHaveAccessibleName('Join with Telegram');
});

test('registerTranslation re-renders buttons already on the page, at once', async ({ page, site, mock }) => {
  await page.goto(elementPage(site, `<telegram-login-button id="sv" lang="sv" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`));
  const button = page.locator('#sv').getByRole('button');
  await expect(button).toHaveAccessibleName('Log in with Telegram'); // no Swedish yet: English
  await page.evaluate(async () => {
    const { registerTranslation } = (await import('/telegram-login-kit.js' as string)) as typeof import('../src/index.js');
    registerTranslation({ $code: 'sv', login: 'Logga in med Telegram' });
  });
  await expect(button).toHaveAccessibleName('Logga in med Telegram');
});

import { expect, test } from '@playwright/test';
import { BUILT_IN_LANGUAGES } from '../element/labels.js';
import { resolveTranslation } from '../element/localize.js';
import { renderConsentPage, renderErrorPage, renderResultPage } from './pages.js';
import { getAuth, useMock } from './test-fixtures.js';
import { PAGE_LANGUAGES, pageStrings } from './translations/index.js';

useMock();

/** What the element sends as `lang` for each language it ships. */
const ELEMENT_LANGS = BUILT_IN_LANGUAGES.map((code) => resolveTranslation(code).$telegram);

function htmlLangOf(html: string): string | undefined {
  return /<html lang="([^"]+)"/.exec(html)?.[1];
}

test('the consent page speaks every language the element passes on as lang, and only those', () => {
  expect([...PAGE_LANGUAGES].sort()).toEqual([...ELEMENT_LANGS].sort());
});

test('GET /auth shows the consent page in each of them, right to left for Arabic and Persian', async () => {
  const english = pageStrings('en');
  for (const lang of ELEMENT_LANGS) {
    const strings = pageStrings(lang);
    const html = await (await getAuth({ lang, scope: 'openid profile phone telegram:bot_access' })).text();
    expect(htmlLangOf(html), lang).toBe(lang);
    expect(html.includes('<html lang="' + lang + '" dir="rtl">'), lang).toBe(lang === 'ar' || lang === 'fa');
    for (const text of [strings.title, strings.allow, strings.deny, strings.chooseUser, strings.phone, strings.write, strings.mockNotice]) {
      expect(html, `${lang}: ${text}`).toContain(text.replace(/&/g, '&#38;').replace(/'/g, '&#39;'));
    }
    if (lang !== 'en') expect(html, lang).not.toContain(`>${english.allow}</button>`);
  }
});

test('every translation is complete and names the bot and the site', () => {
  const keys = Object.keys(pageStrings('en')).sort();
  for (const lang of PAGE_LANGUAGES) {
    const strings = pageStrings(lang);
    expect(Object.keys(strings).sort(), lang).toEqual(keys);
    for (const [key, value] of Object.entries(strings)) {
      if (typeof value === 'string') expect(value.trim().length, `${lang}.${key}`).toBeGreaterThan(0);
    }
    const wants = strings.wants('BOT', 'SITE');
    expect(wants.includes('BOT') && wants.includes('SITE'), lang).toBe(true);
    if (lang !== 'en') {
      const english = pageStrings('en');
      expect([strings.allow, strings.mockNotice, strings.noOpener].filter((text, index) => text === [english.allow, english.mockNotice, english.noOpener][index]), lang).toEqual([]);
    }
  }
});

test('regional tags and aliases find their language; anything else is English, and says so', async () => {
  const cases: Array<[string, string]> = [
    ['ru-RU', 'ru'],
    ['pt', 'pt-br'],
    ['pt_BR', 'pt-br'],
    ['zh-TW', 'zh-hant'],
    ['zh-Hant-HK', 'zh-hant'],
    ['zh-CN', 'zh-hans'],
    ['AR-EG', 'ar'],
    ['sv', 'en'],
    ['', 'en'],
  ];
  for (const [tag, code] of cases) expect(pageStrings(tag).$code, tag).toBe(code);
  expect(htmlLangOf(await (await getAuth({ lang: 'sv' })).text())).toBe('en');
});

test('the error and result pages use the same language', () => {
  expect(renderErrorPage('de', 'invalid_request', 'x')).toContain('<title>Anmeldung fehlgeschlagen</title>');
  const result = renderResultPage('ja', 'http://localhost:1', { event: 'auth_result' }, 0);
  expect(result).toContain('<html lang="ja">');
  expect(result).toContain('完了しました。このウィンドウは閉じてかまいません。');
  expect(result).toContain(JSON.stringify(pageStrings('ja').noOpener).slice(1, -1));
  const consent = renderConsentPage({ lang: 'fa', botName: 'Bot', site: 'a.example', scopes: ['openid'], users: [{ id: 1, firstName: 'A' }], requestId: 'r', avatarUrl: () => '/a.svg' });
  expect(consent).toContain('<html lang="fa" dir="rtl">');
  expect(consent).toContain(pageStrings('fa').noPhone);
});

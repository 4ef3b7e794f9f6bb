import { expect, test } from '@playwright/test';
import { resolveTranslation } from './element/localize.js';
import { matchLanguage } from './languages.js';
import { PAGE_LANGUAGES, pageStrings } from './mock/translations/index.js';
import { BOT_LOGIN_LANGUAGES, createBotTexts } from './server/bot/texts/index.js';

const TAGS = ['ru', 'ru-RU', 'EN_us', 'pt', 'pt-PT', 'zh', 'zh-CN', 'zh-TW', 'zh-Hant-TW', 'zh-Hans-CN', 'de-AT', 'sr-Latn', '', ' uk '];

test('matchLanguage tries the tag, its alias and shorter prefixes, and the Hant script, else gives undefined', () => {
  const known = new Set(['en', 'ru', 'pt-br', 'zh-hans', 'zh-hant', 'de']);
  const match = (tag: string | null | undefined) => matchLanguage(tag, (code) => (known.has(code) ? code : undefined));
  expect(TAGS.map(match)).toEqual(['ru', 'ru', 'en', 'pt-br', 'pt-br', 'zh-hans', 'zh-hans', 'zh-hant', 'zh-hant', 'zh-hans', 'de', undefined, undefined, undefined]);
  expect([match(null), match(undefined), match('constructor'), match('__proto__'), match('toString-x')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
});

test('the element, the bot\'s texts and the mock\'s pages pick the same language for a tag', () => {
  expect([...BOT_LOGIN_LANGUAGES].sort()).toEqual([...PAGE_LANGUAGES].sort());
  const bot = createBotTexts();
  const botCode = (tag: string) => BOT_LOGIN_LANGUAGES.find((code) => bot(code) === bot(tag));
  const pageCode = (tag: string) => PAGE_LANGUAGES.find((code) => pageStrings(code) === pageStrings(tag));
  for (const tag of [...TAGS, 'uk']) {
    const element = resolveTranslation(tag).$code;
    expect({ tag, bot: botCode(tag), page: pageCode(tag) }).toEqual({ tag, bot: element, page: element });
  }
});

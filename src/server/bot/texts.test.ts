import { expect, test } from '@playwright/test';
import { fill } from './messages.js';
import { BOT_LOGIN_LANGUAGES, createBotTexts } from './texts/index.js';
import { PLACEHOLDERS, type BotLoginTextName } from './texts/strings.js';

// The element's languages (src/element/messages/) and the mock's pages speak the same list.
const KIT_LANGUAGES = ['en', 'ru', 'uk', 'be', 'es', 'pt-br', 'de', 'fr', 'it', 'tr', 'id', 'fa', 'ar', 'zh-hans', 'zh-hant', 'ja', 'ko', 'pl', 'nl', 'uz', 'kk', 'hi'];

test('the bot speaks every language of the kit, each text translated and with exactly its placeholders', () => {
  expect([...BOT_LOGIN_LANGUAGES].sort()).toEqual([...KIT_LANGUAGES].sort());
  const textsFor = createBotTexts();
  const english = textsFor('en');
  for (const lang of KIT_LANGUAGES) {
    const texts = textsFor(lang);
    for (const name of Object.keys(PLACEHOLDERS) as BotLoginTextName[]) {
      const used = [...texts[name].matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const expected = [...english[name].matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(used, `${lang}.${name}`).toEqual(expected);
      if (lang !== 'en') expect(texts[name], `${lang}.${name} is translated`).not.toBe(english[name]);
    }
  }
});

test('in every language the warning about a login the reader did not start names the "Not me" button as it reads', () => {
  const textsFor = createBotTexts();
  for (const lang of KIT_LANGUAGES) expect(textsFor(lang).notStarted, lang).toContain(textsFor(lang).notMe);
});

test('Telegram\'s language_code picks the texts: regional tags, aliases, and English for anything else', () => {
  const textsFor = createBotTexts();
  expect(textsFor('ru').notMe).toBe('Это не я');
  expect(textsFor('pt').notMe).toBe('Não fui eu');
  expect(textsFor('zh-TW').notMe).toBe(textsFor('zh-hant').notMe);
  expect(textsFor('zh-Hant-HK').notMe).toBe(textsFor('zh-hant').notMe);
  expect(textsFor('de-AT').notMe).toBe('Das war ich nicht');
  for (const other of ['he', '', undefined, 'x-klingon', '../en']) expect(textsFor(other).notMe).toBe('Not me');
});

test('bot.texts overrides a language\'s texts or adds a language, English filling the gaps', () => {
  const textsFor = createBotTexts({ en: { prompt: 'Sign in to {site}?' }, HE: { notMe: 'זה לא אני' } });
  expect(textsFor('en').prompt).toBe('Sign in to {site}?');
  expect(textsFor('en').notMe).toBe('Not me');
  expect(textsFor('he')).toMatchObject({ notMe: 'זה לא אני', prompt: 'Log in to {site}?' });
  expect(textsFor('ru').prompt).toBe('Войти на {site}?');
});

test('bad bot.texts are TypeErrors naming the text and the fix', () => {
  expect(() => createBotTexts('hi' as never)).toThrow('"bot.texts" must be an object of languages, like { en: { prompt: \'Sign in to {site}?\' } }, got "hi"');
  expect(() => createBotTexts({ 'not a tag': {} })).toThrow('"bot.texts" key "not a tag" is not a language tag like en, ru or pt-br');
  expect(() => createBotTexts({ en: { greeting: 'Hi' } as never })).toThrow('"bot.texts.en.greeting" is not a bot text: use prompt, requestFrom, chooseCode, notStarted, notMe, approved, denied, wrongCode, expired, cancelled, notYours, unknownBrowser, unknownOs');
  expect(() => createBotTexts({ en: { notMe: '' } })).toThrow('"bot.texts.en.notMe" must be a non-empty string of at most 1000 characters, got ""');
  expect(() => createBotTexts({ en: { prompt: 'Log in as {user}?' } })).toThrow('"bot.texts.en.prompt" has the placeholder {user}, which it cannot fill: use {site}');
  expect(() => createBotTexts({ en: { notMe: 'Not {site}' } })).toThrow('"bot.texts.en.notMe" has the placeholder {site}, which it cannot fill: it takes none');
});

test('texts are escaped for Telegram\'s HTML: a site\'s wording or a value cannot inject markup', () => {
  expect(fill('Log in to {site}? <a href="x">', { site: 'a&b<i>' }, true)).toBe('Log in to <b>a&#38;b&#60;i&#62;</b>? &#60;a href=&#34;x&#34;&#62;');
  expect(fill('Log in to {site}?', { site: 'a&b' }, false)).toBe('Log in to a&b?');
});

import { expect, test } from '@playwright/test';
import { BUILT_IN_LANGUAGES } from '../labels.js';
import { registerTranslation } from '../localize.js';
import { DIALOG_MESSAGE_LOADERS } from './message-loaders.js';
import ENGLISH from './messages/en.js';
import { dialogTranslation } from './strings.js';

test('every built-in language has every dialog string, translated, with the {time} placeholder', async () => {
  expect(Object.keys(DIALOG_MESSAGE_LOADERS).sort()).toEqual(BUILT_IN_LANGUAGES.filter((code) => code !== 'en').sort());
  for (const lang of BUILT_IN_LANGUAGES) {
    const t = await dialogTranslation(lang);
    expect(t.$code, lang).toBe(lang);
    for (const key of Object.keys(ENGLISH) as (keyof typeof ENGLISH)[]) {
      expect(typeof t[key] === 'string' && t[key].trim().length > 0, `${lang}.${key}`).toBe(true);
      // Only the words Telegram and t.me may stay as they are.
      if (lang !== 'en') expect(t[key], `${lang}.${key} is still English`).not.toBe(ENGLISH[key]);
    }
    expect(t.dialogTimeLeft, lang).toContain('{time}');
    expect(t.botOpenWeb, lang).toContain('t.me');
  }
});

test('a language without a translation gets English; registerTranslation overrides single dialog strings', async () => {
  expect((await dialogTranslation('sr-Latn')).botOpen).toBe('Open Telegram');
  registerTranslation({ $code: 'de', botOpen: 'Telegram-App öffnen' });
  const german = await dialogTranslation('de-AT');
  expect(german.botOpen).toBe('Telegram-App öffnen');
  expect(german.dialogCancel).toBe('Abbrechen');
  registerTranslation({ $code: 'x-dialog', login: 'Test login', dialogCancel: 'Stop' });
  const made = await dialogTranslation('x-dialog');
  expect(made).toMatchObject({ $code: 'x-dialog', login: 'Test login', dialogCancel: 'Stop', botOpen: 'Open Telegram' });
});

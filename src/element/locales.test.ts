import { expect, test } from '@playwright/test';
import { BUILT_IN_LANGUAGES } from './labels.js';
import { registerTranslation, resolveTranslation } from './localize.js';

test('resolves BCP 47 tags to the closest built-in translation, else English', () => {
  const code = (lang: string | undefined) => resolveTranslation(lang).$code;
  expect(code('ru')).toBe('ru');
  expect(code('ru-RU')).toBe('ru');
  expect(code('EN_us')).toBe('en');
  expect(code('pt')).toBe('pt-br');
  expect(code('pt-PT')).toBe('pt-br');
  expect(code('zh')).toBe('zh-hans');
  expect(code('zh-CN')).toBe('zh-hans');
  expect(code('zh-TW')).toBe('zh-hant');
  expect(code('zh-Hant-TW')).toBe('zh-hant');
  expect(code('zh-Hans-CN')).toBe('zh-hans');
  expect(code('sr-Latn')).toBe('en');
  expect(code('')).toBe('en');
  expect(code(undefined)).toBe('en');
});

test('ships at least 12 languages, each complete and right-to-left where the script is', () => {
  expect(BUILT_IN_LANGUAGES.length).toBeGreaterThanOrEqual(12);
  const english = resolveTranslation('en');
  for (const lang of BUILT_IN_LANGUAGES) {
    const translation = resolveTranslation(lang);
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      expect(typeof translation[key] === 'string' && translation[key].length > 0, `${lang}.${key}`).toBe(true);
    }
    if (lang !== 'en') expect(translation.login, lang).not.toBe(english.login);
    expect(translation.$dir, lang).toBe(lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr');
  }
});

test('registerTranslation completes a partial translation from English', () => {
  registerTranslation({ $code: 'x-test', login: 'Test login' });
  const translation = resolveTranslation('x-test');
  expect(translation.login).toBe('Test login');
  expect(translation.signup).toBe(resolveTranslation('en').signup);
  expect(translation.$telegram).toBe('x-test');
});

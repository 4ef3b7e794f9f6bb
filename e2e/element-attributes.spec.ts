import type { Page } from '@playwright/test';
import { elementPage, expect, test } from './fixtures.js';

/**
 * Every attribute set, changed, removed, and its property set to undefined or null, as frameworks do
 * when a bound value becomes undefined: a removed value means the default, silently, and the button
 * stays usable.
 */

interface Case {
  attribute: string;
  property: string;
  value: string;
  other: string;
}

const CASES: Case[] = [
  { attribute: 'request-access', property: 'requestAccess', value: 'write', other: 'write phone' },
  { attribute: 'flow', property: 'flow', value: 'library', other: 'library' },
  { attribute: 'library-timeout', property: 'libraryTimeout', value: '5', other: '20' },
  { attribute: 'timeout', property: 'timeout', value: '60', other: '120' },
  { attribute: 'size', property: 'size', value: 'small', other: 'medium' },
  { attribute: 'shape', property: 'shape', value: 'square', other: 'rounded' },
  { attribute: 'appearance', property: 'appearance', value: 'outlined', other: 'filled' },
  { attribute: 'theme', property: 'theme', value: 'dark', other: 'auto' },
  { attribute: 'text', property: 'text', value: 'signin', other: 'continue' },
  { attribute: 'icon-only', property: 'iconOnly', value: '', other: '' },
  { attribute: 'shine', property: 'shine', value: '', other: '' },
  { attribute: 'full-width', property: 'fullWidth', value: '', other: '' },
  { attribute: 'nonce', property: 'nonce', value: 'abc', other: 'def' },
  { attribute: 'lang', property: 'lang', value: 'ru', other: 'de' },
  { attribute: 'redirect-uri', property: 'redirectUri', value: '/callback', other: '/other' },
  { attribute: 'exchange-url', property: 'exchangeUrl', value: '/auth/telegram/exchange', other: '/x' },
  { attribute: 'onauth', property: 'onauth', value: 'app.done', other: 'app.other' },
];

function warningsOf(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  return warnings;
}

/** The inner button's state after the element rendered. */
async function state(page: Page) {
  return page.locator('#tg').evaluate(async (element) => {
    const button = element as HTMLElement & { updateComplete: Promise<unknown>; status: string };
    await button.updateComplete;
    const inner = button.shadowRoot!.querySelector('button')!;
    return { disabled: inner.getAttribute('aria-disabled'), label: inner.textContent!.trim(), classes: [...inner.classList].sort().join(' ') };
  });
}

test('every attribute can be set, changed and removed, and its property set to undefined or null, silently', async ({ page, site, mock }) => {
  const warnings = warningsOf(page);
  await page.goto(elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button>`));
  const initial = await state(page);
  expect(initial.disabled).toBe('false');
  for (const { attribute, property, value, other } of CASES) {
    for (const step of ['set', 'change', 'remove', 'undefined', 'null'] as const) {
      await page.locator('#tg').evaluate(
        (element, { attribute, property, value, other, step }) => {
          if (step === 'set') element.setAttribute(attribute, value);
          else if (step === 'change') element.setAttribute(attribute, other);
          else if (step === 'remove') element.removeAttribute(attribute);
          else {
            element.setAttribute(attribute, value);
            (element as unknown as Record<string, unknown>)[property] = step === 'undefined' ? undefined : null;
          }
        },
        { attribute, property, value, other, step },
      );
      const now = await state(page);
      expect(now.disabled, `${attribute} ${step}`).toBe('false');
      if (step === 'remove') expect(now, `${attribute} removed is the default`).toEqual(initial);
    }
    await page.locator('#tg').evaluate((element, attribute) => element.removeAttribute(attribute), attribute);
  }
  expect(await state(page)).toEqual(initial);
  expect(warnings).toEqual([]);
});

test('an unknown look value still warns once, naming the attribute, and falls back to the default', async ({ page, site, mock }) => {
  const warnings = warningsOf(page);
  await page.goto(elementPage(site, `<telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}" size="huge"></telegram-login-button>`));
  expect((await state(page)).classes).toContain('large');
  await page.locator('#tg').evaluate((element) => element.setAttribute('shape', 'blob'));
  await state(page);
  expect(warnings.filter((text) => text.includes('"size" must be one of'))).toHaveLength(1);
  expect(warnings.filter((text) => text.includes('"shape" must be one of'))).toHaveLength(1);
});

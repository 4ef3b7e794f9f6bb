import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// custom-elements.json is generated from the element's JSDoc by `npm run build` (which npm test runs
// first); the element's page, docs/element.md, must document everything it lists.

interface Named {
  name: string;
}
interface Declaration {
  tagName?: string;
  attributes?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  cssStates?: Named[];
}

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
  modules: { path: string; declarations?: Declaration[] }[];
};
const page = readFileSync(new URL('../../docs/element.md', import.meta.url), 'utf8');
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName)!;

test('the manifest describes <telegram-login-button> from the published files', () => {
  expect(element.tagName).toBe('telegram-login-button');
  expect(manifest.modules.map((module) => module.path)).toEqual(['dist/element/telegram-login-button.js']);
  expect((element.events ?? []).map((event) => event.name).sort()).toEqual([
    'telegram-login-cancel',
    'telegram-login-error',
    'telegram-login-start',
    'telegram-login-success',
  ]);
  expect(element.attributes?.length).toBeGreaterThanOrEqual(19);
});

test('docs/element.md documents every attribute, event, slot, part, CSS property and state in the manifest', () => {
  const missing: string[] = [];
  const need = (kind: string, text: string, found: boolean) => found || missing.push(`${kind} ${text}`);
  for (const { name } of element.attributes ?? []) need('attribute', name, page.includes(`| \`${name}\` |`));
  for (const { name } of element.events ?? []) need('event', name, page.includes(`| \`${name}\` |`));
  for (const { name } of element.cssProperties ?? []) need('CSS property', name, page.includes(`| \`${name}\` |`));
  for (const { name } of element.cssParts ?? []) need('part', name, page.includes(`\`${name}\``) && page.includes('::part('));
  for (const { name } of element.cssStates ?? []) need('state', name, page.includes(`:state(${name})`));
  for (const { name } of element.slots ?? []) need('slot', name || '(default)', name ? page.includes(`slot="${name}"`) : page.includes('default slot'));
  expect(missing).toEqual([]);
});

// README.md's quick start is the generator's "Local, with the mock" output for the default
// configuration, to the byte: e2e/first-hour.spec.ts runs the README's blocks, this keeps them the
// generator's.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { quickStartBlocks } from '../e2e/new-site.js';
import { COPY_BUNDLE, DEFAULT_CONFIG, DEFAULT_MOCK, htmlSnippet, serverNodeSnippet, withTarget } from './snippets.js';

const ROOT = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version: string };

test("the README's quick start is the generator's local snippets for the default configuration", () => {
  const readme = readFileSync(new URL('README.md', ROOT), 'utf8');
  const config = withTarget({ ...DEFAULT_CONFIG, clientId: DEFAULT_MOCK.clientId }, 'local');
  const context = { version, mock: DEFAULT_MOCK };
  expect(quickStartBlocks(readme, 'html')).toEqual([htmlSnippet(config, context)]);
  expect(quickStartBlocks(readme, 'js')[0]).toBe(serverNodeSnippet(config, context));
  const [shell] = quickStartBlocks(readme, 'sh');
  expect(shell).toContain('npm install telegram-login-kit\n');
  expect(shell).toContain(`${COPY_BUNDLE}   #`);
  expect(shell).toContain('npx telegram-login-kit mock ');
  expect(readme).not.toContain('/auth/telegram\'');
});

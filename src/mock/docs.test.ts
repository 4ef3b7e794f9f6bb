import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startupBanner } from './command-line.js';
import { startMockTelegram } from './server.js';

/** docs/mock.md as printed: its snippets run, its sample output is what the CLI prints. */
const ROOT = new URL('../../', import.meta.url);
const run = promisify(execFile);

async function doc(): Promise<string> {
  return readFile(new URL('docs/mock.md', ROOT), 'utf8');
}

/** The first fenced block of `lang` after `heading`. */
function blockAfter(markdown: string, heading: string, lang: string): string {
  const from = markdown.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(markdown.slice(from));
  if (!match?.[1]) throw new Error(`no ${lang} block after ${heading}`);
  return match[1];
}

test('the helper example runs as printed and prints what its comments say', async () => {
  const snippet = blockAfter(await doc(), '## Test your server code without a browser', 'js');
  const expected = [...snippet.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
  expect(expected.length).toBeGreaterThan(0);
  // Inside the repository, so that `telegram-login-kit/...` resolves to this package's dist/ (npm test builds it).
  const dir = new URL('test-results/docs-mock/', ROOT);
  await mkdir(dir, { recursive: true });
  const file = new URL(`snippet-${process.pid}.mjs`, dir);
  await writeFile(file, snippet);
  try {
    // No colours: Playwright's FORCE_COLOR would make console.log colour the numbers.
    const { stdout } = await run(process.execPath, [file.pathname], { timeout: 20_000, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    expect(stdout.trim().split('\n')).toEqual(expected);
  } finally {
    await rm(file, { force: true });
  }
});

test('the start-up output shown is what the command prints', async () => {
  const shown = blockAfter(await doc(), 'Once listening it prints', 'text');
  const mock = await startMockTelegram({ port: 0 });
  try {
    expect(startupBanner(mock, false).replaceAll(`:${mock.port}`, ':9400').trim()).toBe(shown.trim());
  } finally {
    await mock.stop();
  }
});

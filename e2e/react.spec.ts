import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';

/**
 * telegram-login-kit/react in React 19: the @lit/react wrapper and the plain tag with typed JSX,
 * type-checked with tsc and rendered by a Vite-built app in Chromium against the mock.
 */

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'node_modules', '.bin');
const REACT_ENTRY = join(ROOT, 'dist', 'react', 'index.js');

// Inside the repository, so that `react` resolves from its node_modules.
async function scratch(name: string): Promise<string> {
  await mkdir(join(ROOT, 'test-results'), { recursive: true });
  return mkdtemp(join(ROOT, 'test-results', `${name}-`));
}

test('types the wrapper’s props and events and the plain tag in React 19 JSX', async () => {
  const dir = await scratch('react-types');
  try {
    await writeFile(
      join(dir, 'app.tsx'),
      `import { TelegramLoginButton } from '${REACT_ENTRY}';

export function App() {
  return (
    <>
      <TelegramLoginButton
        clientId="1"
        size="small"
        onSuccess={(event) => {
          const token: string | undefined = event.detail.idToken;
          void token;
        }}
        onError={(event) => void event.detail.error.code}
      />
      <telegram-login-button
        client-id="1"
        size="small"
        icon-only
        ontelegram-login-success={(event) => {
          const flow: 'library' | 'popup' | 'redirect' | 'bot' = event.detail.flow;
          void flow;
        }}
      />
      {/* @ts-expect-error: not a size */}
      <telegram-login-button size="huge" />
      {/* @ts-expect-error: events carry typed details */}
      <TelegramLoginButton onCancel={(event) => void event.detail.nope} />
    </>
  );
}
`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', jsx: 'react-jsx', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['app.tsx'],
      }),
    );
    const errors = await run(join(BIN, 'tsc'), ['-p', dir]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(errors).toBe('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the wrapper and the plain tag log in from a React app, with their event props', async ({ page, site, mock }) => {
  const dir = await scratch('react-app');
  try {
    await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React</title></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>');
    await writeFile(
      join(dir, 'main.js'),
      `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { TelegramLoginButton } from '${REACT_ENTRY}';

const common = { 'client-id': '${mock.defaultClient.id}', 'library-src': '${mock.libraryUrl}' };
function App() {
  return h('div', null,
    h(TelegramLoginButton, {
      id: 'wrapped', clientId: '${mock.defaultClient.id}', librarySrc: '${mock.libraryUrl}', text: 'signin',
      onSuccess: (event) => console.log('wrapped-success ' + event.detail.user.id),
    }),
    h('telegram-login-button', { ...common, id: 'plain', text: 'continue',
      'ontelegram-login-success': (event) => console.log('plain-success ' + event.detail.user.id),
    }),
  );
}
createRoot(document.getElementById('root')).render(h(App));
`,
    );
    await run(join(BIN, 'vite'), ['build', '--logLevel', 'warn', '--outDir', 'out'], { cwd: dir });
    for (const asset of await readdir(join(dir, 'out', 'assets'))) {
      site.page(`/assets/${asset}`, await readFile(join(dir, 'out', 'assets', asset), 'utf8'), { 'Content-Type': 'text/javascript' });
    }
    await page.goto(site.page('/react', await readFile(join(dir, 'out', 'index.html'), 'utf8')));

    for (const [name, id, user] of [
      ['Sign in with Telegram', 'wrapped', 'Alice'],
      ['Continue with Telegram', 'plain', 'Carol'],
    ] as const) {
      const logged = page.waitForEvent('console', (message) => message.text().startsWith(`${id}-success `));
      const popup = page.waitForEvent('popup');
      await page.getByRole('button', { name }).click();
      const consent = await popup;
      await consent.getByRole('radio', { name: new RegExp(user) }).check();
      await consent.getByRole('button', { name: 'Allow' }).click();
      expect((await logged).text()).toBe(`${id}-success ${user === 'Alice' ? 100001 : 100004}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, nextEvent, test } from './fixtures.js';
import { clickForPopup, dropInFile } from './helpers.js';

/**
 * The package as a stranger gets it: `npm pack`, installed into a fresh project, then used from
 * Node, from TypeScript and from a Vite app in Chromium. Nothing here reads the source tree.
 */

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'node_modules', '.bin');

interface Installed {
  dir: string;
  files: string[];
}

const it = test.extend<object, { installed: Installed }>({
  installed: [
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'tlk-consumer-'));
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT });
      const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      // react and redis are optional peers, needed only for telegram-login-kit/react and to type-check a Redis consumer.
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed!.filename), 'react@19', 'redis@6'], { cwd: dir });
      await use({ dir, files: packed!.files.map((file) => file.path) });
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

it.describe.configure({ mode: 'serial' });

it('the tarball holds dist, docs, README, LICENSE, CHANGELOG and custom-elements.json, and nothing else', async ({ installed }) => {
  const outside = installed.files.filter((path) => !path.startsWith('dist/') && !path.startsWith('docs/'));
  expect(outside.sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'custom-elements.json', 'package.json']);
  expect(installed.files.filter((path) => /\.test\.|\/demo\//.test(path))).toEqual([]);
  for (const entry of ['dist/index.js', 'dist/index.d.ts', 'dist/telegram-login-kit.js', 'dist/server/index.d.ts', 'dist/server/stores/redis.d.ts', 'dist/react/index.d.ts', 'dist/mock/telegram-login.js', 'dist/mock/app/app-client.js', 'dist/mock/cli.js', 'docs/errors.md']) {
    expect(installed.files, entry).toContain(entry);
  }
});

it("the README's links into docs/ land on pages the tarball holds", async ({ installed }) => {
  const readme = await readFile(join(installed.dir, 'node_modules', 'telegram-login-kit', 'README.md'), 'utf8');
  const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((match) => match[1]!);
  expect(linked.length).toBeGreaterThan(5);
  expect(linked.filter((path) => !installed.files.includes(path))).toEqual([]);
});

it('imports every entry point in Node without a DOM, none of them loading a Redis library, and runs the mock command', async ({ installed }) => {
  // A resolve hook that refuses Redis libraries: the entry points must not load one, even when installed.
  const refuseRedis = encodeURIComponent(
    'export async function resolve(specifier, context, next) { if (/^(redis|ioredis|@redis\\/)/.test(specifier)) throw new Error(`loaded ${specifier}`); return next(specifier, context); }',
  );
  const script = `
    const { register } = await import('node:module');
    register('data:text/javascript,${refuseRedis}');
    const refused = await import('redis').then(() => 'loaded', (error) => error.message);
    const main = await import('telegram-login-kit');
    const element = await import('telegram-login-kit/element');
    const server = await import('telegram-login-kit/server');
    const redis = await import('telegram-login-kit/server/redis');
    const mock = await import('telegram-login-kit/mock');
    const react = await import('telegram-login-kit/react');
    const { createRequire } = await import('node:module');
    const manifest = createRequire(import.meta.url)('telegram-login-kit/custom-elements.json');
    console.log(JSON.stringify({
      main: [typeof main.login, typeof main.TelegramLoginButtonElement, typeof main.handleRedirectCallback],
      element: typeof element.TelegramLoginButtonElement.define,
      server: [typeof server.verifyIdToken, typeof server.createTelegramAuthHandler, typeof server.toNodeListener, typeof server.forwardedForClientIp],
      redis: typeof redis.createRedisStore,
      refused,
      mock: [typeof mock.startMockTelegram, typeof mock.mintIdToken, typeof mock.authorizeCode],
      react: typeof react.TelegramLoginButton,
      manifest: manifest.modules[0].declarations[0].tagName,
      dom: typeof document,
    }));`;
  const { stdout } = await run('node', ['--input-type=module', '-e', script], { cwd: installed.dir });
  expect(JSON.parse(stdout)).toEqual({
    main: ['function', 'function', 'function'],
    element: 'function',
    server: ['function', 'function', 'function', 'function'],
    redis: 'function',
    refused: 'loaded redis',
    mock: ['function', 'function', 'function'],
    react: 'object',
    manifest: 'telegram-login-button',
    dom: 'undefined',
  });
  const help = await run(join(installed.dir, 'node_modules', '.bin', 'telegram-login-kit'), ['--help']);
  expect(help.stdout).toContain('Usage: telegram-login-kit mock');
});

it('npx telegram-login-kit mock starts the mock in a project that installed the package', async ({ installed }) => {
  // detached: npx runs the bin in a child of its own; the test ends the whole group it started.
  const npx = spawn('npx', ['telegram-login-kit', 'mock', '--port', '0', '--quiet'], { cwd: installed.dir, detached: true });
  try {
    let stdout = '';
    let stderr = '';
    npx.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const issuer = await new Promise<string>((resolve, reject) => {
      npx.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const found = /^ {2}issuer +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
        if (found && stdout.includes('</telegram-login-button>')) resolve(found);
      });
      npx.once('exit', (code) => reject(new Error(`npx exited (${code}) before the banner:\n${stdout}${stderr}`)));
    });
    expect(stdout).toContain(`library-src="${issuer}/js/telegram-login.js"`);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
    // The simulated app's script is a plain file the build copies; the installed mock serves it.
    const appScript = await fetch(`${issuer}/app/app-client.js`);
    expect({ status: appScript.status, type: appScript.headers.get('content-type') }).toEqual({ status: 200, type: 'text/javascript; charset=utf-8' });
  } finally {
    if (npx.exitCode === null && npx.signalCode === null) {
      const exited = new Promise((resolve) => npx.once('exit', resolve));
      process.kill(-npx.pid!, 'SIGTERM');
      await exited;
    }
  }
});

it('type-checks a TypeScript consumer of the element, its events, the server kit and the mock helpers, with no any', async ({ installed }) => {
  // Two tsc runs on a machine that may be busy.
  it.setTimeout(120_000);
  await writeFile(
    join(installed.dir, 'consumer.ts'),
    `import 'telegram-login-kit';
import { login, type TelegramLoginResult } from 'telegram-login-kit';
import { verifyIdToken, createTelegramAuthHandler, forwardedForClientIp, type AuthEvent, type TelegramIdTokenClaims } from 'telegram-login-kit/server';
import { createRedisStore, type RedisCommand } from 'telegram-login-kit/server/redis';
import { authorizeCode, mintIdToken, startMockTelegram, type MintIdTokenOptions, type MockAppPressResult, type BotApiUpdate } from 'telegram-login-kit/mock';

const button = document.querySelector('telegram-login-button');
if (button) {
  button.size = 'medium';
  // @ts-expect-error: not a size
  button.size = 'huge';
  button.flow = 'bot';
  button.botUrl = '/auth/telegram';
  button.addEventListener('telegram-login-success', (event) => {
    const token: string | undefined = event.detail.idToken;
    const flow: 'library' | 'popup' | 'redirect' | 'bot' = event.detail.flow;
    // The bot flow's user is what the server kit's /session answers.
    if (event.detail.flow === 'bot') {
      const telegramId: number | undefined = event.detail.user.tg_id;
      void telegramId;
    }
    // @ts-expect-error: detail is typed, not any
    event.detail.nope;
    void token;
    void flow;
  });
  button.addEventListener('telegram-login-error', (event) => {
    const code: string = event.detail.error.code;
    // @ts-expect-error: codes are a closed list
    const wrong: typeof event.detail.error.code = 'no_such_code';
    void code;
    void wrong;
  });
}
document.addEventListener('telegram-login-cancel', (event) => void event.detail.error.message);

async function onClick(): Promise<TelegramLoginResult> {
  return login({ clientId: 1, requestAccess: ['phone'] });
}
async function onServer(idToken: string): Promise<TelegramIdTokenClaims> {
  const claims = await verifyIdToken(idToken, { clientId: '1' });
  const id: number | undefined = claims.id;
  void id;
  return claims;
}
async function onMockTest(): Promise<string> {
  const mock = await startMockTelegram({ port: 0 });
  const options: MintIdTokenOptions = { user: 100004, scope: ['openid', 'phone'], nonce: 'n' };
  const idToken: string = await mintIdToken(mock, options);
  const code: string = await mock.authorizeCode({ redirectUri: 'http://localhost:3000/callback', codeVerifier: 'v'.repeat(43) });
  // @ts-expect-error: a verifier or a challenge, not both
  await authorizeCode(mock, { redirectUri: 'http://localhost:3000/callback', codeVerifier: 'v'.repeat(43), codeChallenge: 'c'.repeat(43) });
  const token: string = mock.bots[0]!.token;
  await mock.app.open(100001, mock.deepLink(mock.bots[0]!.username, 'payload'));
  const pressed: MockAppPressResult = await mock.app.press(100001, 'Start');
  const update: BotApiUpdate | undefined = undefined;
  // @ts-expect-error: a bot needs a username
  await startMockTelegram({ bots: [{ token }] });
  void pressed;
  void update;
  await mock.stop();
  return idToken + code;
}
export const handler = createTelegramAuthHandler({ clientId: 1, clientSecret: 's', redirectUri: 'https://example.com/', session: { secret: 'x'.repeat(32) } });
const send: RedisCommand = async (args, key) => [args.length, key];
export const shared = createTelegramAuthHandler({
  clientId: 1,
  clientSecret: 's',
  redirectUri: 'https://example.com/',
  session: { secret: 'x'.repeat(32) },
  store: createRedisStore({ command: send, prefix: 'tlk:site:' }),
  rateLimits: { verify: { max: 10, windowSeconds: 60 }, nonce: false },
  clientIp: forwardedForClientIp({ proxies: 1 }),
  onEvent: (event: AuthEvent) => {
    if (event.type === 'rate_limited') void event.clientIp.toUpperCase();
  },
});
// @ts-expect-error: a store needs a client or a command
createRedisStore({ prefix: 'x' });
void shared(new Request('https://example.com/auth/telegram/nonce'), { remoteAddress: '203.0.113.1' });
void onClick;
void onServer;
void onMockTest;
`,
  );
  await writeFile(
    join(installed.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ['consumer.ts'],
    }),
  );
  const typeCheck = (project: string) =>
    run(join(BIN, 'tsc'), ['-p', project]).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
  expect(await typeCheck(installed.dir)).toBe('');
  // With the real node-redis client (its own types are not ours to check, and slow: skipLibCheck).
  await writeFile(
    join(installed.dir, 'redis-consumer.ts'),
    `import { createClient } from 'redis';
import { createRedisStore } from 'telegram-login-kit/server/redis';
import type { TelegramAuthStore } from 'telegram-login-kit/server';

const client = createClient({ url: 'redis://localhost:6379' });
export const store: TelegramAuthStore = createRedisStore({ client, prefix: 'tlk:site:' });
// @ts-expect-error: not a Redis client
createRedisStore({ client: { get: async () => null } });
`,
  );
  await mkdir(join(installed.dir, 'with-redis'), { recursive: true });
  await writeFile(
    join(installed.dir, 'with-redis', 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['../redis-consumer.ts'],
    }),
  );
  expect(await typeCheck(join(installed.dir, 'with-redis'))).toBe('');
});

it('a Vite app that installs the package logs in against the mock in Chromium', async ({ installed, page, site, mock }) => {
  await writeFile(
    join(installed.dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body><div id="app"></div><script type="module" src="./main.js"></script></body></html>',
  );
  await writeFile(
    join(installed.dir, 'main.js'),
    `import 'telegram-login-kit';
const button = document.createElement('telegram-login-button');
button.id = 'tg';
button.clientId = '${mock.defaultClient.id}';
button.librarySrc = '${mock.libraryUrl}';
document.querySelector('#app').append(button);
`,
  );
  await run(join(BIN, 'vite'), ['build', '--logLevel', 'warn', '--outDir', 'out'], { cwd: installed.dir });
  const html = await readFile(join(installed.dir, 'out', 'index.html'), 'utf8');
  for (const asset of await readdir(join(installed.dir, 'out', 'assets'))) {
    site.page(`/assets/${asset}`, await readFile(join(installed.dir, 'out', 'assets', asset), 'utf8'), { 'Content-Type': 'text/javascript' });
  }
  // The built app's own page, plus the event harness the specs listen to.
  expect(html).toContain('<head>');
  const url = site.page('/app', html.replace('<head>', '<head><script src="/harness.js"></script>'));
  await page.goto(url);
  const success = nextEvent(page, 'telegram-login-success');
  const popup = await clickForPopup(page);
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await success).detail.user).toMatchObject({ aud: mock.defaultClient.id, id: 100001 });
});

it('the drop-in bundle works from another origin, as from a CDN', async ({ page, site, mock }) => {
  // A CDN: another origin, serving the drop-in's folder with CORS (module scripts across origins need it).
  const cdn = createServer((req, res) => {
    const file = dropInFile(req.url ?? '', '/npm/telegram-login-kit/dist/');
    if (!file) return void res.writeHead(404).end();
    void readFile(file).then((body) => res.writeHead(200, { 'Content-Type': 'text/javascript', 'Access-Control-Allow-Origin': '*' }).end(body));
  });
  await new Promise<void>((resolve) => cdn.listen(0, 'localhost', resolve));
  try {
    const src = `http://localhost:${(cdn.address() as AddressInfo).port}/npm/telegram-login-kit/dist/telegram-login-kit.js`;
    expect(new URL(src).origin).not.toBe(site.origin);
    await page.goto(
      site.page(
        '/cdn',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CDN</title><script src="/harness.js"></script>
<script type="module" src="${src}"></script></head>
<body><telegram-login-button id="tg" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></telegram-login-button></body></html>`,
      ),
    );
    const success = nextEvent(page, 'telegram-login-success');
    const popup = await clickForPopup(page);
    await popup.getByRole('button', { name: 'Allow' }).click();
    expect((await success).detail.user).toMatchObject({ id: 100001 });
  } finally {
    cdn.closeAllConnections();
    await new Promise((resolve) => cdn.close(resolve));
  }
});

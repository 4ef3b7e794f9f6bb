// The generator's snippets are proven, not assumed: each is written, as printed, into a blank site
// served locally and logs in against the mock. Only what a user would also change differs: the CDN
// URL becomes the locally built bundle, and `library-src`/`issuer` point at the mock.
//
// The site's server is the "Server: Fetch" or "Server: Node" snippet itself, imported from a file
// (the Node one on a free port instead of 3000); the HTML page is
// served with the "CSP & COOP" snippet's headers. The npm and React snippets are built with Vite
// (React 19 from the dev dependencies). The Vue snippet is not built here: there is no Vue compiler
// in this repository.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestInfo } from '@playwright/test';
import { build } from 'vite';
import { expect, test } from './fixtures.js';
import { dropInFiles } from './helpers.js';
import type { MockTelegram } from '../src/mock/index.js';
import { toNodeListener, type TelegramAuthHandler } from '../src/server/index.js';
import {
  DEFAULT_CONFIG,
  cdnUrl,
  headersSnippet,
  htmlSnippet,
  npmSnippet,
  reactSnippet,
  serverFetchSnippet,
  serverNodeSnippet,
  type DemoConfig,
  type Flow,
} from '../demo/snippets.js';

const ROOT = new URL('../', import.meta.url);
const context = { version: '0.1.0' };

/** A blank site: the pages a test puts there, /assets/* from a directory, and the server snippet. */
interface SnippetSite {
  origin: string;
  pages: Map<string, { body: string | Buffer; type: string; headers?: Record<string, string> }>;
  close(): Promise<void>;
}

async function startSite(
  testInfo: TestInfo,
  mock: MockTelegram,
  config: (origin: string) => DemoConfig,
  serverSnippet: 'fetch' | 'node' = 'fetch',
): Promise<SnippetSite & { config: DemoConfig }> {
  const pages: SnippetSite['pages'] = new Map();
  let auth: ReturnType<typeof toNodeListener> | undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (auth && path.startsWith('/auth/telegram/')) return auth(req, res);
    const page = pages.get(path);
    if (!page) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'Content-Type': page.type, 'Cache-Control': 'no-store', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const chosen = config(origin);

  const env = {
    TELEGRAM_CLIENT_ID: mock.defaultClient.id,
    TELEGRAM_CLIENT_SECRET: mock.defaultClient.secret,
    SESSION_SECRET: 'proven-snippet-session-secret-0123456789',
    MOCK_ISSUER: mock.issuer,
  };
  const dist = new URL('dist/server/index.js', ROOT).href;
  await mkdir(testInfo.outputDir, { recursive: true });
  let stopSnippetServer = async () => {};
  if (serverSnippet === 'fetch') {
    // The "Server: Fetch" snippet, as printed, with the issuer pointed at the mock.
    const source = serverFetchSnippet(chosen, context)
      .replace("from 'telegram-login-kit/server'", `from '${dist}'`)
      .replace('clientSecret: env.TELEGRAM_CLIENT_SECRET,', 'clientSecret: env.TELEGRAM_CLIENT_SECRET, issuer: env.MOCK_ISSUER,');
    expect(source).toContain('issuer: env.MOCK_ISSUER');
    const file = testInfo.outputPath('server-fetch-snippet.mjs');
    await writeFile(file, source);
    const worker = (await import(pathToFileURL(file).href)) as { default: { fetch(request: Request, env: Record<string, string>): Promise<Response> } };
    // The kit's own node:http adapter around the snippet's Fetch handler (it only needs basePath).
    auth = toNodeListener(Object.assign((request: Request) => worker.default.fetch(request, env), { basePath: '/auth/telegram' }) as unknown as TelegramAuthHandler);
  } else {
    // The "Server: Node" snippet, as printed, with the issuer pointed at the mock and a free port.
    // Its handler (exported as `auth`) serves this site; its own server must answer too.
    const source = serverNodeSnippet(chosen, context)
      .replace("from 'telegram-login-kit/server'", `from '${dist}'`)
      .replace('clientSecret: process.env.TELEGRAM_CLIENT_SECRET,', 'clientSecret: process.env.TELEGRAM_CLIENT_SECRET, issuer: process.env.MOCK_ISSUER,')
      .replace('\ncreateServer((req, res) => {', '\nexport const server = createServer((req, res) => {')
      .replace('}).listen(3000);', "}).listen(0, '127.0.0.1');");
    expect(source).toContain("listen(0, '127.0.0.1')");
    expect(source).toContain('export const server');
    const file = testInfo.outputPath('server-node-snippet.mjs');
    await writeFile(file, source);
    const saved = { ...process.env };
    Object.assign(process.env, env); // read once, when the handler is created at import
    const snippet = (await import(pathToFileURL(file).href).finally(() => {
      for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
      Object.assign(process.env, saved);
    })) as { auth: TelegramAuthHandler; server: Server };
    if (!snippet.server.listening) await new Promise((resolve) => snippet.server.once('listening', resolve));
    const own = `http://127.0.0.1:${(snippet.server.address() as AddressInfo).port}`;
    expect((await fetch(`${own}/auth/telegram/nonce`)).status).toBe(200);
    expect((await fetch(`${own}/elsewhere`)).status).toBe(404);
    auth = toNodeListener(snippet.auth);
    stopSnippetServer = () => new Promise((resolve) => snippet.server.close(() => resolve()));
  }
  pages.set('/account', { body: '<!doctype html><html lang="en"><title>Account</title><h1>Your account</h1></html>', type: 'text/html; charset=utf-8' });
  return {
    origin,
    pages,
    config: chosen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopSnippetServer();
    },
  };
}

const snippetConfig = (flow: Flow) => (origin: string): DemoConfig => ({
  ...DEFAULT_CONFIG,
  clientId: '7700000001',
  flow,
  requestAccess: ['write'],
  pageUrl: `${origin}/login`,
  afterLogin: '/account',
});

/** The "CSP & COOP" snippet as HTTP headers, for a site that serves the bundle itself and uses the mock. */
function headersFor(config: DemoConfig, mock: MockTelegram, inlineScript: string): Record<string, string> {
  const hash = `'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'`;
  const headers: Record<string, string> = {};
  for (const line of headersSnippet(config, context).split('\n')) {
    const match = /^([A-Za-z-]+): (.+)$/.exec(line);
    if (!match) continue;
    headers[match[1]!] = match[2]!
      .replace(` ${new URL(cdnUrl(context)).origin}`, '') // the bundle is self-hosted here
      .replace('https://oauth.telegram.org', mock.issuer)
      // As the snippet's comment says: an inline script needs its hash (or its own file).
      .replace("script-src 'self'", `script-src 'self' ${hash}`);
  }
  expect(Object.keys(headers)).toEqual(['Content-Security-Policy', 'Cross-Origin-Opener-Policy']);
  return headers;
}

/** The printed HTML drop-in on a blank page, with the bundle served locally and the mock's URLs. */
function dropInPage(config: DemoConfig, mock: MockTelegram): { html: string; headers: Record<string, string> } {
  const snippet = htmlSnippet(config, context);
  expect(snippet).toContain(cdnUrl(context));
  const body = snippet
    .replace(cdnUrl(context), '/telegram-login-kit.js')
    .replace('<telegram-login-button ', `<telegram-login-button library-src="${mock.libraryUrl}" issuer="${mock.issuer}" `);
  const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(body)![1]!;
  return {
    html: `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Blank page</title></head>\n<body>\n${body}</body>\n</html>\n`,
    headers: headersFor(config, mock, inline),
  };
}

async function sessionUser(page: import('@playwright/test').Page, origin: string): Promise<Record<string, unknown>> {
  const response = await page.request.get(`${origin}/auth/telegram/session`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: Record<string, unknown> }).user;
}

for (const flow of ['library', 'popup'] as const) {
  test(`the HTML drop-in snippet logs in against the mock (${flow} flow), with its CSP and server snippet`, async ({ page, mock }, testInfo) => {
    const site = await startSite(testInfo, mock, snippetConfig(flow));
    try {
      const { html, headers } = dropInPage(site.config, mock);
      site.pages.set('/login', { body: html, type: 'text/html; charset=utf-8', headers });
      for (const [path, body] of await dropInFiles()) site.pages.set(path, { body, type: 'text/javascript' });
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/.test(message.text()) && /script/.test(message.text())) blocked.push(message.text());
      });

      await page.goto(`${site.origin}/login`);
      const popup = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Log in with Telegram' }).click();
      const consent = await popup;
      await consent.getByRole('radio', { name: /Carol/ }).check();
      await consent.getByRole('button', { name: 'Allow' }).click();

      await page.waitForURL(`${site.origin}/account`);
      expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100004, preferred_username: 'carol' });
      expect(blocked).toEqual([]);
    } finally {
      await site.close();
    }
  });
}

test('the HTML drop-in snippet logs in against the mock (redirect flow), with the Node server snippet', async ({ page, mock }, testInfo) => {
  const site = await startSite(testInfo, mock, snippetConfig('redirect'), 'node');
  try {
    const { html, headers } = dropInPage(site.config, mock);
    site.pages.set('/login', { body: html, type: 'text/html; charset=utf-8', headers });
    for (const [path, body] of await dropInFiles()) site.pages.set(path, { body, type: 'text/javascript' });

    await page.goto(`${site.origin}/login`);
    await page.getByRole('button', { name: 'Log in with Telegram' }).click();
    await page.waitForURL((url) => url.origin === mock.issuer && url.pathname === '/auth');
    await page.getByRole('radio', { name: /Alice/ }).check();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${site.origin}/account`);
    expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100001, preferred_username: 'alice' });
  } finally {
    await site.close();
  }
});

/** Builds an app with Vite as a user's project would, with the package's names resolving to dist/. */
async function buildApp(testInfo: TestInfo, site: SnippetSite, name: string, files: Record<string, string>) {
  const app = testInfo.outputPath(name);
  await mkdir(app, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(app, file), text);
  const output = await build({
    configFile: false,
    root: app,
    logLevel: 'warn',
    resolve: {
      alias: [
        { find: /^telegram-login-kit$/, replacement: fileURLToPath(new URL('dist/index.js', ROOT)) },
        { find: /^telegram-login-kit\/react$/, replacement: fileURLToPath(new URL('dist/react/index.js', ROOT)) },
      ],
    },
    build: { outDir: join(app, 'dist'), emptyOutDir: true, target: 'es2022', write: false },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => ('output' in result ? result.output : []));
  for (const chunk of chunks) {
    const path = chunk.fileName === 'index.html' ? '/login' : `/${chunk.fileName}`;
    const body = chunk.type === 'chunk' ? chunk.code : chunk.source;
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' }[extname(chunk.fileName)] ?? 'application/octet-stream';
    site.pages.set(path, { body: typeof body === 'string' ? body : Buffer.from(body), type });
  }
  expect(site.pages.has('/login')).toBe(true);
}

const appHtml = (entry: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>App</title><script type="module" src="./${entry}"></script></head><body><div id="root"></div></body></html>\n`;

async function logInThroughPopup(page: import('@playwright/test').Page, site: SnippetSite, user: RegExp) {
  await page.goto(`${site.origin}/login`);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  const consent = await popup;
  await consent.getByRole('radio', { name: user }).check();
  await consent.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${site.origin}/account`);
}

test('the npm snippet, built with Vite, logs in against the mock', async ({ page, mock }, testInfo) => {
  const site = await startSite(testInfo, mock, snippetConfig('library'));
  try {
    const snippet = npmSnippet(site.config, context);
    expect(snippet).toContain("import 'telegram-login-kit';");
    const main = snippet.replace('Object.assign(button, {\n', `Object.assign(button, {\n  librarySrc: '${mock.libraryUrl}',\n  issuer: '${mock.issuer}',\n`);
    expect(main).not.toBe(snippet);
    await buildApp(testInfo, site, 'npm-app', { 'index.html': appHtml('main.js'), 'main.js': main });

    await logInThroughPopup(page, site, /Дмитрий/);
    expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100002, name: 'Дмитрий 🚀 Иванов' });
  } finally {
    await site.close();
  }
});

for (const flow of ['library', 'popup'] as const) {
  test(`the React snippet, built with Vite and React 19, logs in against the mock (${flow} flow)`, async ({ page, mock }, testInfo) => {
    const site = await startSite(testInfo, mock, snippetConfig(flow), flow === 'popup' ? 'node' : 'fetch');
    try {
      const snippet = reactSnippet(site.config, context);
      expect(snippet).toContain("import { TelegramLoginButton } from 'telegram-login-kit/react';");
      const component = snippet.replace('<TelegramLoginButton\n', `<TelegramLoginButton\n      librarySrc="${mock.libraryUrl}"\n      issuer="${mock.issuer}"\n`);
      expect(component).not.toBe(snippet);
      await buildApp(testInfo, site, `react-app-${flow}`, {
        'index.html': appHtml('main.jsx'),
        'TelegramLogin.jsx': component,
        'main.jsx': "import { createRoot } from 'react-dom/client';\nimport { TelegramLogin } from './TelegramLogin.jsx';\n\ncreateRoot(document.getElementById('root')).render(<TelegramLogin />);\n",
      });

      await logInThroughPopup(page, site, /Bob/);
      expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100003, name: 'Bob' });
    } finally {
      await site.close();
    }
  });
}

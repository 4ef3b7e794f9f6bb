// The generator's other snippets are proven, not assumed: the local target's text, exactly as
// printed for this test's mock and site (the generator's functions, the same the demo page calls),
// runs here with no edit. The "Server: Fetch" snippet is the site's server; the HTML page is served
// with the "CSP & COOP" tab's headers (plus its inline script's hash, as the tab says). The npm and
// React snippets are built with Vite (React 19 from the dev dependencies). The Vue snippet is not
// built: there is no Vue compiler in this repository. The "Server: Node" snippet, with the HTML page
// in an empty folder, is e2e/first-hour.spec.ts (and first-hour-bot.spec.ts for the bot flow).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import { build } from 'vite';
import { expect, test } from './fixtures.js';
import { newProject, type NewProject } from './new-site.js';
import type { MockTelegram } from '../src/mock/index.js';
import { toNodeListener, type TelegramAuthHandler } from '../src/server/index.js';
import {
  BUNDLE_SRC,
  DEFAULT_CONFIG,
  headersSnippet,
  htmlSnippet,
  npmSnippet,
  reactSnippet,
  serverFetchSnippet,
  type DemoConfig,
  type Flow,
  type SnippetContext,
} from '../demo/snippets.js';

const ROOT = new URL('../', import.meta.url);
const DIST = fileURLToPath(new URL('dist/', ROOT));
const BUNDLE_PREFIX = BUNDLE_SRC.slice(0, BUNDLE_SRC.lastIndexOf('/') + 1);

/** What the demo page would print the snippets for, with this test's mock as "the mock". */
const contextFor = (mock: MockTelegram): SnippetContext => ({
  version: '0.1.0',
  mock: {
    issuer: mock.issuer,
    librarySrc: mock.libraryUrl,
    clientId: mock.defaultClient.id,
    clientSecret: mock.defaultClient.secret,
    botUsername: mock.bots[0]!.username,
    botToken: mock.bots[0]!.token,
    appUrl: mock.app.url,
  },
});

/** A blank site: the pages a test puts there, the bundle folder (dist/), and the "Server: Fetch" snippet. */
interface SnippetSite {
  origin: string;
  config: DemoConfig;
  context: SnippetContext;
  pages: Map<string, { body: string | Buffer; type: string; headers?: Record<string, string> }>;
  /** What the snippet's `log: console.log` printed. */
  log: string[];
  close(): Promise<void>;
}

async function serveBundle(path: string, res: import('node:http').ServerResponse) {
  const file = normalize(join(DIST, path.slice(BUNDLE_PREFIX.length)));
  if (!file.startsWith(DIST)) return void res.writeHead(404).end();
  try {
    res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
}

async function startSite(mock: MockTelegram, flow: Flow): Promise<SnippetSite> {
  const pages: SnippetSite['pages'] = new Map();
  let auth: ReturnType<typeof toNodeListener> | undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (auth && path.startsWith('/auth/telegram/')) return auth(req, res);
    if (path.startsWith(BUNDLE_PREFIX)) return void serveBundle(path, res);
    const page = pages.get(path);
    if (!page) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'Content-Type': page.type, 'Cache-Control': 'no-store', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config: DemoConfig = { ...DEFAULT_CONFIG, target: 'local', clientId: mock.defaultClient.id, botUsername: mock.bots[0]!.username, flow, pageUrl: `${origin}/login` };
  const context = contextFor(mock);

  // The "Server: Fetch" snippet, as printed, in a project that installed the package; hosted by the
  // kit's own node:http adapter around its fetch function (the adapter only needs basePath).
  const project: NewProject = await newProject();
  const log: string[] = [];
  const consoleLog = console.log;
  console.log = (...args: unknown[]) => void log.push(args.join(' '));
  await project.write('auth.mjs', serverFetchSnippet(config, context));
  const worker = (await import(pathToFileURL(join(project.dir, 'auth.mjs')).href)) as {
    default: { fetch(request: Request, env: Record<string, string>): Promise<Response> };
  };
  auth = toNodeListener(Object.assign((request: Request) => worker.default.fetch(request, {}), { basePath: '/auth/telegram' }) as unknown as TelegramAuthHandler);
  pages.set('/account', { body: '<!doctype html><html lang="en"><title>Account</title><h1>Your account</h1></html>', type: 'text/html; charset=utf-8' });
  return {
    origin,
    config,
    context,
    pages,
    log,
    close: async () => {
      console.log = consoleLog;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await project.remove();
    },
  };
}

/** The "CSP & COOP" tab as HTTP headers, with the inline script's hash its comment asks for. */
function headersFor(site: SnippetSite, inlineScript: string): Record<string, string> {
  const text = headersSnippet(site.config, site.context);
  expect(text).toContain("needs its own file (or its\n# 'sha256-…' source)");
  const hash = `'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'`;
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z-]+): (.+)$/.exec(line);
    if (match) headers[match[1]!] = match[2]!.replace("script-src 'self'", `script-src 'self' ${hash}`);
  }
  expect(Object.keys(headers)).toEqual(['Content-Security-Policy', 'Cross-Origin-Opener-Policy']);
  return headers;
}

async function sessionUser(page: Page, origin: string): Promise<Record<string, unknown>> {
  const response = await page.request.get(`${origin}/auth/telegram/session`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { user: Record<string, unknown> }).user;
}

async function logInThroughPopup(page: Page, site: SnippetSite, user: RegExp) {
  await page.goto(`${site.origin}/login`);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  const consent = await popup;
  await consent.getByRole('radio', { name: user }).check();
  await consent.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${site.origin}/account`);
}

for (const flow of ['library', 'popup'] as const) {
  test(`the HTML page logs in as printed under its CSP, with the Fetch server snippet (${flow} flow)`, async ({ page, mock }) => {
    const site = await startSite(mock, flow);
    try {
      const html = htmlSnippet(site.config, site.context);
      const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html)![1]!;
      site.pages.set('/login', { body: html, type: 'text/html; charset=utf-8', headers: headersFor(site, inline) });
      // Scripts only: Telegram's library (and the mock's, which copies it) sets inline styles that
      // this policy blocks without harm.
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/.test(message.text()) && /script/.test(message.text())) blocked.push(message.text());
      });

      await logInThroughPopup(page, site, /Carol/);
      expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100004, preferred_username: 'carol' });
      expect(blocked).toEqual([]);
      expect(site.log).toContainEqual(expect.stringMatching(flow === 'library' ? /^POST \/auth\/telegram\/verify 200 ok \d+ms$/ : /^POST \/auth\/telegram\/exchange 200 ok \d+ms$/));
    } finally {
      await site.close();
    }
  });
}

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

test('the npm snippet, as printed and built with Vite, logs in against the mock', async ({ page, mock }, testInfo) => {
  const site = await startSite(mock, 'library');
  try {
    const main = npmSnippet(site.config, site.context);
    expect(main).toContain("import 'telegram-login-kit';");
    await buildApp(testInfo, site, 'npm-app', { 'index.html': appHtml('main.js'), 'main.js': main });

    await logInThroughPopup(page, site, /Дмитрий/);
    expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100002, name: 'Дмитрий 🚀 Иванов' });
  } finally {
    await site.close();
  }
});

for (const flow of ['library', 'popup'] as const) {
  test(`the React snippet, as printed and built with Vite and React 19, logs in against the mock (${flow} flow)`, async ({ page, mock }, testInfo) => {
    const site = await startSite(mock, flow);
    try {
      const component = reactSnippet(site.config, site.context);
      expect(component).toContain("import { TelegramLoginButton } from 'telegram-login-kit/react';");
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

/** A shell command a snippet prints in its comments (`//   curl … \` and its continuation lines), as one line. */
function printedCommand(snippet: string, start: string): string {
  const lines = snippet.split('\n').map((line) => line.replace(/^\/\/\s+/, ''));
  const first = lines.findIndex((line) => line.startsWith(start));
  expect(first, `the snippet prints a "${start}" line`).toBeGreaterThanOrEqual(0);
  const command: string[] = [];
  for (const line of lines.slice(first)) {
    command.push(line.replace(/\s*\\$/, ''));
    if (!line.endsWith('\\')) break;
  }
  return command.join(' ');
}

test('the bot-flow HTML page logs in as printed under its CSP, with the Fetch server snippet and the setWebhook line it prints', async ({ page, context, mock }) => {
  const site = await startSite(mock, 'bot');
  try {
    const html = htmlSnippet(site.config, site.context);
    const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html)![1]!;
    site.pages.set('/login', { body: html, type: 'text/html; charset=utf-8', headers: headersFor(site, inline) });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) blocked.push(message.text());
    });
    // The mock delivers the bot's updates to the site once the printed setWebhook line has run.
    const { stdout } = await promisify(execFile)('sh', ['-c', printedCommand(serverFetchSnippet(site.config, site.context), 'curl ')]);
    expect(JSON.parse(stdout)).toEqual({ ok: true, result: true, description: 'Webhook was set' });

    await page.goto(`${site.origin}/login`);
    await page.getByRole('button', { name: 'Log in with Telegram' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in with Telegram' });
    const code = (await dialog.locator('.wd-code').textContent())!.trim();
    const opens = context.waitForEvent('page');
    await dialog.getByRole('link', { name: /Use t\.me in a new tab/ }).click();
    const app = await opens;
    await app.getByRole('button', { name: 'Start', exact: true }).click();
    await app.getByRole('button', { name: code, exact: true }).click();
    await page.waitForURL(`${site.origin}/account`);
    expect(await sessionUser(page, site.origin)).toMatchObject({ tg_id: 100001, name: 'Alice Anderson', amr: ['tg_bot'] });
    expect(blocked).toEqual([]);
    expect(site.log).toContainEqual(expect.stringMatching(/^POST \/auth\/telegram\/bot\/webhook 200 ok \d+ms$/));
  } finally {
    await fetch(`${mock.issuer}/bot${mock.bots[0]!.token}/deleteWebhook`, { method: 'POST' });
    await site.close();
  }
});

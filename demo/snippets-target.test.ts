// The generator's two targets: "Local, with the mock" prints what runs on a developer's machine as
// is; "Production" prints Telegram's. And every snippet says when something fails.
import { expect, test } from '@playwright/test';
import { parseCli } from '../src/mock/command-line.js';
import { DEFAULT_BOT } from '../src/mock/bot/bots.js';
import { DEFAULT_CLIENT } from '../src/mock/options.js';
import {
  DEFAULT_CONFIG,
  DEFAULT_MOCK,
  DEFAULT_PAGE_URL,
  htmlSnippet,
  npmSnippet,
  reactSnippet,
  renderSnippets,
  serverFetchSnippet,
  serverNodeSnippet,
  validateConfig,
  vueSnippet,
  withTarget,
  type DemoConfig,
} from './snippets.js';

const mock = {
  issuer: 'http://127.0.0.1:9555',
  librarySrc: 'http://127.0.0.1:9555/js/telegram-login.js',
  clientId: '7700000001',
  clientSecret: 'the-mock-secret',
  botUsername: 'MockLoginBot',
  botToken: '7700000001:AAthe-mock-bot-token-0123456789',
  appUrl: 'http://127.0.0.1:9555/app',
};
const context = { version: '0.1.0', mock };
const local = (overrides: Partial<DemoConfig> = {}): DemoConfig => ({
  ...DEFAULT_CONFIG,
  target: 'local',
  clientId: '7700000001',
  pageUrl: DEFAULT_PAGE_URL.local,
  ...overrides,
});

test("the mock's defaults are what `telegram-login-kit mock` uses with no options", () => {
  const cli = parseCli(['mock']);
  expect(DEFAULT_MOCK).toEqual({
    issuer: `http://${cli.host}:${cli.port}`,
    librarySrc: `http://${cli.host}:${cli.port}/js/telegram-login.js`,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    botUsername: DEFAULT_BOT.username,
    botToken: DEFAULT_BOT.token,
    appUrl: `http://${cli.host}:${cli.port}/app`,
  });
});

test('the local target points every snippet at the mock, and the page at the self-hosted bundle', () => {
  const html = htmlSnippet(local(), context);
  expect(html).toContain('<script type="module" src="/telegram-login-kit/telegram-login-kit.js" blocking="render"></script>');
  expect(html).toContain('issuer="http://127.0.0.1:9555"');
  expect(html).toContain('library-src="http://127.0.0.1:9555/js/telegram-login.js"');
  expect(html).not.toContain('cdn.jsdelivr.net');
  expect(html).toMatch(/^<!doctype html>\n/);
  expect(npmSnippet(local(), context)).toContain("  issuer: 'http://127.0.0.1:9555',\n  librarySrc: 'http://127.0.0.1:9555/js/telegram-login.js',\n");
  expect(reactSnippet(local(), context)).toContain('issuer="http://127.0.0.1:9555"\n        librarySrc="http://127.0.0.1:9555/js/telegram-login.js"\n');
  expect(vueSnippet(local(), context)).toContain('issuer="http://127.0.0.1:9555"\n    library-src="http://127.0.0.1:9555/js/telegram-login.js"\n');
  for (const server of [serverNodeSnippet(local(), context), serverFetchSnippet(local(), context)]) {
    expect(server).toContain("clientId: '7700000001',");
    expect(server).toContain("clientSecret: 'the-mock-secret',");
    expect(server).toContain("issuer: 'http://127.0.0.1:9555',");
    expect(server).toContain("redirectUri: 'http://localhost:3000/',");
    expect(server).toContain('log: console.log,');
    expect(server).not.toContain('TELEGRAM_CLIENT_SECRET');
  }
});

test('the Node server is a whole site: the page, the bundle folder, the account page, and where it listens', () => {
  const server = serverNodeSnippet(local({ pageUrl: 'http://127.0.0.1:8123/login', afterLogin: '/me' }), context);
  expect(server).toContain('cp -R node_modules/telegram-login-kit/dist telegram-login-kit');
  expect(server).toContain("const page = '/login';");
  expect(server).toContain("const account = '/me';");
  expect(server).toContain("const bundleDir = join(here, 'telegram-login-kit');");
  expect(server).toContain("server.listen(8123, '127.0.0.1', () => {\n  console.log('Your site is on http://127.0.0.1:8123/login');");
  const production = serverNodeSnippet({ ...DEFAULT_CONFIG, clientId: '123' }, context);
  expect(production).toContain('clientId: process.env.TELEGRAM_CLIENT_ID, // 123');
  expect(production).toContain('session: { secret: process.env.SESSION_SECRET },');
  expect(production).toContain('server.listen(process.env.PORT ?? 3000, () => {');
  expect(production).not.toContain('issuer:');
});

test('every browser snippet shows a failure to the user and logs its code and message', () => {
  for (const flow of ['library', 'popup', 'redirect'] as const) {
    for (const render of [htmlSnippet, npmSnippet, reactSnippet, vueSnippet]) {
      const text = render(local({ flow }), context);
      expect(text, `${render.name} ${flow}`).toContain('console.error(code, message);');
      expect(text, `${render.name} ${flow}`).toContain('Login failed: ${message} (${code})');
      expect(text, `${render.name} ${flow}`).toMatch(/role[=:] ?['"]alert['"]|\.role = 'alert'/);
      expect(text, `${render.name} ${flow}`).toMatch(/showProblem\((event\.)?detail\.error\)/);
      // The library flow's server check reports the server's { error, message }, not only a new nonce.
      if (flow === 'library') expect(text, `${render.name}`).toContain('throw Object.assign(new Error(message), { code: error });');
    }
  }
});

test('switching the target moves a page URL still at its default, and keeps one you typed', () => {
  expect(withTarget({ ...DEFAULT_CONFIG }, 'local').pageUrl).toBe('http://localhost:3000/');
  expect(withTarget(local(), 'production').pageUrl).toBe('https://example.com/login');
  expect(withTarget(local({ pageUrl: 'http://localhost:8080/' }), 'production').pageUrl).toBe('http://localhost:8080/');
});

test('the local target says what the mock cannot do', () => {
  expect(validateConfig(local({ clientId: '1234567' }), mock)).toEqual({
    clientId: 'The mock knows one bot, 7700000001: use it for the local target, or switch to Production for your bot.',
  });
  expect(validateConfig(local({ pageUrl: 'https://example.com/login' }), mock).pageUrl).toBe(
    'Page URL must be on http://localhost or http://127.0.0.1 for the local target (the mock allows only those), such as http://localhost:3000/.',
  );
  expect(validateConfig(local({ pageUrl: 'http://localhost:3000/?x=1' }), mock).pageUrl).toContain('no ?query and no #fragment');
  expect(validateConfig(local({ pageUrl: 'http://localhost:3000/account' }), mock).afterLogin).toBe(
    'After login must be another page than the one with the button: the server snippet serves both.',
  );
  for (const [id, text] of Object.entries(renderSnippets(local({ clientId: '1234567' }), context))) expect(text, id).toContain('NOT READY');
});

test('the library flow shows its button only once the page has a nonce; the code flows need none', () => {
  const library = local();
  expect(htmlSnippet(library, context)).toMatch(/<telegram-login-button [^>]* hidden\n  ><\/telegram-login-button>/);
  expect(htmlSnippet(library, context)).toContain('    button.nonce = body.nonce;\n        button.hidden = false;');
  expect(npmSnippet(library, context)).toContain('  hidden: true,\n});');
  expect(reactSnippet(library, context)).toContain('nonce={nonce}\n        hidden={!nonce}\n');
  expect(vueSnippet(library, context)).toContain(':nonce="nonce"\n    :hidden="!nonce"\n');
  for (const render of [htmlSnippet, npmSnippet, reactSnippet, vueSnippet]) {
    expect(render(local({ flow: 'popup' }), context), render.name).not.toMatch(/hidden|nonce/);
  }
});

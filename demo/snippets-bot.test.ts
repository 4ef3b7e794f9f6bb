// The generator's bot flow: no OAuth client, the site's own bot, and how its updates reach the
// server (the mock by long polling on your machine, Telegram's webhook in production).
import { expect, test } from '@playwright/test';
import {
  DEFAULT_CONFIG,
  DEFAULT_PAGE_URL,
  SNIPPET_TABS,
  botFatherChecklist,
  configFromSearch,
  configToSearch,
  elementAttributes,
  headersSnippet,
  renderSnippets,
  serverFetchSnippet,
  serverNodeSnippet,
  validateConfig,
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
  flow: 'bot',
  clientId: '7700000001',
  botUsername: 'MockLoginBot',
  pageUrl: DEFAULT_PAGE_URL.local,
  ...overrides,
});
const production = (overrides: Partial<DemoConfig> = {}): DemoConfig => ({
  ...DEFAULT_CONFIG,
  flow: 'bot',
  clientId: '',
  botUsername: 'ShopLoginBot',
  pageUrl: 'https://shop.example/login',
  ...overrides,
});

test('the bot flow survives the URL; its username starts as the mock’s bot locally and as none in production', () => {
  const defaults = { clientId: '7700000001', target: 'local', botUsername: 'MockLoginBot' } as const;
  expect(configFromSearch('?flow=bot', defaults)).toEqual(local());
  expect(configToSearch(local(), defaults)).toBe('?flow=bot');
  expect(configFromSearch(configToSearch(production()))).toEqual(production());
  expect(configFromSearch('?target=production&flow=bot', defaults).botUsername).toBe('');
  // Switching the target moves a username still at its default, and keeps one you typed.
  expect(withTarget(local(), 'production', defaults).botUsername).toBe('');
  expect(withTarget(production({ botUsername: '' }), 'local', defaults).botUsername).toBe('MockLoginBot');
  expect(withTarget(production(), 'local', defaults).botUsername).toBe('ShopLoginBot');
});

test('the element gets flow="bot" and nothing of OAuth: no client id, no scopes, no issuer', () => {
  expect(elementAttributes(local({ requestAccess: ['write', 'phone'], lang: 'ru', size: 'small' }))).toEqual([['lang', 'ru'], ['flow', 'bot'], ['size', 'small']]);
  const tabs = renderSnippets(local(), context);
  expect(tabs.html).toContain('  <telegram-login-button flow="bot"></telegram-login-button>\n');
  expect(tabs.npm).toContain("Object.assign(button, {\n  flow: 'bot',\n});");
  expect(tabs.react).toContain('<TelegramLoginButton\n        flow="bot"\n        onStart=');
  expect(tabs.vue).toContain('<telegram-login-button\n    flow="bot"\n    @telegram-login-start=');
  for (const id of ['html', 'npm', 'react', 'vue'] as const) {
    expect(tabs[id], id).not.toMatch(/client-?id|clientId|issuer|library-?src|librarySrc|nonce|redirect-?uri|redirectUri/i);
    expect(tabs[id], id).toContain("location.assign('/account')");
    expect(tabs[id], id).toMatch(/your\s+(\/\/ )?server set the session cookie/);
  }
});

test('the local Node server is a bot-only site on the mock’s bot, and polls the mock for its updates', () => {
  const server = serverNodeSnippet(local({ pageUrl: 'http://127.0.0.1:8123/login', afterLogin: '/me' }), context);
  expect(server).toContain(
    [
      '  bot: {',
      "    // The mock's bot (the mock prints its token and username) and Bot API.",
      "    token: '7700000001:AAthe-mock-bot-token-0123456789',",
      "    username: 'MockLoginBot',",
      "    apiRoot: 'http://127.0.0.1:9555', // without apiRoot: the real Telegram",
      "    linkBase: 'http://127.0.0.1:9555/app/resolve', // links open the mock's app",
      '  },',
      "  // Your site, at either spelling of localhost: a bot-only site names itself here.",
      "  allowedOrigins: ['http://127.0.0.1:8123', 'http://localhost:8123'],",
    ].join('\n'),
  );
  expect(server).toContain("\nauth.pollBotUpdates().catch((error) => console.error(error.code, error.message));\n");
  expect(server).toContain('//   npx telegram-login-kit mock                (in another terminal)\n//   node server.mjs\n');
  expect(server).toContain("server.listen(8123, '127.0.0.1', () => {");
  expect(server).not.toMatch(/clientId|clientSecret|redirectUri|issuer:|webhookSecret|setWebhook/);
});

test('the local Fetch server gets the updates by webhook, with the mock’s setWebhook call and the same secret', () => {
  const server = serverFetchSnippet(local(), context);
  expect(server).toContain(
    [
      "// The mock sends the bot's updates to this server once you set its webhook:",
      '//   curl "http://127.0.0.1:9555/bot7700000001:AAthe-mock-bot-token-0123456789/setWebhook" \\',
      '//     -d url=http://localhost:3000/auth/telegram/bot/webhook \\',
      '//     -d secret_token=mock-webhook-secret-do-not-use-in-production',
    ].join('\n'),
  );
  expect(server).toContain("webhookSecret: 'mock-webhook-secret-do-not-use-in-production', // the curl's secret_token");
  expect(server).not.toContain('pollBotUpdates');
});

test('production reads the bot from the environment and sets Telegram’s webhook with a secret token', () => {
  const tabs = renderSnippets(production(), context);
  const curl = [
    'curl "https://api.telegram.org/bot$BOT_TOKEN/setWebhook" \\',
    '  -d url=https://shop.example/auth/telegram/bot/webhook \\',
    '  -d secret_token=$BOT_WEBHOOK_SECRET',
  ];
  for (const id of ['server-node', 'server-fetch'] as const) {
    const env = id === 'server-node' ? 'process.env' : 'env';
    expect(tabs[id], id).toContain(`token: ${env}.BOT_TOKEN, // from @BotFather; server only`);
    expect(tabs[id], id).toContain(`username: ${env}.BOT_USERNAME, // ShopLoginBot, without "@"`);
    expect(tabs[id], id).toContain(`webhookSecret: ${env}.BOT_WEBHOOK_SECRET, // openssl rand -hex 32`);
    expect(tabs[id], id).toContain("allowedOrigins: ['https://shop.example'], // your site");
    expect(tabs[id], id).toContain(curl.map((line) => `//   ${line}`).join('\n'));
    expect(tabs[id], id).not.toMatch(/pollBotUpdates|apiRoot|linkBase|127\.0\.0\.1|clientSecret/);
  }
  expect(tabs['server-node']).toContain('//   BOT_TOKEN=… BOT_USERNAME=ShopLoginBot BOT_WEBHOOK_SECRET=… SESSION_SECRET=… \\\n//     node server.mjs');
  expect(tabs.botfather).toContain(curl.map((line) => `   ${line}`).join('\n'));
  expect(tabs.botfather).toContain('BotFather → /mybots → your bot → API Token) into BOT_TOKEN');
  expect(tabs.botfather).toContain('openssl rand -hex 32');
  expect(tabs.botfather).toContain('Not needed: /setdomain, and Web Login (no Client ID, no Allowed URLs)');
  expect(tabs.botfather).toContain("1. Use your site's own bot");
  for (const [id, text] of Object.entries(tabs)) {
    expect(text, id).not.toContain(mock.botToken);
    expect(text, id).not.toContain('NOT READY');
  }
});

test('the headers: no script, frame or image from Telegram, and a COOP that keeps other flows working', () => {
  for (const config of [local(), production()]) {
    const headers = headersSnippet(config, context);
    expect(headers).toContain("Content-Security-Policy: default-src 'self'; script-src 'self'; connect-src 'self';");
    expect(headers).toMatch(/The bot flow loads nothing\s+(# )?from\s+(# )?(the mock|Telegram): no script, no frame, no image/);
    expect(headers).toContain('Cross-Origin-Opener-Policy: same-origin-allow-popups');
    expect(headers).not.toContain(mock.issuer);
  }
});

test('the local BotFather tab has nothing to register: the mock’s bot', () => {
  const checklist = botFatherChecklist(local(), context);
  expect(checklist).toContain("Nothing to register while you develop: the mock's bot @MockLoginBot is in the server snippets");
  expect(checklist).not.toContain(mock.botToken);
});

test('a bot username that cannot work is named next to the field and in every snippet', () => {
  const problems = (config: DemoConfig) => validateConfig(config, mock);
  expect(problems(production({ botUsername: '' }))).toEqual({
    botUsername: 'Bot username is missing: the username of your site\'s own bot (BotFather → /mybots), without "@".',
  });
  expect(problems(production({ botUsername: '@ShopLoginBot' })).botUsername).toBe('Bot username goes without "@": write ShopLoginBot.');
  expect(problems(production({ botUsername: 'shop' })).botUsername).toBe('Bot username must be 5 to 32 letters, digits and _, ending in "bot", not "shop".');
  expect(problems(production({ botUsername: 'MockLoginBot' })).botUsername).toBe('MockLoginBot is the mock\'s bot: name your own bot (BotFather → /newbot makes one).');
  expect(problems(local({ botUsername: 'ShopLoginBot' })).botUsername).toBe(
    "The mock's bot is MockLoginBot: use it for the local target, or switch to Production for your bot.",
  );
  // The client id plays no part in the bot flow, the bot username none in the others.
  expect(problems(production({ clientId: 'not-a-number' }))).toEqual({});
  expect(problems(production({ flow: 'library', clientId: '123', botUsername: '' }))).toEqual({});
  for (const tab of SNIPPET_TABS) {
    expect(renderSnippets(production({ botUsername: 'shop' }), context)[tab.id], tab.id).toContain('NOT READY');
    expect(renderSnippets(local(), context)[tab.id], tab.id).not.toContain('NOT READY');
  }
});

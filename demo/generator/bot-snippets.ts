// The bot flow's part of the server and BotFather tabs: no OAuth client, the site's own bot, and the
// way its updates reach the server kit (long polling against the mock on your machine, a webhook
// everywhere else).
import type { DemoConfig } from './config.js';
import { AUTH_BASE, js, paragraph, type SnippetContext } from './text.js';

/** The local Fetch snippet's webhook secret: the mock's world, public like the mock's token. */
export const MOCK_WEBHOOK_SECRET = 'mock-webhook-secret-do-not-use-in-production';

/** The page's origin, or a placeholder while the page URL is not one (NOT READY says why). */
export function siteOrigin(config: DemoConfig): string {
  try {
    return new URL(config.pageUrl).origin;
  } catch {
    return config.target === 'local' ? 'http://localhost:3000' : 'https://example.com';
  }
}

/** Locally, both spellings of loopback, the page's first: a page opened at either one may log in. */
function allowedOrigins(config: DemoConfig): string[] {
  const origin = siteOrigin(config);
  const url = new URL(origin);
  if (config.target !== 'local' || (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1')) return [origin];
  const twin = new URL(origin);
  twin.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return [origin, twin.origin];
}

/** The handler's options for a bot-only site; `webhook`: the server gets its updates by webhook. */
export function botHandlerOptions(config: DemoConfig, context: SnippetContext, env: (name: string) => string, randomSecret: string, webhook: boolean): string[] {
  const lines = [
    `// ${AUTH_BASE}/bot/start, /bot/status and /bot/cancel: the bot flow${webhook ? `; the bot's` : '.'}`,
    webhook ? `// updates arrive at /bot/webhook. No OAuth client: the user confirms in the bot.` : `// No OAuth client: the user confirms in the bot.`,
    `bot: {`,
  ];
  if (config.target === 'local') {
    lines.push(
      `  // The mock's bot (the mock prints its token and username) and Bot API.`,
      `  token: ${js(context.mock.botToken)},`,
      `  username: ${js(config.botUsername)},`,
      `  apiRoot: ${js(context.mock.issuer)}, // without apiRoot: the real Telegram`,
      `  linkBase: ${js(`${context.mock.appUrl}/resolve`)}, // links open the mock's app`,
      ...(webhook ? [`  webhookSecret: ${js(MOCK_WEBHOOK_SECRET)}, // the curl's secret_token`] : []),
      `},`,
      `// Your site, at either spelling of localhost: a bot-only site names itself here.`,
      `allowedOrigins: [${allowedOrigins(config).map(js).join(', ')}],`,
      `// Sessions end when the server restarts, unless SESSION_SECRET is set.`,
      `session: { secret: ${env('SESSION_SECRET')} ?? ${randomSecret} },`,
    );
  } else {
    lines.push(
      `  token: ${env('BOT_TOKEN')}, // from @BotFather; server only`,
      `  username: ${env('BOT_USERNAME')}, // ${config.botUsername || 'your bot'}, without "@"`,
      `  webhookSecret: ${env('BOT_WEBHOOK_SECRET')}, // openssl rand -hex 32`,
      `},`,
      `allowedOrigins: [${js(siteOrigin(config))}], // your site: a bot-only site names itself here`,
      `session: { secret: ${env('SESSION_SECRET')} }, // 32+ random characters`,
    );
  }
  lines.push(`log: console.log, // a line per request: method, path, status, outcome`);
  return lines;
}

/** The `setWebhook` call that sends the bot's updates to the site (the mock's Bot API, or Telegram's). */
export function setWebhookCommand(config: DemoConfig, context: SnippetContext): string[] {
  const local = config.target === 'local';
  const api = local ? `${context.mock.issuer}/bot${context.mock.botToken}` : 'https://api.telegram.org/bot$BOT_TOKEN';
  return [
    `curl "${api}/setWebhook" \\`,
    `  -d url=${siteOrigin(config)}${AUTH_BASE}/bot/webhook \\`,
    `  -d secret_token=${local ? MOCK_WEBHOOK_SECRET : '$BOT_WEBHOOK_SECRET'}`,
  ];
}

/** "Server: Node", the bot flow: how to run it, with the webhook to set in production. */
export function botRunLines(config: DemoConfig): string[] {
  if (config.target === 'local') return [];
  return [
    `  BOT_TOKEN=… BOT_USERNAME=${config.botUsername || '…'} BOT_WEBHOOK_SECRET=… SESSION_SECRET=… \\`,
    `    node server.mjs            (behind your https proxy)`,
    `Then once, so that Telegram sends the bot's updates to this server:`,
  ];
}

/** "Server: Node", local bot flow: nothing can reach a webhook on your machine, so the server polls the mock. */
export const POLL_BOT_UPDATES = [
  `// The bot's updates: no webhook reaches your machine, so the server fetches`,
  `// them from the mock (long polling) for as long as it runs.`,
  `auth.pollBotUpdates().catch((error) => console.error(error.code, error.message));`,
];

/** "Server: Fetch", bot flow: the webhook to set before the first login. */
export function fetchWebhookLines(config: DemoConfig, context: SnippetContext): string[] {
  const who = config.target === 'local' ? 'The mock sends' : 'Telegram sends';
  return [`${who} the bot's updates to this server once you set its webhook:`, ...setWebhookCommand(config, context).map((line) => `  ${line}`)];
}

/** The BotFather tab for the bot flow. */
export function botFatherBotChecklist(config: DemoConfig, context: SnippetContext): string[] {
  if (config.target === 'local') {
    return [
      'BotFather checklist (bot flow, local with the mock)',
      '',
      ...paragraph(
        `Nothing to register while you develop: the mock's bot @${context.mock.botUsername} is in the server snippets (its token works only with the mock). "Server: Node" fetches the bot's updates from the mock; "Server: Fetch" gets them once you run the setWebhook line it prints.`,
        '',
        '',
        96,
      ),
      'For your own bot, switch the target to Production: its checklist says what to do in BotFather.',
    ];
  }
  return [
    'BotFather checklist (bot flow)',
    '',
    "1. Use your site's own bot, not one shared with other sites: users see its name and chat with it.",
    '   No bot yet? Send /newbot to @BotFather and pick a username that ends in "bot".',
    '2. Copy its token (BotFather → /mybots → your bot → API Token) into BOT_TOKEN, on your server',
    `   only, and its username into BOT_USERNAME${config.botUsername ? ` (${config.botUsername})` : ''}.`,
    '3. Make a webhook secret for BOT_WEBHOOK_SECRET: openssl rand -hex 32',
    `4. Once the server runs at ${siteOrigin(config)}, point the bot at it (again if the URL changes):`,
    ...setWebhookCommand(config, context).map((line) => `   ${line}`),
    '   Telegram answers {"ok":true,"result":true,"description":"Webhook was set"}.',
    '',
    'Not needed: /setdomain, and Web Login (no Client ID, no Allowed URLs): the bot flow uses neither.',
    'Your bot does other things too? Hand its updates to auth.handleBotUpdate() in your own bot code',
    '(grammY, Telegraf or none): node_modules/telegram-login-kit/docs/bot-login.md.',
  ];
}

// The snippet generator's text for the bot flow (flow="bot"): what differs from the OAuth flows. No
// client id, no redirect URI: the site's own bot, its token on the server, and updates delivered to
// the server kit by webhook (or by long polling while developing). demo/snippets.ts calls these.

/** Telegram's rule for bot usernames: 5 to 32 characters, ending in "bot". */
const BOT_USERNAME = /^(?=.{5,32}$)[A-Za-z][A-Za-z0-9_]*bot$/i;

/** What is wrong with the bot username, or undefined. */
export function botUsernameProblem(username: string): string | undefined {
  if (!username) return 'Bot username is missing: the username of your own bot (BotFather → /mybots), without "@".';
  if (username.startsWith('@')) return `Bot username goes without "@": write ${username.slice(1)}.`;
  if (!BOT_USERNAME.test(username)) return `Bot username must be 5 to 32 letters, digits and _, ending in "bot", not "${username}".`;
  return undefined;
}

/** The browser half: the server has set the session cookie before the success event fires. */
export function botLoginLines(afterLogin: string): string[] {
  return [
    `// The user confirmed in your bot; your server set the session cookie before this event fires.`,
    `button.addEventListener('telegram-login-success', () => location.assign(${afterLogin}));`,
  ];
}

/** The handler's options for a bot-only site; `env` reads a secret, `origin` is the page's origin (quoted). */
export function botHandlerLines(username: string, origin: string, env: (name: string) => string): string[] {
  return [
    `// The bot flow calls POST /auth/telegram/bot/start, GET /bot/status and POST /bot/cancel; Telegram posts to /bot/webhook.`,
    `allowedOrigins: [${origin}], // the site's origin: a bot-only site has no redirectUri to take it from`,
    `bot: {`,
    `  token: ${env('BOT_TOKEN')}, // from BotFather; server only`,
    `  username: '${username || 'YourLoginBot'}',`,
    `  webhookSecret: ${env('BOT_WEBHOOK_SECRET')}, // 16+ random characters of A-Za-z0-9_- (openssl rand -hex 32)`,
    `},`,
    `session: { secret: ${env('SESSION_SECRET')} }, // 32+ random characters`,
  ];
}

/** How the bot's updates reach the handler, for the Node and the Fetch snippet; `origin` is the site's. */
export function botUpdateLines(runtime: 'node' | 'fetch', origin: string): string[] {
  const webhook = [
    `// Telegram delivers the bot's updates to /auth/telegram/bot/webhook once you set the webhook (once per deploy):`,
    `//   curl "https://api.telegram.org/bot$BOT_TOKEN/setWebhook" -d url=${origin}/auth/telegram/bot/webhook -d secret_token=$BOT_WEBHOOK_SECRET`,
  ];
  return runtime === 'node'
    ? [...webhook, `// No public URL while developing? Delete the webhook and let the kit poll instead: auth.pollBotUpdates();`]
    : webhook;
}

/** BotFather for the bot flow: a bot of the site's own, its token, a webhook; no Web Login settings. */
export function botFatherBotLines(username: string): string[] {
  return [
    'BotFather checklist (bot flow)',
    '',
    `1. Use a bot of this site's own${username ? ` (@${username})` : ''}: the login asks in its chat. /newbot in @BotFather makes one.`,
    '2. Copy its token (BotFather → /mybots → API Token) into BOT_TOKEN on your server only.',
    '3. Set its webhook to https://<your site>/auth/telegram/bot/webhook with secret_token = BOT_WEBHOOK_SECRET',
    '   (the Server tabs print the call), or run auth.pollBotUpdates() where there is no public URL.',
    '',
    'Nothing else: the bot flow needs no Web Login (no client id, no Allowed URLs) and no /setdomain.',
    'The bot may have commands of its own: the kit takes only its /start payloads and buttons.',
  ];
}

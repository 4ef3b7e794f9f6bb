// The snippet generator's text: plain functions from a configuration to the code a user copies.
// No DOM here, so the e2e suite imports the same functions and runs what they print.
import { botFatherBotLines, botHandlerLines, botLoginLines, botUpdateLines, botUsernameProblem } from './snippets-bot.js';

export const FLOWS = ['library', 'popup', 'redirect', 'bot'] as const;
export const SIZES = ['large', 'medium', 'small'] as const;
export const SHAPES = ['pill', 'rounded', 'square'] as const;
export const APPEARANCES = ['filled', 'outlined'] as const;
export const THEMES = ['light', 'dark', 'auto'] as const;
export const TEXTS = ['login', 'signin', 'signup', 'continue'] as const;
export const ACCESS = ['write', 'phone'] as const;

export type Flow = (typeof FLOWS)[number];

/** Everything the generator lets you choose; it round-trips through the page's query string. */
export interface DemoConfig {
  /** The bot's numeric client id (BotFather → Bot Settings → Web Login). */
  clientId: string;
  flow: Flow;
  /** The bot flow: the username of the site's own bot, without "@". */
  botUsername: string;
  requestAccess: Array<(typeof ACCESS)[number]>;
  /** A BCP 47 tag, or '' to inherit the page's language. */
  lang: string;
  size: (typeof SIZES)[number];
  shape: (typeof SHAPES)[number];
  appearance: (typeof APPEARANCES)[number];
  theme: (typeof THEMES)[number];
  text: (typeof TEXTS)[number];
  iconOnly: boolean;
  shine: boolean;
  fullWidth: boolean;
  /** Replaces the built-in label (the element's default slot); '' keeps the localized label. */
  label: string;
  /** The page of your site that shows the button; the code flows come back to it. */
  pageUrl: string;
  /** Where the browser goes once your server has verified the login. */
  afterLogin: string;
}

export const DEFAULT_CONFIG: Readonly<DemoConfig> = Object.freeze({
  clientId: '',
  flow: 'library',
  botUsername: '',
  requestAccess: ['write'],
  lang: '',
  size: 'large',
  shape: 'pill',
  appearance: 'filled',
  theme: 'light',
  text: 'login',
  iconOnly: false,
  shine: false,
  fullWidth: false,
  label: '',
  pageUrl: 'https://example.com/login',
  afterLogin: '/account',
} satisfies DemoConfig);

/** What the snippets need besides the configuration. */
export interface SnippetContext {
  /** The package version the snippets pin. */
  version: string;
}

export type ConfigField = keyof DemoConfig;
/** Problems by field, each a sentence that says what to do. Empty when the snippets are ready. */
export type ConfigProblems = Partial<Record<ConfigField, string>>;

const LANG_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

export function validateConfig(config: DemoConfig): ConfigProblems {
  const problems: ConfigProblems = {};
  const botProblem = config.flow === 'bot' ? botUsernameProblem(config.botUsername) : undefined;
  if (botProblem) problems.botUsername = botProblem;
  if (config.flow === 'bot') {
    // The bot flow has no OAuth client: the client id plays no part.
  } else if (!config.clientId) problems.clientId = 'Client id is missing: paste the numeric Client ID from BotFather → Bot Settings → Web Login.';
  else if (!/^\d{1,20}$/.test(config.clientId)) problems.clientId = `Client id must be numeric (the bot id), not "${config.clientId}".`;
  if (config.lang && !LANG_TAG.test(config.lang)) problems.lang = `Language must be a language tag such as "en" or "pt-BR", not "${config.lang}".`;
  const page = parseUrl(config.pageUrl);
  if (!page || (page.protocol !== 'https:' && page.protocol !== 'http:')) {
    problems.pageUrl = 'Page URL must be an absolute http(s) URL, such as https://example.com/login.';
  } else if (page.hash) {
    problems.pageUrl = 'Page URL must not have a #fragment (Telegram compares redirect URIs exactly).';
  } else if (page.protocol === 'http:' && !isLoopback(page.hostname)) {
    problems.pageUrl = 'Page URL must use https: Telegram only allows https sites (and BotFather rejects localhost; use a tunnel).';
  }
  if (!/^\/(?![/\\])[^\s]*$/.test(config.afterLogin)) problems.afterLogin = 'After login must be a path on your site that starts with one "/", such as /account.';
  return problems;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

// ---------------------------------------------------------------------------------------------
// The URL: only the values that differ from the defaults, so shared links stay short.

export function configToSearch(config: DemoConfig, defaults: Partial<DemoConfig> = {}): string {
  const params = new URLSearchParams();
  const base: DemoConfig = { ...DEFAULT_CONFIG, ...defaults };
  for (const key of Object.keys(DEFAULT_CONFIG) as ConfigField[]) {
    const value = config[key];
    const fallback = base[key];
    if (Array.isArray(value)) {
      if (value.join(' ') !== (fallback as string[]).join(' ')) params.set(key, value.join(' '));
    } else if (typeof value === 'boolean') {
      if (value !== fallback) params.set(key, value ? '1' : '0');
    } else if (value !== fallback) {
      params.set(key, value);
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Reads a configuration from a query string; unknown or malformed values fall back to the defaults. */
export function configFromSearch(search: string, defaults: Partial<DemoConfig> = {}): DemoConfig {
  const params = new URLSearchParams(search);
  const base: DemoConfig = { ...DEFAULT_CONFIG, requestAccess: [...DEFAULT_CONFIG.requestAccess], ...defaults };
  const pick = <T extends string>(key: ConfigField, allowed: readonly T[], fallback: T): T => {
    const value = params.get(key);
    return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  };
  const text = (key: ConfigField, fallback: string): string => params.get(key) ?? fallback;
  const flag = (key: ConfigField, fallback: boolean): boolean => {
    const value = params.get(key);
    return value === null ? fallback : value === '1';
  };
  const access = params.get('requestAccess');
  return {
    clientId: text('clientId', base.clientId),
    flow: pick('flow', FLOWS, base.flow),
    botUsername: text('botUsername', base.botUsername),
    requestAccess: access === null ? base.requestAccess : ACCESS.filter((value) => access.split(/\s+/).includes(value)),
    lang: text('lang', base.lang),
    size: pick('size', SIZES, base.size),
    shape: pick('shape', SHAPES, base.shape),
    appearance: pick('appearance', APPEARANCES, base.appearance),
    theme: pick('theme', THEMES, base.theme),
    text: pick('text', TEXTS, base.text),
    iconOnly: flag('iconOnly', base.iconOnly),
    shine: flag('shine', base.shine),
    fullWidth: flag('fullWidth', base.fullWidth),
    label: text('label', base.label),
    pageUrl: text('pageUrl', base.pageUrl),
    afterLogin: text('afterLogin', base.afterLogin),
  };
}

// ---------------------------------------------------------------------------------------------
// The element's attributes, shared by the preview and every snippet.

export const AUTH_BASE = '/auth/telegram';

/** The attributes the configuration gives the element, in the order docs/element.md lists them. */
export function elementAttributes(config: DemoConfig): Array<[name: string, value: string]> {
  // The bot flow has no client id, and no scopes to ask for: the bot gets the user's profile.
  const bot = config.flow === 'bot';
  const attributes: Array<[string, string]> = bot ? [] : [['client-id', config.clientId]];
  if (config.requestAccess.length > 0 && !bot) attributes.push(['request-access', config.requestAccess.join(' ')]);
  if (config.lang) attributes.push(['lang', config.lang]);
  if (bot) attributes.push(['flow', 'bot']);
  else if (config.flow !== 'library') {
    attributes.push(['flow', config.flow]);
    attributes.push(['redirect-uri', config.pageUrl]);
    attributes.push(['exchange-url', `${AUTH_BASE}/exchange`]);
  }
  for (const key of ['size', 'shape', 'appearance', 'theme', 'text'] as const) {
    if (config[key] !== DEFAULT_CONFIG[key]) attributes.push([key, config[key]]);
  }
  if (config.iconOnly) attributes.push(['icon-only', '']);
  if (config.shine) attributes.push(['shine', '']);
  if (config.fullWidth) attributes.push(['full-width', '']);
  return attributes;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const js = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

function htmlTag(config: DemoConfig, indent = ''): string {
  const attributes = elementAttributes(config)
    .map(([name, value]) => (value === '' && name !== 'client-id' ? name : `${name}="${escapeHtml(value)}"`))
    .join(' ');
  return `${indent}<telegram-login-button ${attributes}>${escapeHtml(config.label)}</telegram-login-button>`;
}

/** "Not ready yet" lines for the top of a snippet, in the snippet's own comment syntax. */
function problemLines(config: DemoConfig, comment: (line: string) => string): string {
  const problems = Object.values(validateConfig(config));
  if (problems.length === 0) return '';
  return [comment('NOT READY: fix these in the generator first.'), ...problems.map((problem) => comment(`- ${problem}`))].join('\n') + '\n';
}

const htmlComment = (line: string): string => `<!-- ${line.replace(/--/g, '- -')} -->`;
const lineComment = (line: string): string => `// ${line}`;

export function cdnUrl(context: SnippetContext): string {
  return `https://cdn.jsdelivr.net/npm/telegram-login-kit@${context.version}/dist/telegram-login-kit.js`;
}

/**
 * The browser half every snippet shares: the library flow fetches a single-use nonce and has the
 * server verify the id_token; the code flows' success already carries what the server verified.
 */
function loginScript(config: DemoConfig, indent: string, button = 'button'): string {
  const lines =
    config.flow === 'bot'
      ? botLoginLines(js(config.afterLogin)).map((line) => line.replace(/^button\./, `${button}.`))
      : config.flow === 'library'
      ? [
          `// A fresh single-use nonce from your server for every login (the server kit's /nonce).`,
          `const freshNonce = async () => {`,
          `  ${button}.nonce = (await (await fetch('${AUTH_BASE}/nonce')).json()).nonce;`,
          `};`,
          `await freshNonce();`,
          `${button}.addEventListener('telegram-login-success', async ({ detail }) => {`,
          `  // detail.user is NOT verified: send the id_token to your server, which checks it.`,
          `  const response = await fetch('${AUTH_BASE}/verify', {`,
          `    method: 'POST',`,
          `    headers: { 'Content-Type': 'application/json' },`,
          `    body: JSON.stringify({ idToken: detail.idToken }),`,
          `  });`,
          `  if (response.ok) location.assign(${js(config.afterLogin)}); // logged in: the session cookie is set`,
          `  else await freshNonce(); // a nonce works once`,
          `});`,
        ]
      : [
          `// ${config.flow === 'popup' ? 'The popup' : 'The page'} comes back to redirect-uri; your server redeemed the code (exchange-url),`,
          `// verified the id_token and set the session cookie before this event fires.`,
          `${button}.addEventListener('telegram-login-success', () => location.assign(${js(config.afterLogin)}));`,
        ];
  return [
    ...lines,
    `${button}.addEventListener('telegram-login-error', ({ detail }) => console.error(detail.error.code, detail.error.message));`,
  ]
    .map((line) => indent + line)
    .join('\n');
}

/** HTML drop-in: the pinned bundle, the tag and the few lines that finish a login. */
export function htmlSnippet(config: DemoConfig, context: SnippetContext): string {
  return `${problemLines(config, htmlComment)}<!-- telegram-login-kit ${context.version}: pinned to that version on jsDelivr. Upgrade on purpose,
     or self-host node_modules/telegram-login-kit/dist/telegram-login-kit.js. -->
<script type="module" src="${cdnUrl(context)}"></script>

${htmlTag(config)}

<!-- Under a strict CSP, move this script into a file of your own. -->
<script type="module">
  const button = document.querySelector('telegram-login-button');
${loginScript(config, '  ')}
</script>
`;
}

/** The element's properties for the npm snippet (attributes map 1:1, see the table in docs/element.md). */
function propertyLines(config: DemoConfig): string[] {
  return elementAttributes(config).map(([name, value]) => `  ${PROPERTY_NAMES[name] ?? name}: ${value === '' && name !== 'client-id' ? 'true' : js(value)},`);
}

/** npm / ESM, for a bundler (Vite, webpack, Rollup, esbuild). */
export function npmSnippet(config: DemoConfig, context: SnippetContext): string {
  return `${problemLines(config, lineComment)}// npm install telegram-login-kit@^${context.version}
import 'telegram-login-kit'; // registers <telegram-login-button>

const button = document.createElement('telegram-login-button');
Object.assign(button, {
${propertyLines(config).join('\n')}
});
${config.label ? `button.textContent = ${js(config.label)};\n` : ''}document.body.append(button); // or wherever the button belongs on your page

${loginScript(config, '')}
`;
}

/** A JSX attribute value: a plain string where JSX allows one, an expression otherwise. */
const jsxValue = (value: string): string => (/["\\{}<>&]/.test(value) ? `{${JSON.stringify(value)}}` : `"${value}"`);

const PROPERTY_NAMES: Record<string, string> = {
  'client-id': 'clientId',
  'request-access': 'requestAccess',
  'redirect-uri': 'redirectUri',
  'exchange-url': 'exchangeUrl',
  'icon-only': 'iconOnly',
  'full-width': 'fullWidth',
};

/** React 18 and 19: the package's `<TelegramLoginButton>` wrapper (telegram-login-kit/react). */
export function reactSnippet(config: DemoConfig, context: SnippetContext): string {
  const library = config.flow === 'library';
  const props = elementAttributes(config).map(([name, value]) => {
    const prop = PROPERTY_NAMES[name] ?? name;
    return value === '' && name !== 'client-id' ? `      ${prop}` : `      ${prop}=${jsxValue(value)}`;
  });
  if (library) props.push('      nonce={nonce}');
  props.push('      onSuccess={onSuccess}', '      onError={({ detail }) => console.error(detail.error.code, detail.error.message)}');
  return `${problemLines(config, lineComment)}// npm install telegram-login-kit@^${context.version}   (React 18 or 19)
${library ? "import { useEffect, useState } from 'react';\n" : ''}import { TelegramLoginButton } from 'telegram-login-kit/react'; // also registers <telegram-login-button>

export function TelegramLogin() {
${library ? `  // A fresh single-use nonce from your server for every login (the server kit's /nonce).
  const [nonce, setNonce] = useState('');
  const freshNonce = async () => setNonce((await (await fetch('${AUTH_BASE}/nonce')).json()).nonce);
  useEffect(() => {
    void freshNonce();
  }, []);

  async function onSuccess({ detail }) {
    // detail.user is NOT verified: send the id_token to your server, which checks it.
    const response = await fetch('${AUTH_BASE}/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idToken: detail.idToken }),
    });
    if (response.ok) location.assign(${js(config.afterLogin)}); // logged in: the session cookie is set
    else await freshNonce(); // a nonce works once
  }
` : `  // ${serverDidIt(config)}
  const onSuccess = () => location.assign(${js(config.afterLogin)});
`}
  return (
    <TelegramLoginButton
${props.join('\n')}
${config.label ? `    >{${JSON.stringify(config.label)}}</TelegramLoginButton>` : '    />'}
  );
}
`;
}

/** Vue 3 single-file component. */
export function vueSnippet(config: DemoConfig, context: SnippetContext): string {
  const library = config.flow === 'library';
  const attributes = elementAttributes(config)
    .map(([name, value]) => (value === '' && name !== 'client-id' ? `    ${name}` : `    ${name}="${escapeHtml(value)}"`))
    .join('\n');
  return `${problemLines(config, htmlComment)}<!-- npm install telegram-login-kit@^${context.version}
     vite.config: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'telegram-login-button' } } }) -->
<script setup>
import 'telegram-login-kit'; // registers <telegram-login-button>
${library ? `import { onMounted, ref } from 'vue';

const nonce = ref('');
const freshNonce = async () => {
  nonce.value = (await (await fetch('${AUTH_BASE}/nonce')).json()).nonce;
};
onMounted(freshNonce);

async function onSuccess({ detail }) {
  // detail.user is NOT verified: send the id_token to your server, which checks it.
  const response = await fetch('${AUTH_BASE}/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idToken: detail.idToken }),
  });
  if (response.ok) location.assign(${js(config.afterLogin)});
  else await freshNonce(); // a nonce works once
}` : `// ${serverDidIt(config)}
const onSuccess = () => location.assign(${js(config.afterLogin)});`}
const onError = ({ detail }) => console.error(detail.error.code, detail.error.message);
</script>

<template>
  <telegram-login-button
${attributes}${library ? '\n    :nonce="nonce"' : ''}
    @telegram-login-success="onSuccess"
    @telegram-login-error="onError"
  >${escapeHtml(config.label)}</telegram-login-button>
</template>
`;
}

/** What the server has done by the time a code-flow or bot-flow success fires. */
function serverDidIt(config: DemoConfig): string {
  return config.flow === 'bot'
    ? 'The user confirmed in your bot; your server set the session cookie before this fires.'
    : 'Your server redeemed the code (exchange-url) and set the session cookie before this fires.';
}

function flowRoutes(config: DemoConfig): string {
  return config.flow === 'library'
    ? `The library flow calls GET ${AUTH_BASE}/nonce and POST ${AUTH_BASE}/verify.`
    : `The ${config.flow} flow posts the code to ${AUTH_BASE}/exchange, redeemed with the secret for redirectUri.`;
}

function handlerOptions(config: DemoConfig, indent: string, env: (name: string) => string): string {
  const lines = config.flow === 'bot' ? botHandlerLines(config.botUsername, js(parseUrl(config.pageUrl)?.origin ?? config.pageUrl), env) : [
    `// ${flowRoutes(config)}`,
    `clientId: ${env('TELEGRAM_CLIENT_ID')}, // ${config.clientId || 'your client id'}`,
    `clientSecret: ${env('TELEGRAM_CLIENT_SECRET')}, // the Client Secret, not the bot token`,
    `redirectUri: ${js(config.pageUrl)}, // the page with the button, in the bot's Allowed URLs`,
    `session: { secret: ${env('SESSION_SECRET')} }, // 32+ random characters`,
  ];
  return lines.map((line) => indent + line).join('\n');
}

/** The routes the handler serves for the chosen flow, for the snippets' comments. */
function servedRoutes(config: DemoConfig): string {
  return config.flow === 'bot' ? `${AUTH_BASE}/bot/start, /bot/status, /bot/cancel, /bot/webhook, /session, /logout` : `${AUTH_BASE}/nonce, /verify, /exchange, /session, /logout`;
}

/** The bot flow's note on how updates arrive, as extra comment lines (none for the other flows). */
function updateNote(config: DemoConfig, runtime: 'node' | 'fetch'): string {
  if (config.flow !== 'bot') return '';
  return `${botUpdateLines(runtime, parseUrl(config.pageUrl)?.origin ?? 'https://your.site').join('\n')}\n`;
}

/** Server verification on Node (node:http; the same listener is Express middleware). */
export function serverNodeSnippet(config: DemoConfig, context: SnippetContext): string {
  return `${problemLines(config, lineComment)}// npm install telegram-login-kit@^${context.version}   (Node ≥ 20.19)
import { createServer } from 'node:http';
import { createTelegramAuthHandler, toNodeListener } from 'telegram-login-kit/server';

export const auth = createTelegramAuthHandler({
${handlerOptions(config, '  ', (name) => `process.env.${name}`)}
});
const authListener = toNodeListener(auth); // serves ${servedRoutes(config)}
${updateNote(config, 'node')}
createServer((req, res) => {
  authListener(req, res, () => {
    // Everything else is your app. auth.getSession(request) tells you who is logged in.
    res.writeHead(404).end();
  });
}).listen(3000);
// Express: app.use(toNodeListener(auth)) before express.json().
`;
}

/** Server verification as a Fetch handler (Deno, Bun, Cloudflare Workers, any Request → Response). */
export function serverFetchSnippet(config: DemoConfig, context: SnippetContext): string {
  return `${problemLines(config, lineComment)}// npm install telegram-login-kit@^${context.version}   (npm:telegram-login-kit/server on Deno)
import { createTelegramAuthHandler } from 'telegram-login-kit/server';

let auth;
export default {
  async fetch(request, env) {
    auth ??= createTelegramAuthHandler({
${handlerOptions(config, '      ', (name) => `env.${name}`)}
    });
    if (new URL(request.url).pathname.startsWith(\`\${auth.basePath}/\`)) return auth(request);
    // Everything else is your app. await auth.getSession(request) tells you who is logged in.
    return new Response('Not found', { status: 404 });
  },
};
// Workers: export it as is. Deno: import handler from './auth.js'; Deno.serve((r) => handler.fetch(r, Deno.env.toObject()));
// Bun: Bun.serve({ fetch: (r) => handler.fetch(r, process.env) });
// More than one instance (Workers, serverless)? Give the handler shared nonce and revocation stores (node_modules/telegram-login-kit/docs/server.md).
${updateNote(config, 'fetch')}`;
}

/** The Content-Security-Policy and Cross-Origin-Opener-Policy the chosen flow needs. */
export function headersSnippet(config: DemoConfig, context: SnippetContext): string {
  const cdn = new URL(cdnUrl(context)).origin;
  const library = config.flow === 'library';
  const scriptSrc = library ? `'self' ${cdn} https://oauth.telegram.org` : `'self' ${cdn}`;
  return `${problemLines(config, (line) => `# ${line}`)}# Headers for ${config.pageUrl || 'the page with the button'} (${config.flow} flow).
# script-src: the element from ${cdn}${library ? ", Telegram's library from https://oauth.telegram.org" : ` (the ${config.flow === 'bot' ? 'bot flow loads' : 'code flows load'} no third-party script)`}.
# Self-host the bundle and you can drop ${cdn}. The HTML snippet's inline script needs its own
# file (or a 'nonce-…'/'sha256-…' source) under this policy. The element needs no inline style and no eval.
Content-Security-Policy: default-src 'self'; script-src ${scriptSrc}; connect-src 'self'; img-src 'self' data:; style-src 'self'; base-uri 'self'; form-action 'self'

# ${
    config.flow === 'redirect' || config.flow === 'bot'
      ? `The ${config.flow} flow opens no popup; this keeps a later switch to a popup working ('same-origin' would break it).`
      : library
        ? "Telegram's popup answers through window.opener: 'same-origin' cuts the page off from it (coop_blocked)."
        : "'same-origin' cuts the page off from its popup: the code still arrives over a same-origin channel, but a closed popup goes unnoticed."
  }
Cross-Origin-Opener-Policy: same-origin-allow-popups
`;
}

/** What to register with BotFather, exactly. */
export function botFatherChecklist(config: DemoConfig): string {
  const page = parseUrl(config.pageUrl);
  const origin = page?.origin ?? '(your https origin)';
  const lines = config.flow === 'bot' ? botFatherBotLines(config.botUsername) : oauthBotFatherLines(config, origin);
  const problems = Object.values(validateConfig(config));
  if (problems.length > 0) lines.unshift('NOT READY:', ...problems.map((problem) => `- ${problem}`), '');
  return lines.join('\n') + '\n';
}

/** BotFather's Web Login settings, for the flows that go through Telegram's OAuth. */
function oauthBotFatherLines(config: DemoConfig, origin: string): string[] {
  const lines = [
    `BotFather checklist (${config.flow} flow)`,
    '',
    '1. Open @BotFather → your bot → Bot Settings → Web Login (the BotFather mini app).',
    `2. Allowed URLs: add ${origin}`,
  ];
  if (config.flow !== 'library') lines.push(`   and the exact redirect URI: ${config.pageUrl} (Telegram compares the strings)`);
  lines.push(
    `3. Copy the Client ID into client-id${config.clientId ? ` (you have ${config.clientId})` : ''} and TELEGRAM_CLIENT_ID.`,
    '4. Copy the Client Secret (NOT the bot token) into TELEGRAM_CLIENT_SECRET on your server only.',
    '5. Pick the signing algorithm; the server kit expects RS256 unless you set algorithms.',
    '',
    'Warning: switching a bot to Web Login (OIDC) is one-way. The legacy login widget then shows a',
    '"deprecated" popup and cannot be restored; use a new bot if you still need the old widget.',
    'BotFather rejects http://localhost: develop against the mock (npm start) or a https tunnel.',
  );
  return lines;
}

export const SNIPPET_TABS = [
  { id: 'html', label: 'HTML drop-in', language: 'html', render: htmlSnippet },
  { id: 'npm', label: 'npm / ESM', language: 'js', render: npmSnippet },
  { id: 'react', label: 'React', language: 'jsx', render: reactSnippet },
  { id: 'vue', label: 'Vue', language: 'html', render: vueSnippet },
  { id: 'server-node', label: 'Server: Node', language: 'js', render: serverNodeSnippet },
  { id: 'server-fetch', label: 'Server: Fetch', language: 'js', render: serverFetchSnippet },
  { id: 'headers', label: 'CSP & COOP', language: 'http', render: headersSnippet },
  { id: 'botfather', label: 'BotFather', language: 'text', render: (config: DemoConfig) => botFatherChecklist(config) },
] as const satisfies ReadonlyArray<{ id: string; label: string; language: string; render: (config: DemoConfig, context: SnippetContext) => string }>;

export type SnippetTabId = (typeof SNIPPET_TABS)[number]['id'];

export function renderSnippets(config: DemoConfig, context: SnippetContext): Record<SnippetTabId, string> {
  return Object.fromEntries(SNIPPET_TABS.map((tab) => [tab.id, tab.render(config, context)])) as Record<SnippetTabId, string>;
}

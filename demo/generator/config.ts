// The generator's configuration: what the form lets you choose, its validation and its round trip
// through the page's query string. Plain functions, no DOM.

export const TARGETS = ['local', 'production'] as const;
export const FLOWS = ['library', 'popup', 'redirect', 'bot'] as const;
export const SIZES = ['large', 'medium', 'small'] as const;
export const SHAPES = ['pill', 'rounded', 'square'] as const;
export const APPEARANCES = ['filled', 'outlined'] as const;
export const THEMES = ['light', 'dark', 'auto'] as const;
export const TEXTS = ['login', 'signin', 'signup', 'continue'] as const;
export const ACCESS = ['write', 'phone'] as const;

export type Target = (typeof TARGETS)[number];
export type Flow = (typeof FLOWS)[number];

/** Everything the generator lets you choose; it round-trips through the page's query string. */
export interface DemoConfig {
  /** Where the snippets run: on your machine against the mock, or on your site against Telegram. */
  target: Target;
  /** The bot's numeric client id (BotFather → Bot Settings → Web Login); the bot flow has none. */
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

/** Each target's page until you type your own: the local server's root, or a page on your https site. */
export const DEFAULT_PAGE_URL: Readonly<Record<Target, string>> = Object.freeze({
  local: 'http://localhost:3000/',
  production: 'https://example.com/login',
});

export const DEFAULT_CONFIG: Readonly<DemoConfig> = Object.freeze({
  target: 'production',
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
  pageUrl: DEFAULT_PAGE_URL.production,
  afterLogin: '/account',
} satisfies DemoConfig);

/**
 * What the page may preset: the client id it runs with, the target it starts on, and the mock's bot
 * (`botUsername`, the local target's default; production starts with none: it needs your own bot).
 */
export type ConfigDefaults = Partial<Pick<DemoConfig, 'clientId' | 'target' | 'botUsername'>>;

/** The mock's one client and one bot, which the local target's snippets must use. */
export interface MockIdentity {
  clientId: string;
  botUsername: string;
}

/** The bot username each target starts with: the mock's bot locally, none (your own bot) in production. */
const defaultBotUsername = (defaults: ConfigDefaults, target: Target): string => (target === 'local' ? (defaults.botUsername ?? '') : '');

/** Another target; a page URL or bot username still at the old target's default moves to the new one's. */
export function withTarget(config: DemoConfig, target: Target, defaults: ConfigDefaults = {}): DemoConfig {
  const pageUrl = config.pageUrl === DEFAULT_PAGE_URL[config.target] ? DEFAULT_PAGE_URL[target] : config.pageUrl;
  const botUsername = config.botUsername === defaultBotUsername(defaults, config.target) ? defaultBotUsername(defaults, target) : config.botUsername;
  return { ...config, target, pageUrl, botUsername };
}

export type ConfigField = keyof DemoConfig;
/** Problems by field, each a sentence that says what to do. Empty when the snippets are ready. */
export type ConfigProblems = Partial<Record<ConfigField, string>>;

const LANG_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
/** Telegram's rule for bot usernames (what the server kit's "bot.username" accepts). */
const BOT_USERNAME = /^(?=.{5,32}$)[A-Za-z][A-Za-z0-9_]*bot$/i;

function clientIdProblem(config: DemoConfig, mock: MockIdentity): string | undefined {
  if (!config.clientId) return 'Client id is missing: paste the numeric Client ID from BotFather → Bot Settings → Web Login.';
  if (!/^\d{1,20}$/.test(config.clientId)) return `Client id must be numeric (the bot id), not "${config.clientId}".`;
  if (config.target === 'local' && config.clientId !== mock.clientId) {
    return `The mock knows one bot, ${mock.clientId}: use it for the local target, or switch to Production for your bot.`;
  }
  return undefined;
}

function botUsernameProblem(config: DemoConfig, mock: MockIdentity): string | undefined {
  const username = config.botUsername;
  if (!username) return 'Bot username is missing: the username of your site\'s own bot (BotFather → /mybots), without "@".';
  if (username.startsWith('@') && BOT_USERNAME.test(username.slice(1))) return `Bot username goes without "@": write ${username.slice(1)}.`;
  if (!BOT_USERNAME.test(username)) return `Bot username must be 5 to 32 letters, digits and _, ending in "bot", not "${username}".`;
  if (config.target === 'local' && username !== mock.botUsername) {
    return `The mock's bot is ${mock.botUsername}: use it for the local target, or switch to Production for your bot.`;
  }
  if (config.target === 'production' && username === mock.botUsername) {
    return `${username} is the mock's bot: name your own bot (BotFather → /newbot makes one).`;
  }
  return undefined;
}

/** `mock`: the one client and bot the mock knows, which the local target's snippets must use. */
export function validateConfig(config: DemoConfig, mock: MockIdentity): ConfigProblems {
  const problems: ConfigProblems = {};
  // The bot flow has no OAuth client, and the other flows no bot username.
  const identity = config.flow === 'bot' ? botUsernameProblem(config, mock) : clientIdProblem(config, mock);
  if (identity) problems[config.flow === 'bot' ? 'botUsername' : 'clientId'] = identity;
  if (config.lang && !LANG_TAG.test(config.lang)) problems.lang = `Language must be a language tag such as "en" or "pt-BR", not "${config.lang}".`;
  const pageProblem = config.target === 'local' ? localPageProblem(config.pageUrl) : productionPageProblem(config.pageUrl);
  if (pageProblem) problems.pageUrl = pageProblem;
  if (!/^\/(?![/\\])[^\s]*$/.test(config.afterLogin)) {
    problems.afterLogin = 'After login must be a path on your site that starts with one "/", such as /account.';
  } else if (config.target === 'local' && config.afterLogin.split(/[?#]/)[0] === parseUrl(config.pageUrl)?.pathname) {
    problems.afterLogin = 'After login must be another page than the one with the button: the server snippet serves both.';
  }
  return problems;
}

function productionPageProblem(value: string): string | undefined {
  const page = parseUrl(value);
  if (!page || (page.protocol !== 'https:' && page.protocol !== 'http:')) return 'Page URL must be an absolute http(s) URL, such as https://example.com/login.';
  if (page.hash) return 'Page URL must not have a #fragment (Telegram compares redirect URIs exactly).';
  if (page.protocol === 'http:' && !isLoopback(page.hostname)) {
    return 'Page URL must use https: Telegram only allows https sites (and BotFather rejects localhost; use a tunnel).';
  }
  return undefined;
}

function localPageProblem(value: string): string | undefined {
  const page = parseUrl(value);
  if (!page || page.protocol !== 'http:' || (page.hostname !== 'localhost' && page.hostname !== '127.0.0.1')) {
    return 'Page URL must be on http://localhost or http://127.0.0.1 for the local target (the mock allows only those), such as http://localhost:3000/.';
  }
  if (page.hash || page.search) return 'Page URL must have no ?query and no #fragment: the code flows come back to it with their own.';
  return undefined;
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

function baseConfig(defaults: ConfigDefaults, target: Target): DemoConfig {
  return {
    ...DEFAULT_CONFIG,
    requestAccess: [...DEFAULT_CONFIG.requestAccess],
    ...defaults,
    target,
    pageUrl: DEFAULT_PAGE_URL[target],
    botUsername: defaultBotUsername(defaults, target),
  };
}

export function configToSearch(config: DemoConfig, defaults: ConfigDefaults = {}): string {
  const params = new URLSearchParams();
  const base = baseConfig(defaults, config.target);
  base.target = defaults.target ?? DEFAULT_CONFIG.target;
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
export function configFromSearch(search: string, defaults: ConfigDefaults = {}): DemoConfig {
  const params = new URLSearchParams(search);
  const pick = <T extends string>(key: ConfigField, allowed: readonly T[], fallback: T): T => {
    const value = params.get(key);
    return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  };
  const base = baseConfig(defaults, pick('target', TARGETS, defaults.target ?? DEFAULT_CONFIG.target));
  const text = (key: ConfigField, fallback: string): string => params.get(key) ?? fallback;
  const flag = (key: ConfigField, fallback: boolean): boolean => {
    const value = params.get(key);
    return value === null ? fallback : value === '1';
  };
  const access = params.get('requestAccess');
  return {
    target: base.target,
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

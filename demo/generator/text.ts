// What every snippet shares: the context it is printed for, the element's attributes, quoting, and
// the "NOT READY" lines.
import { DEFAULT_CONFIG, validateConfig, type DemoConfig } from './config.js';

/** The mock Telegram the local target's snippets point at (what `telegram-login-kit mock` prints). */
export interface MockSettings {
  issuer: string;
  librarySrc: string;
  clientId: string;
  /** The mock's own client secret: public, and refused by the real Telegram. */
  clientSecret: string;
  /** The mock's bot (its Bot API is at the issuer): a fixed token that only the mock accepts. */
  botUsername: string;
  botToken: string;
  /** The simulated Telegram app, where the bot flow's links open. */
  appUrl: string;
}

/** `npx telegram-login-kit mock` with no options: port 9400 and its one bot. */
export const DEFAULT_MOCK: Readonly<MockSettings> = Object.freeze({
  issuer: 'http://127.0.0.1:9400',
  librarySrc: 'http://127.0.0.1:9400/js/telegram-login.js',
  clientId: '7700000001',
  clientSecret: 'mock-secret-7700000001-do-not-use-in-production',
  botUsername: 'MockLoginBot',
  botToken: '7700000001:AAMock-bot-token-do-not-use-in-prod',
  appUrl: 'http://127.0.0.1:9400/app',
});

/** What the snippets need besides the configuration. */
export interface SnippetContext {
  /** The package version the snippets pin. */
  version: string;
  /** The mock of the local target. */
  mock: MockSettings;
}

export const AUTH_BASE = '/auth/telegram';
/** Where the local server serves the element's files from: a copy of the package's dist/ folder. */
export const BUNDLE_DIR = 'telegram-login-kit';
export const BUNDLE_SRC = `/${BUNDLE_DIR}/telegram-login-kit.js`;
export const COPY_BUNDLE = `cp -R node_modules/telegram-login-kit/dist ${BUNDLE_DIR}`;

export function cdnUrl(context: SnippetContext): string {
  return `https://cdn.jsdelivr.net/npm/telegram-login-kit@${context.version}/dist/telegram-login-kit.js`;
}

/** The element's attributes for the configuration's look and flow, in the order docs/element.md lists them. */
export function elementAttributes(config: DemoConfig): Array<[name: string, value: string]> {
  // The bot flow has no OAuth client and asks no scopes; its server kit is at the default bot-url.
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

/**
 * Where Telegram is: the mock for the local target; nothing for production (the element defaults to
 * Telegram), nor for the bot flow (the page talks only to your server).
 */
export function providerAttributes(config: DemoConfig, context: SnippetContext): Array<[name: string, value: string]> {
  return config.target === 'local' && config.flow !== 'bot' ? [['issuer', context.mock.issuer], ['library-src', context.mock.librarySrc]] : [];
}

/** Every attribute a snippet's element gets. */
export function snippetAttributes(config: DemoConfig, context: SnippetContext): Array<[name: string, value: string]> {
  return [...elementAttributes(config), ...providerAttributes(config, context)];
}

export const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  'client-id': 'clientId',
  'request-access': 'requestAccess',
  'redirect-uri': 'redirectUri',
  'exchange-url': 'exchangeUrl',
  'icon-only': 'iconOnly',
  'full-width': 'fullWidth',
  'library-src': 'librarySrc',
};

export const isFlag = (name: string, value: string): boolean => value === '' && name !== 'client-id';

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A single-quoted JavaScript string. */
export const js = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** Lines that fit the code panel: `words` (attributes, props) filled up to `width` columns. */
export function fill(words: string[], { first, rest, width = 80 }: { first: string; rest: string; width?: number }): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? '' : ' ') + word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A sentence or two wrapped to `width` columns: the first line starts with `first`, the others with `rest`. */
export function paragraph(text: string, first: string, rest: string, width = 76): string[] {
  return fill(text.split(' '), { first, rest, width });
}

/** `<telegram-login-button …>label</telegram-login-button>`, wrapped to fit, at `indent`; `extra` attributes last. */
export function htmlTag(config: DemoConfig, context: SnippetContext, indent = '', extra: Array<[string, string]> = []): string {
  const words = [...snippetAttributes(config, context), ...extra].map(([name, value]) => (isFlag(name, value) ? name : `${name}="${escapeHtml(value)}"`));
  const lines = fill(words, { first: `${indent}<telegram-login-button `, rest: `${indent}  ` });
  const close = `>${escapeHtml(config.label)}</telegram-login-button>`;
  return lines.length === 1 ? lines[0] + close : `${lines.join('\n')}\n${indent}${close}`;
}

export const htmlComment = (line: string): string => `<!-- ${line.replace(/--/g, '- -')} -->`;
export const lineComment = (line: string): string => `// ${line}`;
export const hashComment = (line: string): string => `# ${line}`;

/** "Not ready yet" lines for the top of a snippet, in the snippet's own comment syntax. */
export function problemLines(config: DemoConfig, context: SnippetContext, comment: (line: string) => string): string {
  const problems = Object.values(validateConfig(config, context.mock));
  if (problems.length === 0) return '';
  return [comment('NOT READY: fix these in the generator first.'), ...problems.map((problem) => comment(`- ${problem}`))].join('\n') + '\n';
}

/** The mock command for someone who installed the package. */
export const MOCK_COMMAND = 'npx telegram-login-kit mock';

/** Indents every non-empty line. */
export const indented = (lines: string[], indent: string): string => lines.map((line) => (line ? indent + line : line)).join('\n');

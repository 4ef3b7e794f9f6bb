/** The `telegram-login-kit` command line: its arguments, its help and what it prints; cli.ts runs it. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkPublicUrl } from './options.js';
import type { MockTelegram } from './server.js';

export const NAME = 'telegram-login-kit';

export const USAGE = `Usage: ${NAME} mock [options]

Runs an offline Telegram: the login provider (oauth.telegram.org), the Bot API (api.telegram.org)
and a simulated Telegram app.
In a clone of the repository, run it with: npm run mock -- [options]

Options:
  --port <n>          port to listen on (default 9400; 0 picks a free one)
  --host <address>    interface to bind (default 127.0.0.1)
  --public-url <url>  public origin when behind a proxy (becomes the issuer)
  --auto-consent      complete every login at once as the first test user
  --control           enable POST /__mock/control (for tests; keep it off elsewhere)
  --quiet             do not log requests
  -v, --version       print the version
  -h, --help          show this help
`;

const OPTIONS = {
  port: { type: 'string', example: '--port 9400' },
  host: { type: 'string', example: '--host 127.0.0.1' },
  'public-url': { type: 'string', example: '--public-url https://mock.example' },
  'auto-consent': { type: 'boolean' },
  control: { type: 'boolean' },
  quiet: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** A mistake in the command line: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export interface CliArguments {
  command?: string;
  port: number;
  host: string;
  publicUrl?: string;
  autoConsent: boolean;
  control: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

function isOption(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** `--autoConsent`, `--public_url` and the like: the option that was probably meant. */
function suggestion(name: string): string {
  const loose = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  const meant = Object.keys(OPTIONS).find((known) => loose(known) === loose(name));
  return meant ? `; did you mean --${meant}?` : '';
}

/** Reads the arguments; throws a {@link UsageError} that names the option for anything it does not know. */
export function parseCli(argv: readonly string[]): CliArguments {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const values: Partial<Record<OptionName, string | boolean>> = {};
  const positionals: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (!isOption(token.name)) throw new UsageError(`unknown option ${token.rawName}${suggestion(token.name)}`);
    const spec = OPTIONS[token.name];
    if (spec.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    // Non-strict parsing would take `--port --quiet` as port "--quiet"; say that --port needs a value.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError(`${token.rawName} needs a value, e.g. ${spec.example}`);
    }
    values[token.name] = token.value;
  }
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const portText = String(values.port ?? '9400');
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be 0 to 65535, got ${JSON.stringify(portText)}`);
  const publicUrl = values['public-url'] as string | undefined;
  if (publicUrl !== undefined) {
    try {
      checkPublicUrl(publicUrl);
    } catch {
      throw new UsageError(`--public-url must be an http(s) URL such as https://mock.example, got ${JSON.stringify(publicUrl)}`);
    }
  }
  return {
    ...(command === undefined ? {} : { command }),
    port,
    host: String(values.host ?? '127.0.0.1'),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    autoConsent: values['auto-consent'] === true,
    control: values.control === true,
    quiet: values.quiet === true,
    help: values.help === true,
    version: values.version === true,
  };
}

export function version(): string {
  // dist/mock/cli.js → the package's own package.json, in the repository and in node_modules alike.
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** What the CLI prints once the mock listens: the values, and where each one goes in a site. */
export function startupBanner(mock: MockTelegram, autoConsent: boolean): string {
  const client = mock.defaultClient;
  const bot = mock.bots[0]!;
  return [
    `Mock Telegram is running at ${mock.issuer}`,
    '',
    `  issuer         ${mock.issuer}`,
    `  library        ${mock.libraryUrl}`,
    `  client id      ${client.id}`,
    `  client secret  ${client.secret}`,
    `  allowed URLs   ${client.allowedUrls.join(' ')}`,
    `  consent        ${autoConsent ? `automatic, as ${mock.users[0]!.firstName}` : 'a page in the popup'}`,
    `  bot token      ${bot.token}`,
    `  bot username   @${bot.username}`,
    `  Telegram app   ${mock.app.url}`,
    '',
    'Point your site at it: the issuer goes into the element\'s issuer attribute and the server\'s issuer',
    'option, the library URL into library-src:',
    '',
    `  <telegram-login-button client-id="${client.id}" issuer="${mock.issuer}"`,
    `    library-src="${mock.libraryUrl}"></telegram-login-button>`,
    '',
    `  createTelegramAuthHandler({ clientId: '${client.id}', clientSecret: '${client.secret}',`,
    `    issuer: '${mock.issuer}', redirectUri: …, session: … })`,
    '',
    'Bots: give yours the bot token and the issuer as its Bot API root instead of https://api.telegram.org',
    "(grammY: client.apiRoot). The Telegram app page plays the user; a deep link opens the bot's chat:",
    '',
    `  ${mock.deepLink(bot.username, 'hello')}`,
    '',
  ].join('\n');
}

/** Says what went wrong at start-up in one line, with the option to change; undefined for a real bug. */
export function startupFailure(error: unknown, args: CliArguments): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${args.port} is in use; pick another with --port`;
  if (code === 'EACCES') return `port ${args.port} needs privileges; pick one above 1023 with --port`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on --host ${args.host}: no such address on this machine`;
  if (error instanceof TypeError) return error.message;
  return undefined;
}

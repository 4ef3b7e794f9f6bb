#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockTelegram } from './server.js';

const USAGE = `Usage: telegram-login-kit mock [options]

Runs an offline mock of Telegram's login provider (oauth.telegram.org).

Options:
  --port <n>          port to listen on (default 9400; 0 picks a free one)
  --host <address>    interface to bind (default 127.0.0.1)
  --public-url <url>  public origin when behind a proxy (becomes the issuer)
  --auto-consent      complete every login at once as the first test user
  --control           enable POST /__mock/control (for tests; keep it off elsewhere)
  --quiet             do not log requests
  -h, --help          show this help
`;

function fail(message: string): never {
  process.stderr.write(`telegram-login-kit: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '9400' },
        host: { type: 'string', default: '127.0.0.1' },
        'public-url': { type: 'string' },
        'auto-consent': { type: 'boolean', default: false },
        control: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals[0] !== 'mock' || positionals.length > 1) {
    fail(positionals.length === 0 ? 'missing command' : `unknown command "${positionals.join(' ')}"`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0 to 65535, got "${values.port}"`);

  let mock;
  try {
    mock = await startMockTelegram({
      port,
      host: values.host,
      ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
      autoConsent: values['auto-consent'],
      control: values.control,
      ...(values.quiet ? {} : { onLog: (line: string) => process.stdout.write(`${line}\n`) }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      process.stderr.write(`telegram-login-kit: port ${port} is in use; pick another with --port\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(
    [
      `Mock Telegram is running at ${mock.issuer}`,
      `  issuer         ${mock.issuer}`,
      `  library        ${mock.libraryUrl}`,
      `  client id      ${mock.defaultClient.id}`,
      `  client secret  ${mock.defaultClient.secret}`,
      `  allowed URLs   ${mock.defaultClient.allowedUrls.join(' ')}`,
      `  consent        ${values['auto-consent'] ? `automatic, as ${mock.users[0]!.firstName}` : 'a page in the popup'}`,
      '',
    ].join('\n'),
  );
  const shutdown = () => {
    void mock.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`telegram-login-kit: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
